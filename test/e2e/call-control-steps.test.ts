import type { ObservedEvent } from '../../src/session/observer';
import { formatTranscript, type TranscriptEntry } from '../../src/simulator';
import { tempProject } from '../config/temp-project';
import { json, LocalHttpServer } from '../helpers/local-http-server';
import { compileFolder, startHarness, waitFor, type Harness } from '../runtime/helpers/runtime-harness';
import { startTestRouter, type TestRouter } from './helpers/router-server';

// dial, record, http and the HTTP router's forward, end to end: the real
// Runtime against the ARI simulator over loopback, both on one time scale
// (0.02: a 20 s ring timeout takes 400 real ms), with flows written here.

const FLOWS = `
routes:
  - { name: seq, extension: "1001", flow: dial-seq }
  - { name: par, extension: "1002", flow: dial-par }
  - { name: nobody, extension: "1003", flow: dial-none }
  - { name: busy, extension: "1004", flow: dial-busy }
  - { name: rec-silence, extension: "1101", flow: rec-silence }
  - { name: rec-key, extension: "1102", flow: rec-key }
  - { name: http-ok, extension: "1201", metadata: { tenant: acme }, flow: http-ok }
  - { name: http-slow, extension: "1202", flow: http-slow }
  - { name: http-bad, extension: "1203", flow: http-bad }
  - { name: http-500, extension: "1204", flow: http-500 }
  - { name: sub, extension: "1301", flow: sub-menu }
dispatch:
  - http: { url: "ROUTER_URL", timeout: 30s }
flows:
  dial-seq:
    - answer
    - dial:
        endpoints: [PJSIP/2001, PJSIP/2002]
        timeout: 20s
        headers: { X-Ticket: "T-{{ call.extension }}" }
    - play: sound:vm-goodbye
    - hangup
  dial-par:
    - answer
    - dial: { endpoints: [PJSIP/2101, PJSIP/2102, PJSIP/2103], strategy: parallel, timeout: 20s, into: agent }
    - hangup
  dial-none:
    - answer
    - dial:
        endpoints: [PJSIP/2201, PJSIP/2202]
        timeout: 5s
        no_answer: [{ play: sound:vm-nobodyavail }]
    - hangup
  dial-busy:
    - answer
    - dial: { endpoints: PJSIP/2301, strategy: parallel, busy: [{ hangup: busy }] }
    - play: sound:never-played
  rec-silence:
    - answer
    - record: { name: "vm-{{ call.id | replace: '.', '-' }}", max_silence: 2s, max_duration: 60s, beep: true }
    - play: "recording:{{ vars.recording }}"
    - hangup
  rec-key:
    - answer
    - record: { name: greeting-1102, terminate_on: "#", if_exists: overwrite, into: greeting }
    - listen_dtmf: { timeout: 1s, max_digits: 1 }
    - hangup
  http-ok:
    - answer
    - http:
        service: crm
        path: "/tenants/{{ metadata.tenant }}/lookup"
        query: { number: "{{ call.number }}" }
        body: { caller: "{{ call.number }}" }
        into: crm
        save: { customer: "$.customer.name" }
        on_error: [{ play: sound:vm-sorry }]
    - play: "digits:{{ vars.crm_status }}"
    - hangup
  http-slow:
    - answer
    - http: { service: crm, path: /slow, timeout: 2s, on_error: [{ play: sound:vm-sorry }] }
    - hangup
  http-bad:
    - answer
    - http: { service: crm, path: /bad, on_error: [{ play: sound:vm-sorry }] }
    - hangup
  http-500:
    - answer
    - http: { service: crm, path: /fail, on_error: [{ play: sound:vm-sorry }] }
    - hangup
  sub-menu:
    - answer
    - label: top
    - menu:
        prompt: { play: sound:demo-instruct }
        timeout: 3s
        options:
          "1": [{ call: opening-hours }, { goto: { label: top, max: 3 } }]
          "2": [{ play: sound:vm-goodbye }, hangup]
    - hangup
  opening-hours:
    - play: sound:hello-world
    - return
    - play: sound:never-played
`;

