import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../src/core/clock';
import { memoryLogger } from '../../src/core/logger';
import { createLogger } from '../../src/observability/logger';
import { buildServices } from '../../src/runtime/services';
import type { SessionResult } from '../../src/session/call-session';
import { checkMediaUri } from '../../src/session/media-uri';
import { DIALPLAN_EXTENSION, QUEUE_NAME, VARIABLE_NAME } from '../../src/call/safe-input';
import type { TranscriptEntry } from '../../src/simulator';
import { SimulatedSpeechEngine } from '../../src/tts/simulated-engine';
import { tempProject } from '../config/temp-project';
import { startTestRouter, type TestRouter } from '../e2e/helpers/router-server';
import { compileFolder, startHarness, waitFor, type Harness } from '../runtime/helpers/runtime-harness';

// Caller ids, DTMF and HTTP router answers are untrusted. Each route below
// hands one of them to a sink (a media URI, a channel variable, a queue
// name, a dialplan target, a dial string, a log line); hostile values must
// be refused or bounded there, the call must end cleanly, and nothing unsafe
// may reach Asterisk.

const HOSTILE: Record<string, string> = {
  '10 kB of digits': '1'.repeat(10_000),
  '10 kB of junk': 'x<>"\'&;|`'.repeat(1100),
  newline: '5551000\r\nX-Injected: yes',
  'dialplan expression': '${SHELL}${EXTEN:1}',
  'printf format': '%s%s%n%x',
  NUL: '555\u00001000',
  unicode: '☎️ 𝔘nicode ñ \u202e',
  'dial string': 'PJSIP/evil&Local/1000@default',
  'path climb': '../../../../etc/passwd',
  'plain digits': '5551000',
};

const flows = (routerUrl: string): string => `
routes:
  - { name: media, extension: "1001", steps: [answer, { play: "digits:{{ call.caller }}" }, hangup] }
  - { name: var, extension: "1002", steps: [answer, { set_channel_var: { VOXTRA_CALLER: "{{ call.caller }}", VOXTRA_NAME: "{{ call.caller_name }}" } }, hangup] }
  - { name: queue, extension: "1003", steps: [answer, { transfer_to_queue: "{{ call.caller }}" }] }
  - { name: dialplan, extension: "1004", steps: [answer, { continue_in_dialplan: { context: voxtra-test, extension: "{{ call.caller }}" } }] }
  - { name: speech, extension: "1005", steps: [answer, { say: "Hello {{ call.caller_name }}" }, { log: "caller {{ call.caller }} named {{ call.caller_name }}" }, hangup] }
  - { name: dial, extension: "1006", steps: [answer, { dial: { endpoints: "PJSIP/{{ call.caller }}", timeout: 5s } }, hangup] }
  - name: digits
    extension: "1007"
    steps:
      - answer
      - listen_dtmf: { max_digits: 10, timeout: 5s, inter_digit_timeout: 2s, terminator: "", into: d }
      - play: "digits:{{ vars.d }}"
      - hangup
  - name: loop
    extension: "1008"
    steps: [answer, { label: top }, { set: { n: "again" } }, { goto: { label: top, max: 1000 } }, hangup]
dispatch:
  - name: router
    http: { url: "${routerUrl}", timeout: 2s }
default: [answer, { play: sound:beep }, hangup]
`;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

