import { AriClientTransport } from '../../src/ari/ari-client-transport';
import { memoryLogger } from '../../src/core/logger';
import { ScaledClock } from '../../src/core/scaled-clock';
import { createMetrics } from '../../src/observability/metrics';
import { Runtime } from '../../src/runtime/runtime';
import { AriSimulator } from '../../src/simulator';
import { tempProject } from '../config/temp-project';
import { compileFolder, startHarness, TIME_SCALE, waitFor, type Harness } from './helpers/runtime-harness';

const FLOWS = `
routes:
  - name: greet
    extension: "1000"
    steps: [answer, { play: sound:beep }, hangup]
  - name: long
    extension: "2000"
    steps: [answer, { wait: 60s }]
default: [answer, hangup]
`;

describe('Runtime against the simulator', () => {
  const harnesses: Harness[] = [];
  afterEach(async () => {
    for (const h of harnesses.splice(0).reverse()) await h.close();
  });

  async function start(files: Record<string, string>, opts: Parameters<typeof startHarness>[0] extends infer O ? Partial<O> : never = {}) {
    const { snapshots } = await compileFolder(tempProject({ 'voxtra.config.yaml': 'app: shop\nflows: flows/\n', ...files }));
    const h = await startHarness({ snapshots, ...opts });
    harnesses.push(h);
    return h;
  }

  it('logs every call line with the fixed call fields and records metrics and readiness', async () => {
    const h = await start({ 'flows/main.yaml': FLOWS });
    expect(h.runtime.readiness()).toMatchObject({ ready: true, servers: [{ name: 'sim', state: 'connected' }], apps: [{ name: 'shop', state: 'registered' }] });
    const id = h.sim.placeCall({ extension: '1000', callerNumber: '+15551234' });
    await h.sim.waitForEnd(id, { timeoutMs: 30_000 });
    await waitFor(() => h.runtime.activeCalls === 0);

    const version = h.runtime.snapshot('shop')?.version;
    const callLines = h.records.filter((r) => r.callId === id);
    expect(callLines.length).toBeGreaterThan(2);
    for (const line of callLines) expect(line).toMatchObject({ callId: id, app: 'shop', version, caller: '+15551234', extension: '1000', server: 'sim' });
    const ended = callLines.find((r) => String(r.msg).startsWith('call ended'));
    expect(ended).toMatchObject({ route: 'greet', flow: expect.stringContaining('greet'), outcome: 'hung_up' });

    const text = await h.metrics.render();
    expect(text).toMatch(/voxtra_calls_total\{app="shop",route="greet",outcome="completed"\} 1/);
    expect(text).toMatch(/voxtra_calls_active\{app="shop"\} 0/);
    expect(text).toMatch(/voxtra_step_duration_seconds_count\{step="play"\} 1/);
    expect(text).toMatch(/voxtra_ari_request_duration_seconds_count\{server="sim",operation="channels.answer"\} 1/);
    expect(text).toMatch(/voxtra_ari_connection_up\{server="sim"\} 1/);
    expect(text).toMatch(new RegExp(`voxtra_snapshot_info\\{app="shop",version="${version}"\\} 1`));
  });

  it('an onCallEnded hook that throws is logged and leaves the call counted as ended', async () => {
    const seen: string[] = [];
    const h = await start({ 'flows/main.yaml': FLOWS }, {
      runtime: {
        onCallEnded: ({ channelId }) => {
          seen.push(channelId);
          throw new Error('hook failed');
        },
      },
    });
    const id = h.sim.placeCall({ extension: '1000' });
    await h.sim.waitForEnd(id, { timeoutMs: 30_000 });
    await waitFor(() => h.runtime.activeCalls === 0);
    expect(seen).toEqual([id]);
    expect(h.records.find((r) => r.msg === 'onCallEnded threw')).toMatchObject({ level: 'error', callId: id, err: expect.objectContaining({ message: 'hook failed' }) });
    expect(await h.metrics.render()).toMatch(/voxtra_calls_total\{app="shop",route="greet",outcome="completed"\} 1/);
  });

  it('turns readiness false and counts a reconnect while the events socket is down', async () => {
    const h = await start({ 'flows/main.yaml': FLOWS });
    await h.sim.stop();
    await waitFor(() => !h.runtime.readiness().ready);
    expect(h.runtime.readiness().servers[0]).toMatchObject({ state: 'reconnecting' });
    expect(await h.metrics.render()).toMatch(/voxtra_ari_connection_up\{server="sim"\} 0/);
    await h.sim.restart();
    await waitFor(() => h.runtime.readiness().ready, 10_000);
    expect(await h.metrics.render()).toMatch(/voxtra_ari_reconnects_total\{server="sim"\} 1/);
  });

  it('sends a call a previous process left in Stasis on into the configured context', async () => {
    const first = await start({ 'flows/main.yaml': FLOWS }, { sim: { dialplan: { 'voxtra-fallback': { s: [{ app: 'Playback', data: 'hello-world' }, { app: 'Hangup' }] } } } });
    const id = first.sim.placeCall({ extension: '2000' });
    await waitFor(() => first.runtime.activeCalls === 1);
    // A crash: the connection goes away, the call stays in Stasis.
    await first.runtime.stop();
    const { snapshots } = await compileFolder(tempProject({ 'voxtra.config.yaml': 'app: shop\nflows: flows/\n', 'flows/main.yaml': FLOWS }));
    const second = await startHarness({
      snapshots,
      simulator: first.sim,
      runtime: { policies: { unknownChannels: { action: 'continue', context: 'voxtra-fallback', extension: 's', priority: 1 } } },
    });
    harnesses.push(second);
    const transcript = await first.sim.waitForEnd(id, { timeoutMs: 30_000 });
    expect(transcript.map((e) => e.kind)).toEqual(expect.arrayContaining(['continued', 'dialplan-playback']));
    expect(transcript.find((e) => e.kind === 'continued')).toMatchObject({ context: 'voxtra-fallback', extension: 's', priority: 1 });
    expect(second.records.find((r) => r.callId === id && /no flow runs/.test(String(r.msg)))).toMatchObject({ level: 'warn', policy: 'continue' });
    await waitFor(() => second.runtime.counts.policyActions === 0 && second.runtime.counts.liveControls === 0);
    expect(await second.metrics.render()).toMatch(/voxtra_calls_total\{app="shop",route="none",outcome="orphaned"\} 1/);
  });

  it('says loudly when another client takes the app over, turns /readyz false and does not fight for it', async () => {
    const h = await start({ 'flows/main.yaml': FLOWS });
    const other = new AriClientTransport({ name: 'intruder', url: h.sim.url, username: 'voxtra', password: 'voxtra' });
    try {
      await other.connect(['shop']);
      await waitFor(() => h.runtime.readiness().servers[0].state === 'replaced');
      expect(h.runtime.readiness()).toMatchObject({ ready: false, servers: [{ state: 'replaced', replacedApps: ['shop'] }], apps: [{ name: 'shop', state: 'replaced' }] });
      expect(h.records.find((r) => r.level === 'error' && /taken over by another ARI connection/.test(String(r.msg)))).toMatchObject({ app: 'shop' });
      expect(h.records.find((r) => r.level === 'error' && /readyz now reports not ready/.test(String(r.msg)))).toBeDefined();
      // No reconnect attempts: the other client keeps the app.
      await new Promise((r) => setTimeout(r, 200));
      expect(h.runtime.readiness().servers[0]).toMatchObject({ state: 'replaced', reconnects: 0 });
      expect(h.sim.stats().eventSockets).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('supervises several servers on their own: one going down leaves the other and its calls alone', async () => {
    const { snapshots } = await compileFolder(tempProject({ 'voxtra.config.yaml': 'app: shop\nflows: flows/\n', 'flows/main.yaml': FLOWS }));
    const a = await AriSimulator.start({ timeScale: TIME_SCALE, apps: ['shop'] });
    const b = await AriSimulator.start({ timeScale: TIME_SCALE, apps: ['shop'] });
    const scaled = new ScaledClock(TIME_SCALE);
    const metrics = createMetrics({ defaultMetrics: false });
    const runtime = new Runtime({
      servers: [
        { name: 'pbx-a', url: a.url, username: 'voxtra', password: 'voxtra' },
        { name: 'pbx-b', url: b.url, username: 'voxtra', password: 'voxtra' },
      ],
      snapshots,
      logger: memoryLogger(),
      clock: scaled,
      metrics,
      ari: { requestTimeoutMs: scaled.fromReal(5000), pingIntervalMs: 0, backoff: { initialMs: scaled.fromReal(20), maxMs: scaled.fromReal(100) } },
    });
    runtime.start();
    try {
      await waitFor(() => runtime.readiness().ready);
      // Both calls wait a simulated minute (1.2 real seconds).
      const onA = a.placeCall({ extension: '2000' });
      const onB = b.placeCall({ extension: '2000' });
      await waitFor(() => runtime.activeCalls === 2);
      await b.stop();
      await waitFor(() => runtime.readiness().servers[1].state === 'reconnecting');
      await waitFor(() => runtime.activeCalls === 1);
      expect(runtime.readiness().servers.map((s) => [s.name, s.activeCalls])).toEqual([['pbx-a', 1], ['pbx-b', 0]]);
      expect(runtime.readiness()).toMatchObject({ ready: false, servers: [{ name: 'pbx-a', state: 'connected' }, { name: 'pbx-b', state: 'reconnecting' }] });
      // The call on A is not affected; the one on B ended with its server. The call's own wait is a simulated
      // minute, so the bound must leave room past it: a loaded CI machine once ran it out at exactly 60 s.
      const transcript = await a.waitForEnd(onA, { timeoutMs: 300_000 });
      expect(transcript.find((e) => e.kind === 'hangup')).toMatchObject({ by: 'app' });
      expect(b.transcript(onB).find((e) => e.kind === 'hangup')).toMatchObject({ by: 'server' });
      const text = await metrics.render();
      expect(text).toMatch(/voxtra_ari_connection_up\{server="pbx-a"\} 1/);
      expect(text).toMatch(/voxtra_ari_connection_up\{server="pbx-b"\} 0/);
      // A still takes new calls.
      const next = a.placeCall({ extension: '1000' });
      await a.waitForEnd(next, { timeoutMs: 60_000 });
      await b.restart();
      await waitFor(() => runtime.readiness().ready, 10_000);
    } finally {
      await runtime.stop();
      await a.stop();
      await b.stop();
    }
  });

  it('hangs up a call left in Stasis by default', async () => {
    const first = await start({ 'flows/main.yaml': FLOWS });
    const id = first.sim.placeCall({ extension: '2000' });
    await waitFor(() => first.runtime.activeCalls === 1);
    await first.runtime.stop();
    const { snapshots } = await compileFolder(tempProject({ 'voxtra.config.yaml': 'app: shop\nflows: flows/\n', 'flows/main.yaml': FLOWS }));
    const second = await startHarness({ snapshots, simulator: first.sim });
    harnesses.push(second);
    const transcript = await first.sim.waitForEnd(id, { timeoutMs: 30_000 });
    expect(transcript.find((e) => e.kind === 'hangup')).toMatchObject({ by: 'app' });
  });
});
