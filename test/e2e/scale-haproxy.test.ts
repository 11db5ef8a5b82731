/**
 * Two `voxtra run` replicas behind a real HAProxy (deploy/haproxy/haproxy.cfg
 * on the loopback) in per-call mode, with the simulator as Asterisk: its
 * per_call_config outbound WebSocket points at HAProxy's frontend, so every
 * call opens its own socket and HAProxy hands it to a replica.
 *
 * The tests run in order on one deployment, as an operator would: steady
 * load spread over both replicas, a flow change (a ConfigMap-style volume
 * update) picked up by both, a rolling restart with SIGTERM under load with
 * no failed call, and a SIGKILL under load that fails only the calls the
 * killed replica held.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { AriSimulator } from '../../src/simulator';
import { tempProject } from '../config/temp-project';
import { ConfigMapVolume } from '../helpers/configmap-volume';
import { describeWithProgram } from '../helpers/describe-with-program';
import { backendServers, freePorts, HAPROXY, HaproxyProcess, loopbackConfig, waitForServers } from '../helpers/haproxy-process';
import { CallLoad, doneFlow, failures } from './helpers/call-load';
import { VoxtraReplica } from './helpers/voxtra-replica';

jest.setTimeout(120_000);

/** Real ms per simulated ms: a call (answer, 10 s of prompt, set, hangup) lasts about 0.6 s. */
const TIME_SCALE = 0.05;
const SOUND = 'silence/10';
const WS_AUTH = { username: 'asterisk', password: 'ws-secret' };

function replicaConfig(listenPort: number, opsPort: number, flows: string): string {
  return [
    'app: shop',
    `flows: ${flows}`,
    `http: { listen: 127.0.0.1:${opsPort} }`,
    'ari:',
    '  - name: edge',
    `    listen: 127.0.0.1:${listenPort}`,
    '    path: /voxtra',
    `    username: ${WS_AUTH.username}`,
    '    password: ${VOXTRA_WS_PASSWORD}',
    '    connection: per_call',
    'runtime: { shutdown: { grace: 20s } }',
    '',
  ].join('\n');
}