describe('hostile caller input and router answers', () => {
  let router: TestRouter;
  let h: Harness;
  const lines: string[] = [];
  const ends = new Map<string, SessionResult>();

  beforeAll(async () => {
    router = await startTestRouter((req) => {
      if (req.extension === '2001') return { body: { action: 'forward', targets: ['PJSIP/a&PJSIP/b'], headers: { 'X-Ok': 'v' } } };
      if (req.extension === '2002') return { body: { action: 'forward', targets: ['PJSIP/1001'], headers: { 'X-Evil': 'v\r\nInjected: 1' } } };
      if (req.extension === '2003') return { body: { flow: '../../etc/passwd' } };
      if (req.extension === '2004') return { body: { action: 'flow', flow: 'x', steps: [{ dial: 'PJSIP/evil' }] } };
      return { body: { action: 'not_handled' } };
    });
    const cwd = tempProject({ 'voxtra.config.yaml': 'app: shop\nflows: flows/\nruntime: { max_steps_per_call: 50 }\n', 'flows/main.yaml': flows(router.url) });
    const { snapshots } = await compileFolder(cwd);
    const services = await buildServices({ snapshots, baseDir: cwd, simulator: true, clock: systemClock, logger: memoryLogger(), ttsEngine: new SimulatedSpeechEngine(), ttsDir: mkdtempSync(path.join(os.tmpdir(), 'voxtra-tts-')) });
    // A real JSON logger: every line it writes must stay one parseable line, whatever the caller sent.
    const logger = createLogger({ format: 'json', level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
    h = await startHarness({ snapshots, sim: { endpoints: { 'PJSIP/1001': { kind: 'busy', ringMs: 100 } } }, runtime: { services, logger, onCallEnded: ({ channelId, result }) => ends.set(channelId, result) } });
  });

  afterAll(async () => {
    await h.close();
    await router.close();
  });

  async function call(extension: string, callerNumber: string, callerName = callerNumber): Promise<{ result: SessionResult; transcript: TranscriptEntry[] }> {
    const id = h.sim.placeCall({ extension, callerNumber, callerName });
    await waitFor(() => ends.has(id), 20_000);
    // Hung up or sent on, the channel always leaves Stasis (the event may trail the session's end by a moment).
    await waitFor(() => h.sim.transcript(id).some((e) => e.kind === 'stasis-end'));
    return { result: ends.get(id) as SessionResult, transcript: h.sim.transcript(id) };
  }

  /** Nothing unsafe reached Asterisk in this call. */
  function expectSafe(transcript: TranscriptEntry[]): void {
    for (const e of transcript) {
      if (e.kind === 'variable-set') {
        expect(e.name).toMatch(VARIABLE_NAME);
        expect(e.value).not.toMatch(CONTROL);
      }
      if (e.kind === 'playback-started') expect(() => checkMediaUri(e.media)).not.toThrow();
      if (e.kind === 'continued') expect(e.extension).toMatch(DIALPLAN_EXTENSION);
      if (e.kind === 'queue') expect(e.queue).toMatch(QUEUE_NAME);
      if (e.kind === 'originated') expect(e.endpoint).toMatch(/^PJSIP\/[A-Za-z0-9_.+*#@:-]+$/);
    }
  }

  for (const [label, value] of Object.entries(HOSTILE)) {
    it(`caller id "${label}" never reaches a sink unchecked, and every call ends cleanly`, async () => {
      for (const extension of ['1001', '1002', '1003', '1004', '1005', '1006']) {
        const { result, transcript } = await call(extension, value);
        expectSafe(transcript);
        // Refused input ends the flow as a failure of that step (UNSAFE_INPUT), never anything worse.
        if (result.outcome === 'error') expect([extension, result.error?.code]).toEqual([extension, 'UNSAFE_INPUT']);
      }
    });
  }

  it('a plain caller id goes through every sink', async () => {
    expect((await call('1001', '5551000')).transcript.filter((e) => e.kind === 'playback-started').map((e) => (e as { media: string }).media)).toEqual(['digits:5551000']);
    expect((await call('1002', '5551000', 'Jane')).transcript.filter((e) => e.kind === 'variable-set').map((e) => [(e as { name: string }).name, (e as { value: string }).value])).toEqual(
      expect.arrayContaining([['VOXTRA_CALLER', '5551000'], ['VOXTRA_NAME', 'Jane']]),
    );
    expect((await call('1004', '5551000')).transcript.find((e) => e.kind === 'continued')).toMatchObject({ context: 'voxtra-test', extension: '5551000' });
  });

  it('cuts a 10 kB caller id before routing and logs it bounded, on single JSON lines', async () => {
    const { transcript } = await call('1002', '7'.repeat(10_000), 'n'.repeat(10_000));
    const set = transcript.filter((e) => e.kind === 'variable-set').map((e) => (e as { value: string }).value);
    expect(set).toEqual(expect.arrayContaining(['7'.repeat(256), 'n'.repeat(256)]));
    for (const line of lines) {
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toContain('\n');
      const parsed = JSON.parse(line) as { caller?: string; extension?: string };
      if (parsed.caller !== undefined) expect(parsed.caller.length).toBeLessThanOrEqual(65);
    }
    expect(lines.some((l) => /too long, cut: caller number, caller name/.test(l))).toBe(true);
  });

  it('collects at most max_digits of hundreds of pressed digits', async () => {
    const id = h.sim.placeCall({ extension: '1007', callerNumber: '5551000' });
    await waitFor(() => h.sim.transcript(id).some((e) => e.kind === 'answered'));
    h.sim.sendDtmf(id, '1234567890'.repeat(50), { durationMs: 20, gapMs: 40 });
    await waitFor(() => ends.has(id), 30_000);
    const played = h.sim.transcript(id).filter((e) => e.kind === 'playback-started').map((e) => (e as { media: string }).media);
    expect(played).toEqual(['digits:1234567890']);
  });

  it('stops a call that runs past the per-call step budget', async () => {
    const { result, transcript } = await call('1008', '5551000');
    expect(result).toMatchObject({ outcome: 'error', error: { code: 'STEP_BUDGET_EXCEEDED' } });
    expect(transcript.find((e) => e.kind === 'hangup')).toMatchObject({ by: 'app' });
  });

  it('refuses hostile HTTP router answers: the call falls through to the default and nothing is dialled', async () => {
    for (const extension of ['2001', '2002', '2003', '2004']) {
      const { transcript } = await call(extension, '5551000');
      expect([extension, transcript.filter((e) => e.kind === 'originated')]).toEqual([extension, []]);
      expect(transcript.filter((e) => e.kind === 'playback-started').map((e) => (e as { media: string }).media)).toEqual(['sound:beep']);
    }
    expect(router.requests.map((r) => r.extension)).toEqual(expect.arrayContaining(['2001', '2002', '2003', '2004']));
  });

  it('leaves nothing behind', async () => {
    await waitFor(() => h.runtime.activeCalls === 0 && h.runtime.counts.liveControls === 0);
    expect(h.runtime.counts).toEqual({ sessions: 0, policyActions: 0, liveControls: 0, dialLegs: 0, demuxListeners: 0 });
  });
});
