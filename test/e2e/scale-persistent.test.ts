/**
 * A persistent outbound connection (websocket_client.conf `connection_type =
 * persistent`) from the simulator, as Asterisk, to one `voxtra run` replica's
 * `listen` server, through a TCP relay the test can cut. In order:
 *
 * - the connection drops with calls in progress and stays down while the
 *   caller presses a digit and a new call arrives (Asterisk queues both),
 *   then comes back: calls in progress go on (their requests over HTTP
 *   meanwhile), the queued events are handled once each, nothing twice;
 * - the replica is killed (SIGKILL) with a call in progress and a new call
 *   arrives while it is gone: the restarted process gets the queued call,
 *   and applies unknown_channels to the call the killed one held;
 * - SIGTERM: the call in progress finishes, a new call arriving on the
 *   persistent socket meanwhile gets runtime.shutdown.new_calls;
 * - Asterisk restarts: its calls end, it connects again by itself, the next
 *   call is handled.
 */
import { rmSync } from 'node:fs';
import { AriSimulator } from '../../src/simulator';
import { tempProject } from '../config/temp-project';
import { freePorts } from '../helpers/haproxy-process';
import { DONE_VAR, settleAll } from './helpers/call-load';
import { LISTEN_ENV, listenConfig, WS_AUTH } from './helpers/listen-config';
import { scaleReport } from './helpers/scale-report';
import { TcpGate } from './helpers/tcp-gate';
import { until } from './helpers/until';
import { metricValue, VoxtraReplica } from './helpers/voxtra-replica';

jest.setTimeout(60_000);

const TIME_SCALE = 0.05;

