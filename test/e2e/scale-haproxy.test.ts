/**
 * Two `voxtra run` replicas behind a real HAProxy (deploy/haproxy/haproxy.cfg
 * on the loopback) in per-call mode, with the simulator as Asterisk: its
 * per_call_config outbound WebSocket points at HAProxy's frontend, so every
 * call opens its own socket and HAProxy hands it to a replica.
 *
 * The simulator reaches HAProxy through a TCP relay that can reset every
 * connection (a network or load balancer blip).
 *
 * The tests run in order on one deployment, as an operator would: steady
 * load spread over both replicas, a blip that resets the calls' sockets, a
 * flow change (a ConfigMap-style volume update) picked up by both, a rolling
 * restart with SIGTERM under load with no failed call, a SIGKILL under load
 * that fails only the calls the killed replica held, and every replica down
 * (Stasis() fails, the dialplan's fallback plays).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { AriSimulator } from '../../src/simulator';
import { tempProject } from '../config/temp-project';
import { ConfigMapVolume } from '../helpers/configmap-volume';
import { describeWithProgram } from '../helpers/describe-with-program';
import { backendServers, freePorts, HAPROXY, HaproxyProcess, loopbackConfig, waitForServers } from '../helpers/haproxy-process';
import { CallLoad, doneFlow, failures, settleAll } from './helpers/call-load';
import { LISTEN_ENV, listenConfig, WS_AUTH } from './helpers/listen-config';
import { scaleReport } from './helpers/scale-report';
import { TcpGate } from './helpers/tcp-gate';
import { until } from './helpers/until';
import { metricValue, VoxtraReplica } from './helpers/voxtra-replica';

jest.setTimeout(120_000);

/** Real ms per simulated ms: a call (answer, 10 s of prompt, set, hangup) lasts about 0.6 s. */
const TIME_SCALE = 0.05;
/** Steady load: a call every 100 ms (about six in progress at once). */
const CALL_EVERY_MS = 100;
const SOUND = 'silence/10';