describe('dial, record, http and forward end to end (runtime + simulator over loopback)', () => {
  let crm: LocalHttpServer;
  let router: TestRouter;
  let h: Harness;
  const events: ObservedEvent[] = [];

  beforeAll(async () => {
    crm = await LocalHttpServer.start();
    crm.handler = (req, res) => {
      if (req.url.startsWith('/api/slow')) return; // never answers
      if (req.url.startsWith('/api/bad')) return void res.end('<html>not json</html>');
      if (req.url.startsWith('/api/fail')) return json(res, { error: 'down' }, 500);
      json(res, { customer: { name: 'Ada Lovelace' } });
    };
    router = await startTestRouter((req) => {
      if (req.extension === '9001') return { body: { action: 'forward', targets: ['PJSIP/3001', 'PJSIP/3002'], strategy: 'parallel', timeout: 20, headers: { 'X-Route': 'r-9001', Diversion: '<sip:x@y>' } } };
      if (req.extension === '9002') return { body: { action: 'forward', targets: ['PJSIP/3003'] } };
      return { body: { action: 'not_handled' } };
    });
    const dir = tempProject({
      'voxtra.config.yaml': `app: shop\nflows: flows/\nhttp_services:\n  crm: { url: "${crm.url}/api", timeout: 60s }\n`,
      'flows/main.yaml': FLOWS.replace('ROUTER_URL', router.url),
    });
    const { snapshots } = await compileFolder(dir);
    h = await startHarness({
      snapshots,
      // Talk times and bridge timings are measured by the runtime across ARI round trips: at 0.02 a loaded box's
      // 30 ms round trip is 1.5 simulated seconds and ate a 3 s talk time; at 0.05 it is 0.6 s.
      timeScale: 0.05,
      runtime: { observer: { variableSet: (e) => events.push({ kind: 'variableSet', ...e }) } },
      sim: {
        endpoints: {
          'PJSIP/2001': { kind: 'busy', ringMs: 1000 },
          'PJSIP/2002': { kind: 'answer', ringMs: 2000, hangupAfterMs: 5000 },
          'PJSIP/2101': { kind: 'answer', ringMs: 4000 },
          'PJSIP/2102': { kind: 'answer', ringMs: 1500, hangupAfterMs: 3000 },
          'PJSIP/2103': { kind: 'no-answer' },
          'PJSIP/2201': { kind: 'no-answer' },
          'PJSIP/2202': { kind: 'answer', ringMs: 30_000 },
          'PJSIP/2301': { kind: 'busy', ringMs: 500 },
          'PJSIP/3001': { kind: 'answer', ringMs: 3000 },
          'PJSIP/3002': { kind: 'answer', ringMs: 1000, hangupAfterMs: 4000 },
          'PJSIP/3003': { kind: 'busy', ringMs: 500 },
        },
      },
    });
  }, 20_000);

  afterAll(async () => {
    await h?.close();
    await crm?.close();
    await router?.close();
  });

  async function call(extension: string, opts: { talkMs?: number; script?: { afterMs: number; dtmf: string }[] } = {}): Promise<{ id: string; entries: TranscriptEntry[]; lines: string[]; vars: Record<string, unknown> }> {
    const id = h.sim.placeCall({ extension, callerNumber: '+15551230000', ...opts });
    const entries = await h.sim.waitForEnd(id, { timeoutMs: 120_000 });
    await waitFor(() => h.records.some((r) => r.callId === id && String(r.msg).startsWith('call ended')), 5000);
    const vars: Record<string, unknown> = {};
    for (const e of events) if (e.kind === 'variableSet' && e.callId === id) vars[e.name] = e.value;
    return { id, entries, lines: formatTranscript(entries).map((l) => l.replace(/^\s*[\d.]+s {2}/, '')), vars };
  }

  const legOf = (entries: readonly TranscriptEntry[], endpoint: string): string => {
    const e = entries.find((x) => x.kind === 'originated' && x.endpoint === endpoint);
    if (!e || e.kind !== 'originated') throw new Error(`no leg to ${endpoint}`);
    return e.channelId;
  };

  it('dial, sequential: busy, then answered and bridged; the far end hangs up and the flow goes on', async () => {
    const { entries, lines, vars } = await call('1001');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^originated PJSIP\/2001 \(.+\) with headers \{"X-Ticket":"T-1001"\}$/),
        'dial PJSIP/2001: BUSY',
        expect.stringMatching(/^originated PJSIP\/2002 /),
        'dial PJSIP/2002: ANSWER',
        expect.stringMatching(/^bridged with /),
        'heard sound:vm-goodbye',
        'hung up by app (cause 16)',
      ]),
    );
    const order = ['dial PJSIP/2001: BUSY', 'dial PJSIP/2002: ANSWER', 'heard sound:vm-goodbye'].map((l) => lines.indexOf(l));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const leg = h.sim.transcript(legOf(entries, 'PJSIP/2002'));
    expect(leg.find((e) => e.kind === 'hangup')).toMatchObject({ by: 'far-end' });
    // 2 s of ringing after the busy one, 5 s bridged, then the goodbye.
    const bridged = entries.find((e) => e.kind === 'bridged');
    const goodbye = entries.find((e) => e.kind === 'playback-finished' && e.media === 'sound:vm-goodbye');
    expect((goodbye?.atMs ?? 0) - (bridged?.atMs ?? 0)).toBeGreaterThanOrEqual(5000);
    expect(vars).toMatchObject({ dial: 'PJSIP/2002', dial_status: 'answered' });
    // Measured by the runtime from the moment both are in the bridge: round trips at this time scale eat into it.
    expect(vars.dial_duration).toBeGreaterThanOrEqual(3);
    expect(vars.dial_duration).toBeLessThanOrEqual(5);
  });

  it('dial, parallel: the first to answer is bridged, the others are hung up at once', async () => {
    const { entries, vars } = await call('1002');
    expect(vars).toMatchObject({ agent: 'PJSIP/2102', agent_status: 'answered' });
    expect(vars.agent_duration).toBeGreaterThanOrEqual(1);
    expect(vars.agent_duration).toBeLessThanOrEqual(3);
    const winner = h.sim.transcript(legOf(entries, 'PJSIP/2102'));
    expect(winner.map((e) => e.kind)).toEqual(expect.arrayContaining(['answered', 'bridged']));
    for (const loser of ['PJSIP/2101', 'PJSIP/2103']) {
      const t = h.sim.transcript(legOf(entries, loser));
      expect(t.map((e) => e.kind)).not.toContain('answered');
      // Hung up by us when 2102 answered (1.5 s), long before 2101 would have (4 s).
      expect(t.find((e) => e.kind === 'hangup')).toMatchObject({ by: 'app', cause: 26 });
      expect(t.find((e) => e.kind === 'hangup')?.atMs).toBeLessThan(4000);
    }
  });

  it('dial, not answered: each endpoint rings out, the no_answer branch plays', async () => {
    const { entries, lines, vars } = await call('1003');
    expect(vars).toEqual({ dial: 'PJSIP/2202', dial_status: 'no_answer', dial_duration: 0 });
    expect(lines.filter((l) => l.startsWith('originated')).length).toBe(2);
    expect(lines).toContain('heard sound:vm-nobodyavail');
    expect(entries.some((e) => e.kind === 'bridged')).toBe(false);
    const second = h.sim.transcript(legOf(entries, 'PJSIP/2202'));
    // Rung out at 5 s: by Asterisk's originate timeout or by Voxtra's own timer, whichever came first.
    expect(second.find((e) => e.kind === 'hangup')).toMatchObject({ cause: 19 });
  });

  it('dial, busy: the busy branch hangs the caller up with cause busy', async () => {
    const { lines, vars } = await call('1004');
    expect(vars.dial_status).toBe('busy');
    expect(lines).toContain('hung up by app (cause 17)');
    expect(lines.join('\n')).not.toContain('never-played');
  });

  it('record ends on silence after the caller spoke; the recording plays back', async () => {
    const { id, lines, vars } = await call('1101', { talkMs: 3000 });
    const name = `vm-${id.replace('.', '-')}`;
    expect(lines).toEqual(expect.arrayContaining([`recording ${name} (wav)`, expect.stringMatching(new RegExp(`^recording ${name} ended: 3\\.\\ds \\(silence\\)$`)), `heard recording:${name}`]));
    expect(vars).toMatchObject({ recording: name, recording_status: 'done', recording_cause: 'silence', recording_format: 'wav' });
  });

  it('record ends on the terminating key, which the next listen does not see', async () => {
    const { lines, vars } = await call('1102', { talkMs: 10_000, script: [{ afterMs: 2000, dtmf: '#' }] });
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^recording greeting-1102 ended: .*\(key\)$/)]));
    expect(vars).toMatchObject({ greeting: 'greeting-1102', greeting_status: 'done', greeting_cause: 'key', digits: '', digits_status: 'timeout' });
  });

  it('http success: the request carries the trusted path and the caller data as query and body; the answer is saved', async () => {
    const before = crm.received.length;
    const { lines, vars } = await call('1201');
    const req = crm.received[before];
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/tenants/acme/lookup?number=%2B15551230000');
    expect(JSON.parse(req.body)).toEqual({ caller: '+15551230000' });
    expect(vars).toMatchObject({ crm: { customer: { name: 'Ada Lovelace' } }, crm_status: 200, crm_error: '', customer: 'Ada Lovelace' });
    expect(lines).toContain('heard digits:200');
    expect(lines.join('\n')).not.toContain('vm-sorry');
  });

  it('http timeout, bad JSON and 500 each run on_error with the status and error in variables', async () => {
    const slow = await call('1202');
    expect(slow.vars).toMatchObject({ http: null, http_status: 0, http_error: 'timeout' });
    expect(slow.lines).toContain('heard sound:vm-sorry');
    const bad = await call('1203');
    expect(bad.vars).toMatchObject({ http: null, http_status: 200, http_error: 'bad_json' });
    expect(bad.lines).toContain('heard sound:vm-sorry');
    const failed = await call('1204');
    expect(failed.vars).toMatchObject({ http: { error: 'down' }, http_status: 500, http_error: 'status' });
    expect(failed.lines).toContain('heard sound:vm-sorry');
  });

  it('a sub-flow called from a menu option returns, and the menu is offered again', async () => {
    const id = h.sim.placeCall({ extension: '1301' });
    const heard = (media: string, n: number) => () => h.sim.transcript(id).filter((e) => e.kind === 'playback-started' && e.media === media).length >= n;
    // The digits must land during the prompt: an 11 s one (demo-instruct) leaves 550 ms of real time at this scale.
    await waitFor(heard('sound:demo-instruct', 1), 10_000);
    h.sim.sendDtmf(id, '1');
    await waitFor(heard('sound:demo-instruct', 2), 10_000);
    h.sim.sendDtmf(id, '2');
    const lines = formatTranscript(await h.sim.waitForEnd(id, { timeoutMs: 60_000 })).map((l) => l.replace(/^\s*[\d.]+s {2}/, ''));
    const media = lines.filter((l) => /^(heard|pressed|hung up)/.test(l));
    expect(media).toEqual([
      'pressed 1',
      'heard part of sound:demo-instruct (stopped by app)',
      'heard sound:hello-world',
      'pressed 2',
      'heard part of sound:demo-instruct (stopped by app)',
      'heard sound:vm-goodbye',
      'hung up by app (cause 16)',
    ]);
  });

  it('an HTTP router forward dials its targets in parallel with its headers; the caller is hung up when the call ends', async () => {
    const { entries, lines } = await call('9001');
    const forwardedHeaders = entries.filter((e) => e.kind === 'originated').map((e) => (e.kind === 'originated' ? e.headers : undefined));
    // X-Route passes; Diversion is not a header a dial may add, so it is left out.
    expect(forwardedHeaders).toEqual([{ 'X-Route': 'r-9001' }, { 'X-Route': 'r-9001' }]);
    expect(lines).toEqual(expect.arrayContaining(['dial PJSIP/3002: ANSWER', expect.stringMatching(/^bridged with /), 'hung up by app (cause 16)']));
    expect(h.sim.transcript(legOf(entries, 'PJSIP/3001')).find((e) => e.kind === 'hangup')).toMatchObject({ by: 'app', cause: 26 });
    expect(h.records.some((r) => String(r.msg) === 'forward: answered (PJSIP/3002)')).toBe(true);
    expect(h.records.some((r) => /Diversion.*left out/.test(String(r.msg)))).toBe(true);
  });

  it('an HTTP router forward nobody answers hangs the caller up with the matching cause', async () => {
    const { lines } = await call('9002');
    expect(lines).toEqual(expect.arrayContaining(['dial PJSIP/3003: BUSY', 'hung up by app (cause 17)']));
  });
});
