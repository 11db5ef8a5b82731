/**
 * A persistent outbound connection (websocket_client.conf `connection_type =
 * persistent`) from the simulator, as Asterisk, to one `voxtra run` replica's
 * `listen` server, through a TCP relay the test cuts: the connection drops
 * with calls in progress and stays down while the caller presses a digit and
 * a new call arrives (Asterisk queues both), then comes back. Calls in
 * progress go on (their requests over HTTP meanwhile), the queued events are
 * handled once each after the reconnect, and nothing is handled twice.
 */
import { rmSync } from 'node:fs';
import { AriSimulator } from '../../src/simulator';
import { tempProject } from '../config/temp-project';
import { freePorts } from '../helpers/haproxy-process';
import { DONE_VAR, settleAll, verdict } from './helpers/call-load';
import { TcpGate } from './helpers/tcp-gate';
import { metricValue, VoxtraReplica } from './helpers/voxtra-replica';

jest.setTimeout(60_000);

const TIME_SCALE = 0.05;
const WS_AUTH = { username: 'asterisk', password: 'ws-secret' };

/**
 * 1000: the plain call. 2000: waits for a digit (the caller presses it while the socket is down). 3000: waits
 * 1.5 s (runtime time) then sets the variable and hangs up: those requests go out while the socket is down.
 */
const FLOWS = `
routes:
  - name: digit
    extension: "2000"
    steps:
      - answer
      - menu:
          prompt: sound:beep
          timeout: 30s
          attempts: 1
          options:
            "5": [{ set_channel_var: { VOXTRA_DIGIT: "5" } }]
      - set_channel_var: { ${DONE_VAR}: "digit" }
      - hangup
  - name: pause
    extension: "3000"
    steps:
      - answer
      - wait: 1500ms
      - set_channel_var: { ${DONE_VAR}: "pause" }
      - hangup
default:
  - answer
  - play: sound:silence/5
  - set_channel_var: { ${DONE_VAR}: "plain" }
  - hangup
`;

describe('a persistent outbound connection that drops and comes back', () => {
  let sim: AriSimulator | undefined;
  let replica: VoxtraReplica | undefined;
  let gate: TcpGate | undefined;

  afterAll(async () => {
    await sim?.stop();
    await replica?.dispose();
    await gate?.close();
    if (replica) rmSync(replica.dir, { recursive: true, force: true });
  });

  it('keeps the calls in progress, handles the queued DTMF and the queued new call once each, and nothing twice', async () => {
    const s = (sim = await AriSimulator.start({ timeScale: TIME_SCALE }));
    const [listenPort, opsPort] = await freePorts(2);
    const g = (gate = await TcpGate.start({ host: '127.0.0.1', port: listenPort }));
    const config = [
      'app: shop',
      'flows: flows/',
      `http: { listen: 127.0.0.1:${opsPort} }`,
      'ari:',
      '  - name: edge',
      `    listen: 127.0.0.1:${listenPort}`,
      '    path: /voxtra',
      `    username: ${WS_AUTH.username}`,
      '    password: ${VOXTRA_WS_PASSWORD}',
      '    connection: persistent',
      `    url: ${s.url}`,
      '    ari_username: voxtra',
      '    ari_password: voxtra',
      '',
    ].join('\n');
    const dir = tempProject({ 'voxtra.config.yaml': config, 'flows/main.yaml': FLOWS });
    const r = (replica = VoxtraReplica.spawn({ name: 'voxtra', dir, opsPort, env: { VOXTRA_WS_PASSWORD: WS_AUTH.password } }));
    await r.waitForLog((l) => l.msg.startsWith('listening for Asterisk outbound'), 'the listener');
    s.setOutbound('voxtra-persistent', { uri: `ws://127.0.0.1:${g.port}/voxtra`, connectionType: 'persistent', apps: ['shop'], ...WS_AUTH, reconnectIntervalMs: 1500 });
    await r.until(() => s.outbound()[0]?.state === 'connected', 'the persistent connection');
    await r.waitReady();

    // Two calls in progress when the connection drops.
    const digit = s.placeCall({ app: 'shop', extension: '2000' });
    const pause = s.placeCall({ app: 'shop', extension: '3000' });
    await r.until(() => s.transcript(digit).some((e) => e.kind === 'playback-finished') && s.transcript(pause).some((e) => e.kind === 'answered'), 'both calls in progress');
    g.cut();
    await r.waitForLog((l) => l.msg.startsWith('persistent connection from Asterisk closed'), 'the drop');

    // While it is down: the caller presses 5, a new call arrives, the other call's requests go over HTTP.
    s.sendDtmf(digit, '5');
    const queued = s.placeCall({ app: 'shop', extension: '1000' });
    await r.until(() => s.transcript(pause).some((e) => e.kind === 'variable-set' && e.name === DONE_VAR), 'the pausing call\'s requests while the socket is down', 10_000);
    await r.until(() => (s.outbound()[0]?.failures ?? 0) >= 2, 'Asterisk\'s reconnect attempts to fail twice');
    const queuedLines = s.asteriskLog().map((e) => e.message).filter((m) => m.includes("Queued '"));
    expect(queuedLines).toEqual(expect.arrayContaining([expect.stringContaining("Queued 'ChannelDtmfReceived'"), expect.stringContaining("Queued 'StasisStart'")]));
    expect(s.transcript(queued).some((e) => e.kind === 'answered')).toBe(false);
    expect(r.routedCalls().has(queued)).toBe(false);

    g.mend();
    const verdicts = await settleAll(s, [digit, pause, queued]);
    expect(Object.fromEntries([...verdicts].map(([id, v]) => [id, v.why]))).toEqual({ [digit]: 'ok', [pause]: 'ok', [queued]: 'ok' });
    expect([digit, pause, queued].map((id) => verdicts.get(id)?.version)).toEqual(['digit', 'pause', 'plain']);
    expect(s.transcript(digit).filter((e) => e.kind === 'variable-set' && e.name === 'VOXTRA_DIGIT')).toHaveLength(1);

    // Each call routed once, nothing adopted as unknown, no duplicate: the replica's log and metrics agree.
    const routed = r.logs().filter((l) => String(l.msg).startsWith('routed'));
    expect(routed.map((l) => l.callId).sort()).toEqual([digit, pause, queued].sort());
    expect(r.logs().filter((l) => String(l.msg).startsWith('found a call in our app'))).toEqual([]);
    // A call counts once its session ended, a moment after the channel did.
    const metrics = await r.until(async () => {
      const text = await r.metrics();
      return metricValue(text, 'voxtra_calls_total') >= 3 && text;
    }, 'three calls counted');
    expect(metricValue(metrics, 'voxtra_calls_total')).toBe(3);
    expect(metricValue(metrics, 'voxtra_calls_total', { outcome: 'completed' })).toBe(3);
    expect(metricValue(metrics, 'voxtra_ws_connections_total', { kind: 'persistent', result: 'accepted' })).toBe(2);
    expect(verdict(s.transcript(queued)).ok).toBe(true);
  });
});