describeWithProgram(HAPROXY, 'two replicas behind HAProxy, per-call connections', () => {
  let root: string;
  let volume: ConfigMapVolume;
  let replicas: VoxtraReplica[] = [];
  let haproxy: HaproxyProcess | undefined;
  let sim: AriSimulator | undefined;
  let statsPort = 0;

  const call = () => ({ extension: '1000', target: { stasis: 'shop' }, fallback: true }) as const;
  const servedBy = (id: string): string[] => replicas.filter((r) => r.routedCalls().has(id)).map((r) => r.name);

  beforeAll(async () => {
    const [frontend, stats, ...ports] = await freePorts(6);
    statsPort = stats;
    root = tempProject({});
    volume = ConfigMapVolume.create(path.join(root, 'flows'), { 'main.yaml': doneFlow('v1', SOUND) });
    replicas = [0, 1].map((i) => {
      const project = tempProject({ 'voxtra.config.yaml': replicaConfig(ports[2 * i], ports[2 * i + 1], volume.dir) });
      return VoxtraReplica.spawn({ name: `voxtra${i + 1}`, dir: project, opsPort: ports[2 * i + 1], env: { VOXTRA_WS_PASSWORD: WS_AUTH.password } });
    });
    await Promise.all(replicas.map((r) => r.waitReady()));
    haproxy = await HaproxyProcess.start(
      loopbackConfig({ frontendPort: frontend, statsPort, replicas: [0, 1].map((i) => ({ listen: ports[2 * i], ops: ports[2 * i + 1] })) }),
      frontend,
    );
    await waitForServers(statsPort, { voxtra1: 'UP', voxtra2: 'UP' });
    sim = await AriSimulator.start({
      timeScale: TIME_SCALE,
      outbound: {
        'voxtra-pc': {
          uri: `ws://127.0.0.1:${frontend}/voxtra`,
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
    for (const r of replicas) rmSync(r.dir, { recursive: true, force: true });
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('spreads steady calls over both replicas; every call succeeds', async () => {
    const load = new CallLoad(sim as AriSimulator, call, 100).start();
    await new Promise((r) => setTimeout(r, 3000));
    load.stop();
    const verdicts = await load.verdicts();
    expect(failures(verdicts)).toEqual({});
    const per = replicas.map((r) => load.calls.filter((c) => r.routedCalls().has(c.id)).length);
    expect(per[0] + per[1]).toBe(load.calls.length);
    for (const n of per) expect(n).toBeGreaterThan(load.calls.length / 5);
    console.log('steady', { calls: load.calls.length, per, haproxy: await backendServers(statsPort) });
  });

  it('reloads the flows on both replicas when the volume is updated; new calls run the new version on both', async () => {
    const before = replicas.map((r) => r.logs(-1).length);
    volume.update({ 'main.yaml': doneFlow('v2', SOUND) });
    const swapped = await Promise.all(replicas.map((r, i) => r.until(() => r.logs(-1).slice(before[i]).find((l) => /^app shop now runs version /.test(l.msg)), 'the reload')));
    const load = new CallLoad(sim as AriSimulator, call, 100).start();
    await new Promise((r) => setTimeout(r, 1500));
    load.stop();
    const verdicts = await load.verdicts();
    expect(failures(verdicts)).toEqual({});
    expect(new Set([...verdicts.values()].map((v) => v.version))).toEqual(new Set(['v2']));
    for (const [i, r] of replicas.entries()) {
      const routed = r.logs(-1).filter((l) => load.calls.some((c) => c.id === l.callId) && String(l.msg).startsWith('routed'));
      expect(routed.length).toBeGreaterThan(0);
      expect(new Set(routed.map((l) => l.version))).toEqual(new Set([swapped[i].to]));
    }
  });

  it('rolling restart with SIGTERM under steady load: zero failed calls', async () => {
    const load = new CallLoad(sim as AriSimulator, call, 100).start();
    const windows: Array<{ name: string; from: number; to: number }> = [];
    try {
      for (const r of replicas) {
        // Only with calls in progress on it does the drain prove anything.
        await r.until(async () => (await r.metrics()).match(/^voxtra_calls_active\{[^}]*\} [1-9]/m) !== null, 'a call in progress');
        // A burst of calls whose sockets are open but whose StasisStart (500 simulated ms after Stasis()) has not come
        // yet: SIGTERM lands between the two on the replica that took some of them.
        const open = (sim as AriSimulator).stats().outboundSockets;
        for (let i = 0; i < 4; i++) load.calls.push({ id: (sim as AriSimulator).placeCall(call()), placedAt: Date.now() });
        await r.until(() => (sim as AriSimulator).stats().outboundSockets >= open + 4, 'the burst\'s sockets', 5000);
        const from = Date.now();
        const exit = await r.stop('SIGTERM');
        expect(exit).toEqual({ code: 0, signal: null });
        expect(r.logs(-1).find((l) => l.msg === 'runtime stopped')).toMatchObject({ hungUp: 0 });
        r.restart();
        await r.waitReady();
        await waitForServers(statsPort, { voxtra1: 'UP', voxtra2: 'UP' });
        windows.push({ name: r.name, from, to: Date.now() });
      }
    } finally {
      load.stop();
    }
    const verdicts = await load.verdicts();
    expect(failures(verdicts)).toEqual({});
    for (const w of windows) expect(load.calls.filter((c) => c.placedAt > w.from && c.placedAt < w.to).length).toBeGreaterThan(5);
    console.log('rolling', { calls: load.calls.length, windows: windows.map((w) => ({ name: w.name, ms: w.to - w.from })), drained: replicas.map((r) => r.logs(-2).find((l) => l.msg === 'runtime stopped')) });
  });

  it('SIGKILL of one replica under steady load: only the calls it held fail; calls placed afterwards all succeed', async () => {
    const [victim, survivor] = replicas;
    const load = new CallLoad(sim as AriSimulator, call, 100).start();
    let killedAt = 0;
    try {
      await victim.until(async () => (await victim.metrics()).match(/^voxtra_calls_active\{[^}]*\} [2-9]/m) !== null, 'two calls in progress');
      killedAt = Date.now();
      expect(await victim.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
      await new Promise((r) => setTimeout(r, 3000));
    } finally {
      load.stop();
    }
    const verdicts = await load.verdicts();
    const failed = failures(verdicts);
    console.log('kill', { calls: load.calls.length, failed, after: load.placedAfter(killedAt).length });
    for (const id of Object.keys(failed)) console.log(id, (sim as AriSimulator).transcript(id), survivor.logs().filter((l) => l.callId === id || JSON.stringify(l).includes(id)));
    // Calls placed after the kill: all succeed, all on the survivor.
    for (const c of load.placedAfter(killedAt)) {
      expect([c.id, verdicts.get(c.id)?.why]).toEqual([c.id, 'ok']);
      expect(servedBy(c.id)).toEqual([survivor.name]);
    }
    // The failed ones were placed before the kill, and the survivor never ran their flow: they were the victim's.
    expect(Object.keys(failed).length).toBeGreaterThan(0);
    for (const id of Object.keys(failed)) {
      expect(load.calls.find((c) => c.id === id)?.placedAt).toBeLessThan(killedAt);
      expect(survivor.routedCalls().has(id)).toBe(false);
    }
    // Every call the survivor ran succeeded.
    for (const id of survivor.routedCalls()) if (verdicts.has(id)) expect([id, verdicts.get(id)?.why]).toEqual([id, 'ok']);
  });
});