/**
 * 1000: the plain call. 2000: waits for a digit (pressed while the socket is down, or to end a held call).
 * 3000: waits 1.5 s (the replica runs in real time) then sets the variable and hangs up: those requests go out while the socket is down.
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

describe('a persistent outbound connection', () => {
  let sim: AriSimulator;
  let replica: VoxtraReplica;
  let gate: TcpGate;

  const place = (extension: string): string => sim.placeCall({ app: 'shop', extension });
  const routed = (id: string): number => replica.logs().filter((l) => l.callId === id && String(l.msg).startsWith('routed')).length;
  const orphaned = (id: string): boolean => replica.logs().some((l) => l.callId === id && String(l.msg).startsWith('found a call in our app'));
  const answered = (id: string): boolean => sim.transcript(id).some((e) => e.kind === 'answered');
  const connected = (): Promise<boolean> => until(() => sim.outbound()[0]?.state === 'connected', 'the persistent connection');

  beforeAll(async () => {
    sim = await AriSimulator.start({ timeScale: TIME_SCALE });
    const [listenPort, opsPort] = await freePorts(2);
    gate = await TcpGate.start({ host: '127.0.0.1', port: listenPort });
    const config = listenConfig({ listenPort, opsPort, flows: 'flows/', connection: 'persistent', url: sim.url });
    const dir = tempProject({ 'voxtra.config.yaml': config, 'flows/main.yaml': FLOWS });
    replica = VoxtraReplica.spawn({ name: 'voxtra', dir, opsPort, env: LISTEN_ENV });
    await replica.waitForLog((l) => l.msg.startsWith('listening for Asterisk outbound'), 'the listener');
    // reconnect_interval as recorded (1.5 s).
    sim.setOutbound('voxtra-persistent', { uri: `ws://127.0.0.1:${gate.port}/voxtra`, connectionType: 'persistent', apps: ['shop'], ...WS_AUTH, reconnectIntervalMs: 1500 });
    await connected();
    await replica.waitReady();
  });

  afterAll(async () => {
    await sim?.stop();
    await replica?.dispose();
    await gate?.close();
    if (replica) rmSync(replica.dir, { recursive: true, force: true });
  });

  it('drops and comes back: calls in progress go on, the queued DTMF and the queued new call are handled once each, nothing twice', async () => {
    // Two calls in progress when the connection drops.
    const digit = place('2000');
    const pause = place('3000');
    await until(() => sim.transcript(digit).some((e) => e.kind === 'playback-finished') && answered(pause), 'both calls in progress');
    // A request on the socket when it drops fails its call (ARI_CONNECTION_LOST: its answer is lost and it is not
    // sent twice). This test is about calls that are idle at the drop, so it cuts once the replica has no ARI
    // request in flight (on a loaded box the digit call's play was still unanswered after its PlaybackFinished;
    // the pausing call is in its 1.5 s wait either way).
    await replica.until(async () => {
      const text = await replica.metrics();
      return text.includes('voxtra_ari_requests_in_flight{server="edge"}') && metricValue(text, 'voxtra_ari_requests_in_flight', { server: 'edge' }) === 0;
    }, 'no ARI request in flight');
    gate.cut();
    await replica.waitForLog((l) => l.msg.startsWith('persistent connection from Asterisk closed'), 'the drop');

    // While it is down: the caller presses 5, a new call arrives, the other call's requests go over HTTP.
    sim.sendDtmf(digit, '5');
    const queued = place('1000');
    const queuedAt = Date.now();
    await until(() => sim.transcript(pause).some((e) => e.kind === 'variable-set' && e.name === DONE_VAR), "the pausing call's requests while the socket is down", { timeoutMs: 10_000 });
    await until(() => (sim.outbound()[0]?.failures ?? 0) >= 2, "Asterisk's reconnect attempts to fail twice");
    const queuedLines = sim.asteriskLog().map((e) => e.message).filter((m) => m.includes("Queued '"));
    expect(queuedLines).toEqual(expect.arrayContaining([expect.stringContaining("Queued 'ChannelDtmfReceived'"), expect.stringContaining("Queued 'StasisStart'")]));
    expect(answered(queued)).toBe(false);
    expect(routed(queued)).toBe(0);

    gate.mend();
    const mendedAt = Date.now();
    await until(() => answered(queued), 'the queued call answered');
    const answeredAt = Date.now();
    const verdicts = await settleAll(sim, [digit, pause, queued]);
    expect(Object.fromEntries([...verdicts].map(([id, v]) => [id, v.why]))).toEqual({ [digit]: 'ok', [pause]: 'ok', [queued]: 'ok' });
    expect([digit, pause, queued].map((id) => verdicts.get(id)?.version)).toEqual(['digit', 'pause', 'plain']);
    expect(sim.transcript(digit).filter((e) => e.kind === 'variable-set' && e.name === 'VOXTRA_DIGIT')).toHaveLength(1);

    // Each call routed once, nothing adopted as unknown, no duplicate: the replica's log and metrics agree.
    expect([digit, pause, queued].map(routed)).toEqual([1, 1, 1]);
    expect(replica.logs().filter((l) => String(l.msg).startsWith('found a call in our app'))).toEqual([]);
    // A call counts once its session ended, a moment after the channel did.
    const metrics = await replica.until(async () => {
      const text = await replica.metrics();
      return metricValue(text, 'voxtra_calls_total') >= 3 && text;
    }, 'three calls counted');
    expect(metricValue(metrics, 'voxtra_calls_total')).toBe(3);
    expect(metricValue(metrics, 'voxtra_calls_total', { outcome: 'completed' })).toBe(3);
    expect(metricValue(metrics, 'voxtra_ws_connections_total', { kind: 'persistent', result: 'accepted' })).toBe(2);
    scaleReport('persistent, socket drop', { callsInProgress: 2, survived: 2, queuedNewCallWaitedMs: answeredAt - queuedAt, answeredAfterReconnectMs: answeredAt - mendedAt, handledTwice: 0 });
  });

  it('SIGKILL: the restarted process gets the call that arrived meanwhile (delayed, not lost) and applies unknown_channels to the killed one\'s call', async () => {
    const held = place('2000');
    await until(() => answered(held) && routed(held) === 1, 'a call in progress');
    expect(await replica.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    // "Meanwhile" is once Asterisk knows the socket is gone: a StasisStart written to it before that is lost with
    // it (the restarted process then finds that call and applies unknown_channels, as for the killed one's call).
    await until(() => sim.outbound()[0]?.state !== 'connected', 'Asterisk noticing the socket is gone');
    const waiting = place('1000');
    const placedAt = Date.now();
    await until(() => (sim.outbound()[0]?.failures ?? 0) >= 1, 'Asterisk retrying');
    replica.restart();
    const restartedAt = Date.now();
    await until(() => answered(waiting), 'the waiting call answered');
    const answeredAt = Date.now();
    const verdicts = await settleAll(sim, [held, waiting]);
    expect(verdicts.get(waiting)?.why).toBe('ok');
    expect(verdicts.get(held)?.ok).toBe(false);
    await replica.until(() => orphaned(held), 'unknown_channels applied to the held call');
    expect(sim.transcript(held).find((e) => e.kind === 'hangup')).toMatchObject({ by: 'app' });
    expect(routed(waiting)).toBe(1);
    scaleReport('persistent, SIGKILL', { newCallWaitedMs: answeredAt - placedAt, answeredAfterRestartMs: answeredAt - restartedAt, killedProcessCall: 'unknown_channels (hangup) by the restarted process' });
  });

  it('SIGTERM: the call in progress finishes on the persistent socket; a new call arriving on it meanwhile gets runtime.shutdown.new_calls', async () => {
    await replica.waitReady();
    const held = place('2000');
    await until(() => answered(held) && sim.transcript(held).some((e) => e.kind === 'playback-finished'), 'a call in progress');
    replica.signal('SIGTERM');
    await replica.waitForLog((l) => String(l.msg).startsWith('shutting down'), 'the drain');
    const turnedAway = place('1000');
    await until(() => sim.calls().find((c) => c.channelId === turnedAway)?.ended === true, 'the new call to end');
    sim.sendDtmf(held, '5');
    expect(await replica.exited).toEqual({ code: 0, signal: null });
    const verdicts = await settleAll(sim, [held, turnedAway]);
    expect(verdicts.get(held)?.why).toBe('ok');
    expect(verdicts.get(turnedAway)?.ok).toBe(false);
    expect(replica.logs(-1).find((l) => l.callId === turnedAway)?.msg).toContain('shutting down');
    expect(replica.logs(-1).find((l) => l.msg === 'runtime stopped')).toMatchObject({ inProgress: 1, finished: 1, hungUp: 0 });
    scaleReport('persistent, SIGTERM', { inProgressFinished: 1, newCallDuringDrain: 'new_calls (hangup)' });
  });

  it('Asterisk restarts: its calls end, it connects again by itself and the next call is handled', async () => {
    replica.restart();
    await connected();
    await replica.waitReady();
    const held = place('2000');
    await until(() => answered(held) && routed(held) === 1, 'a call in progress');
    await sim.stop();
    await replica.waitForLog((l) => l.msg.startsWith('persistent connection from Asterisk closed'), 'the drop');
    expect(sim.transcript(held).find((e) => e.kind === 'hangup')).toMatchObject({ by: 'server' });
    await replica.waitForLog((l) => l.callId === held && String(l.msg).startsWith('call ended'), 'the held call to end');
    const restartedAt = Date.now();
    await sim.restart();
    await connected();
    const connectedAt = Date.now();
    const next = place('1000');
    expect((await settleAll(sim, [next])).get(next)?.why).toBe('ok');
    scaleReport('persistent, Asterisk restart', { callsInProgress: 'ended by Asterisk', reconnectedAfterMs: connectedAt - restartedAt });
  });
});