describeWithProgram(HAPROXY, 'two replicas behind HAProxy, per-call connections', () => {
  let root = '';
  let volume: ConfigMapVolume;
  let replicas: VoxtraReplica[] = [];
  let haproxy: HaproxyProcess | undefined;
  let gate: TcpGate | undefined;
  let sim: AriSimulator;
  let statsPort = 0;

  const call = () => ({ extension: '1000', target: { stasis: 'shop' }, fallback: true }) as const;
  const load = (): CallLoad => new CallLoad(sim, call, CALL_EVERY_MS).start();
  const servedBy = (id: string): string[] => replicas.filter((r) => r.routedCalls().has(id)).map((r) => r.name);
  const activeCalls = async (r: VoxtraReplica): Promise<number> => metricValue(await r.metrics(), 'voxtra_calls_active');
  /** Lets the load run until `n` calls were placed after `t`. */
  const placedSince = (l: CallLoad, t: number, n: number): Promise<boolean> => until(() => l.placedAfter(t).length >= n, `${n} calls placed`);
  /** The replica logged that it found the call in its app and applied unknown_channels (the line may trail the hangup a little). */
  const orphanedBy = (r: VoxtraReplica, id: string): boolean => r.logs().some((l) => l.callId === id && String(l.msg).startsWith('found a call in our app'));

  beforeAll(async () => {
    const [frontend, stats, ...ports] = await freePorts(6);
    statsPort = stats;
    root = tempProject({});
    volume = ConfigMapVolume.create(path.join(root, 'flows'), { 'main.yaml': doneFlow('v1', SOUND) });
    replicas = [0, 1].map((i) => {
      const project = tempProject({ 'voxtra.config.yaml': listenConfig({ listenPort: ports[2 * i], opsPort: ports[2 * i + 1], flows: volume.dir, connection: 'per_call' }) });
      return VoxtraReplica.spawn({ name: `voxtra${i + 1}`, dir: project, opsPort: ports[2 * i + 1], env: LISTEN_ENV });
    });
    await Promise.all(replicas.map((r) => r.waitReady()));
    haproxy = await HaproxyProcess.start(
      loopbackConfig({ frontendPort: frontend, statsPort, replicas: [0, 1].map((i) => ({ listen: ports[2 * i], ops: ports[2 * i + 1] })) }),
      frontend,
    );
    await waitForServers(statsPort, { voxtra1: 'UP', voxtra2: 'UP' });
    gate = await TcpGate.start({ host: '127.0.0.1', port: frontend });
    sim = await AriSimulator.start({
      timeScale: TIME_SCALE,
      outbound: {
        'voxtra-pc': {
          uri: `ws://127.0.0.1:${gate.port}/voxtra`,
          connectionType: 'per_call_config',
          apps: ['shop'],
          ...WS_AUTH,
          // websocket_client.conf of deploy/haproxy/README.md, with a longer connect deadline (real ms) for a loaded box.
          connectionTimeoutMs: 2000,
          reconnectIntervalMs: 1000,
          reconnectAttempts: 3,
        },
      },
    });
  });

  afterAll(async () => {
    await sim?.stop();
    await Promise.all(replicas.map((r) => r.dispose()));
    await haproxy?.stop();
    await gate?.close();
    for (const r of replicas) rmSync(r.dir, { recursive: true, force: true });
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('spreads steady calls over both replicas; every call succeeds', async () => {
    const l = load();
    await placedSince(l, 0, 30);
    l.stop();
    expect(failures(await l.verdicts())).toEqual({});
    const per = replicas.map((r) => l.calls.filter((c) => r.routedCalls().has(c.id)).length);
    expect(per[0] + per[1]).toBe(l.calls.length);
    for (const n of per) expect(n).toBeGreaterThan(l.calls.length / 5);
    scaleReport('per call, steady', { calls: l.calls.length, perReplica: per, haproxySessions: (await backendServers(statsPort)).map((b) => b.sessions) });
  });

  it('a blip resets every call\'s socket: a call whose reconnect reaches the same replica carries on, on the other it gets unknown_channels, with a request in flight it ends ARI_CONNECTION_LOST; new calls all succeed', async () => {
    const l = load();
    let droppedAt = 0;
    let affected: string[] = [];
    try {
      await until(async () => (await activeCalls(replicas[0])) > 0 && (await activeCalls(replicas[1])) > 0, 'calls in progress on both replicas');
      const ended = new Set(sim.calls().filter((c) => c.ended).map((c) => c.channelId));
      droppedAt = Date.now();
      affected = l.calls.map((c) => c.id).filter((id) => !ended.has(id));
      expect((gate as TcpGate).drop()).toBeGreaterThan(0);
      await placedSince(l, droppedAt, 20);
    } finally {
      l.stop();
    }
    const verdicts = await l.verdicts();
    const resumed: string[] = [];
    const lost: string[] = [];
    const failedInFlight: string[] = [];
    for (const id of affected) {
      if (verdicts.get(id)?.ok) {
        expect(servedBy(id)).toHaveLength(1);
        resumed.push(id);
        continue;
      }
      // A request of the call was on the socket when it went: its answer is lost with it, and Voxtra cannot
      // know whether Asterisk carried it out, so it does not send it again; the call ends with that code.
      const inFlight = (r: VoxtraReplica): boolean => r.logs().some((l) => l.callId === id && l.code === 'ARI_CONNECTION_LOST' && String(l.msg).startsWith('call failed'));
      if (replicas.some(inFlight)) {
        expect(replicas.filter(inFlight).map((r) => r.name)).toEqual(servedBy(id));
        failedInFlight.push(id);
        continue;
      }
      // Asterisk reconnected its socket to a replica that does not run the call (the other one, or either when the
      // StasisStart was on the wire when the socket went), which found the channel and applied unknown_channels.
      lost.push(id);
      await until(() => replicas.some((r) => orphanedBy(r, id)), `unknown_channels applied to ${id}`, { timeoutMs: 5000 });
      const adopters = replicas.filter((r) => orphanedBy(r, id));
      expect(adopters).toHaveLength(1);
      expect(servedBy(id).filter((name) => name === adopters[0].name)).toEqual([]);
    }
    // Calls placed after the blip are all fine.
    expect(failures(new Map([...verdicts].filter(([id]) => !affected.includes(id))))).toEqual({});
    scaleReport('per call, socket blip', { inProgress: affected.length, carriedOn: resumed.length, gotUnknownChannels: lost.length, failedWithRequestInFlight: failedInFlight.length, placedAfter: l.placedAfter(droppedAt).length, failedAfter: 0 });
  });

  it('reloads the flows on both replicas when the volume is updated; new calls run the new version on both', async () => {
    const before = replicas.map((r) => r.logs(-1).length);
    const updatedAt = Date.now();
    volume.update({ 'main.yaml': doneFlow('v2', SOUND) });
    const swapped = await Promise.all(replicas.map((r, i) => r.until(() => r.logs(-1).slice(before[i]).find((l) => /^app shop now runs version /.test(l.msg)), 'the reload')));
    const reloadMs = Date.now() - updatedAt;
    const l = load();
    await placedSince(l, 0, 16);
    l.stop();
    const verdicts = await l.verdicts();
    expect(failures(verdicts)).toEqual({});
    expect(new Set([...verdicts.values()].map((v) => v.version))).toEqual(new Set(['v2']));
    for (const [i, r] of replicas.entries()) {
      const routed = r.logs(-1).filter((line) => l.calls.some((c) => c.id === line.callId) && String(line.msg).startsWith('routed'));
      expect(routed.length).toBeGreaterThan(0);
      expect(new Set(routed.map((line) => line.version))).toEqual(new Set([swapped[i].to]));
    }
    scaleReport('per call, reload', { bothSwappedWithinMs: reloadMs, calls: l.calls.length });
  });

  it('Asterisk restarts: its calls in progress end; the next call opens its own socket and is handled', async () => {
    const l = load();
    try {
      await until(async () => (await activeCalls(replicas[0])) + (await activeCalls(replicas[1])) > 0, 'calls in progress');
    } finally {
      l.stop();
    }
    const inProgress = l.inProgress().map((c) => c.id);
    await sim.stop();
    for (const id of inProgress) expect(sim.transcript(id).find((e) => e.kind === 'hangup')).toMatchObject({ by: 'server' });
    const restartedAt = Date.now();
    await sim.restart();
    const next = sim.placeCall(call());
    await until(() => sim.transcript(next).some((e) => e.kind === 'answered'), 'the next call answered');
    const answeredAt = Date.now();
    expect((await settleAll(sim, [next])).get(next)?.why).toBe('ok');
    // Each replica saw its calls end (by the server) and lets go of their connections.
    await until(async () => (await activeCalls(replicas[0])) + (await activeCalls(replicas[1])) === 0, 'no call left on the replicas');
    scaleReport('per call, Asterisk restart', { callsInProgressEnded: inProgress.length, nextCallAnsweredAfterMs: answeredAt - restartedAt });
  });

  it('rolling restart with SIGTERM under steady load: zero failed calls', async () => {
    const l = load();
    const windows: Array<{ name: string; from: number; to: number; inProgress: number; admittedWhileDraining: number }> = [];
    try {
      for (const r of replicas) {
        // Only with calls in progress on it does the drain prove anything.
        await r.until(async () => (await activeCalls(r)) > 0, 'a call in progress');
        // A burst whose sockets are open but whose StasisStart (500 simulated ms after Stasis()) has not come yet:
        // SIGTERM lands between the two on the replica that took some of them.
        // (Each call's own socket, not the count of open ones: older calls' sockets close meanwhile.)
        const burst = Array.from({ length: 4 }, () => l.place().id);
        await r.until(() => burst.every((id) => sim.transcript(id).some((e) => e.kind === 'outbound-connected')), 'the burst\'s sockets', 10_000);
        const from = Date.now();
        expect(await r.stop('SIGTERM')).toEqual({ code: 0, signal: null });
        const drained = r.logs(-1);
        const report = drained.find((line) => line.msg === 'runtime stopped');
        expect(report).toMatchObject({ hungUp: 0 });
        const draining = drained.findIndex((line) => String(line.msg).startsWith('shutting down'));
        const admittedWhileDraining = drained.slice(draining).filter((line) => String(line.msg).startsWith('routed')).length;
        r.restart();
        await r.waitReady();
        // The replica is back when HAProxy's health check says so (rise 2), not when it answers: only then stop the next.
        await waitForServers(statsPort, { voxtra1: 'UP', voxtra2: 'UP' });
        windows.push({ name: r.name, from, to: Date.now(), inProgress: Number(report?.inProgress), admittedWhileDraining });
      }
    } finally {
      l.stop();
    }
    const verdicts = await l.verdicts();
    expect(failures(verdicts)).toEqual({});
    for (const w of windows) expect(l.calls.filter((c) => c.placedAt > w.from && c.placedAt < w.to).length).toBeGreaterThan(5);
    scaleReport('per call, rolling restart', { calls: l.calls.length, failed: 0, windows: windows.map((w) => ({ replica: w.name, outOfPoolMs: w.to - w.from, callsPlacedMeanwhile: l.calls.filter((c) => c.placedAt > w.from && c.placedAt < w.to).length, drainedInProgress: w.inProgress, admittedWhileDraining: w.admittedWhileDraining })) });
  });

  it('SIGKILL of one replica under steady load: only the calls it held fail; calls placed afterwards all succeed', async () => {
    const [victim, survivor] = replicas;
    const l = load();
    let killedAt = 0;
    let held = 0;
    let inProgressAtKill: string[] = [];
    try {
      held = await victim.until(async () => {
        const n = await activeCalls(victim);
        return n >= 2 && n;
      }, 'two calls in progress');
      killedAt = Date.now();
      expect(await victim.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
      // What the victim was running when it died: routed, not ended (its log is complete up to the kill).
      const ended = new Set(victim.logs().filter((line) => String(line.msg).startsWith('call ended')).map((line) => line.callId));
      inProgressAtKill = [...victim.routedCalls()].filter((id) => !ended.has(id));
      await placedSince(l, killedAt, 25);
    } finally {
      l.stop();
    }
    const verdicts = await l.verdicts();
    const failed = Object.keys(failures(verdicts));
    // Calls placed after the kill: all succeed, all on the survivor.
    for (const c of l.placedAfter(killedAt)) {
      expect([c.id, verdicts.get(c.id)?.why]).toEqual([c.id, 'ok']);
      expect(servedBy(c.id)).toEqual([survivor.name]);
    }
    // The failed ones are calls the victim was running: Asterisk reconnected their sockets to the survivor, which
    // found each channel and applied unknown_channels (hang up). (A call whose flow had done its work before the
    // kill, on a loaded box, is hung up as well but counts as ok.)
    expect(inProgressAtKill.length).toBeGreaterThan(0);
    for (const id of failed) expect(inProgressAtKill).toContain(id);
    for (const id of failed) {
      expect(l.calls.find((c) => c.id === id)?.placedAt).toBeLessThan(killedAt);
      expect(survivor.routedCalls().has(id)).toBe(false);
      await survivor.until(() => orphanedBy(survivor, id), `unknown_channels applied to ${id}`, 5000);
    }
    // Every call the survivor ran succeeded.
    for (const id of survivor.routedCalls()) if (verdicts.has(id)) expect([id, verdicts.get(id)?.why]).toEqual([id, 'ok']);
    const adopted = survivor.logs().filter((line) => failed.includes(line.callId as string) && String(line.msg).startsWith('found a call in our app'));
    scaleReport('per call, SIGKILL', { calls: l.calls.length, victimHeld: held, failed: failed.length, placedAfterKill: l.placedAfter(killedAt).length, failedAfterKill: 0, silentBeforeUnknownChannelsMs: adopted.map((line) => Date.parse(String(line.time)) - killedAt) });
  });

  it('every replica down: Stasis() fails after Asterisk\'s tries and the dialplan\'s fallback plays', async () => {
    const [, survivor] = replicas;
    expect(await survivor.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    // Once the health checks took both out, HAProxy answers 503 at once (before that, it retries the refused connection).
    await waitForServers(statsPort, { voxtra1: 'DOWN', voxtra2: 'DOWN' });
    const id = sim.placeCall(call());
    const entries = await sim.waitForEnd(id, { timeoutMs: Math.round(20_000 / TIME_SCALE) });
    const failedAt = entries.find((e) => e.kind === 'stasis-failed');
    expect(failedAt).toBeDefined();
    expect(entries.some((e) => e.kind === 'dialplan-playback')).toBe(true);
    expect((await settleAll(sim, [id])).get(id)?.why).toBe('Stasis() failed');
    // 3 tries 1 s apart, Stasis() looking every 500 ms: 2.5 s (simulated) on Asterisk.
    expect(failedAt?.atMs).toBeGreaterThanOrEqual(2000);
    expect(failedAt?.atMs).toBeLessThanOrEqual(4000);
    scaleReport('per call, every replica down', { stasisFailedAfterSimMs: failedAt?.atMs, fallback: true });
  });
});
