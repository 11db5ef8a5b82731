import { AriClientTransport } from '../../src/ari/ari-client-transport';
import type { ReconcileReport } from '../../src/ari/ari-gateway';
import { createAriServer, type AriServer } from '../../src/ari/ari-server';
import type { IncomingCall } from '../../src/control/incoming-call';
import { memoryLogger } from '../../src/core/logger';
import { AriSimulator } from '../../src/simulator';
import { waitFor } from './helpers/wait';

const TIME_SCALE = 0.01; // a 2.8 s prompt takes 28 ms

describe('ARI adapter against the simulator over loopback', () => {
  const sims: AriSimulator[] = [];
  const servers: AriServer[] = [];

  afterEach(async () => {
    for (const s of servers.splice(0)) await s.supervisor.stop();
    for (const s of sims.splice(0)) await s.stop();
  });

  async function simulator(opts: Parameters<typeof AriSimulator.start>[0] = {}): Promise<AriSimulator> {
    const sim = await AriSimulator.start({ timeScale: TIME_SCALE, ...opts });
    sims.push(sim);
    return sim;
  }

  function connect(sim: AriSimulator, opts: { name?: string; apps?: string[]; username?: string; password?: string; onReconciled?: (r: ReconcileReport) => void } = {}) {
    const logger = memoryLogger();
    const calls: IncomingCall[] = [];
    const server = createAriServer({
      name: opts.name ?? 'sim',
      url: sim.url,
      username: opts.username ?? 'voxtra',
      password: opts.password ?? 'voxtra',
      apps: opts.apps ?? ['voxtra'],
      logger,
      backoff: { initialMs: 20, maxMs: 200 },
      onReconciled: opts.onReconciled,
    });
    server.gateway.onIncoming((c) => calls.push(c));
    servers.push(server);
    server.supervisor.start();
    return { ...server, calls, logger, connected: () => waitFor(() => server.supervisor.status.state === 'connected') };
  }

  it('answers, plays, collects DTMF and hangs up a placed call', async () => {
    const sim = await simulator();
    const ari = connect(sim);
    await ari.connected();
    const id = sim.placeCall({ extension: '1000', callerNumber: '5551000', script: [{ afterMs: 500, dtmf: '12#' }] });
    await waitFor(() => ari.calls.length === 1);
    const call = ari.calls[0];
    expect(call.args).toEqual(['1000']);
    expect(call.channel).toMatchObject({ id, extension: '1000', callerNumber: '5551000', state: 'Ring', language: 'en' });
    const digits: string[] = [];
    call.control.onDtmf((d) => digits.push(d));
    await call.control.answer();
    const playback = await call.control.play(['sound:hello-world']);
    await expect(playback.finished).resolves.toBe('done');
    await waitFor(() => digits.length === 3);
    expect(digits).toEqual(['1', '2', '#']);
    await call.control.setVariable('VOXTRA_TEST', 'yes');
    await expect(call.control.getVariable('VOXTRA_TEST')).resolves.toBe('yes');
    await expect(call.control.getVariable('NOT_SET_ANYWHERE')).resolves.toBeUndefined();
    await call.control.hangup();
    await expect(call.control.ended).resolves.toMatchObject({ kind: 'hangup', by: 'app' });
    const kinds = (await sim.waitForEnd(id)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['stasis-start', 'answered', 'playback-finished', 'dtmf-received', 'variable-set', 'hangup', 'stasis-end']));
    expect(ari.gateway.counts).toEqual({ liveControls: 0, dialLegs: 0, demuxListeners: 0 });
  });

  it('the caller hanging up during a playback aborts the call at once and ends it cleanly', async () => {
    const sim = await simulator();
    const ari = connect(sim);
    await ari.connected();
    // The caller hangs up once the playback runs (a timed script could hang up before the play request arrives).
    const id = sim.placeCall({ extension: '1000' });
    await waitFor(() => ari.calls.length === 1);
    const control = ari.calls[0].control;
    await control.answer();
    const playback = await control.play(['sound:demo-instruct']);
    sim.hangup(id);
    await expect(playback.finished).resolves.toBe('hangup');
    expect(control.signal.aborted).toBe(true);
    await expect(control.play(['sound:beep'])).rejects.toMatchObject({ code: 'ARI_CHANNEL_GONE' });
    await expect(control.ended).resolves.toEqual({ kind: 'hangup', by: 'caller' });
    expect(ari.gateway.counts).toEqual({ liveControls: 0, dialLegs: 0, demuxListeners: 0 });
  });

  it('originates a dial leg, bridges it, and follows busy legs', async () => {
    const sim = await simulator({ endpoints: { 'PJSIP/1001': { kind: 'answer', ringMs: 500 }, 'PJSIP/1002': { kind: 'busy', ringMs: 300 } } });
    const ari = connect(sim);
    await ari.connected();
    const id = sim.placeCall({ extension: '1000' });
    await waitFor(() => ari.calls.length === 1);
    const control = ari.calls[0].control;
    await control.answer();
    const busy = await control.originate({ endpoint: 'PJSIP/1002', timeoutSeconds: 10 });
    await waitFor(() => busy.state === 'busy');
    const leg = await control.originate({ endpoint: 'PJSIP/1001', callerId: 'Voxtra <5550199>', timeoutSeconds: 10 });
    const states: string[] = [];
    leg.onState((s) => states.push(s));
    await waitFor(() => leg.state === 'answered');
    expect(states).toContain('answered');
    expect(ari.calls).toHaveLength(1); // the leg's StasisStart is not a new call
    const bridge = await control.createBridge();
    await bridge.addChannels([control.channelId, leg.channelId]);
    await leg.hangup();
    await waitFor(() => leg.state === 'hangup');
    await control.hangup();
    await control.ended;
    await bridge.destroy();
    await sim.waitForEnd(id);
    await waitFor(() => ari.gateway.counts.demuxListeners === 0);
    expect(ari.gateway.counts).toEqual({ liveControls: 0, dialLegs: 0, demuxListeners: 0 });
  });

  it('serves two simulators with different credentials at once', async () => {
    const a = await simulator({ username: 'alpha', password: 'alpha-secret' });
    const b = await simulator({ username: 'beta', password: 'beta-secret' });
    const ariA = connect(a, { name: 'a', username: 'alpha', password: 'alpha-secret' });
    const ariB = connect(b, { name: 'b', username: 'beta', password: 'beta-secret' });
    await Promise.all([ariA.connected(), ariB.connected()]);
    a.placeCall({ extension: '1000' });
    b.placeCall({ extension: '2000' });
    await waitFor(() => ariA.calls.length === 1 && ariB.calls.length === 1);
    await Promise.all([ariA.calls[0].control.answer(), ariB.calls[0].control.answer()]);
    expect(ariA.calls[0].channel.extension).toBe('1000');
    expect(ariB.calls[0].channel.extension).toBe('2000');
    await Promise.all([ariA.calls[0].control.hangup(), ariB.calls[0].control.hangup()]);
    expect(JSON.stringify([...ariA.logger.records, ...ariB.logger.records])).not.toMatch(/alpha-secret|beta-secret/);
  });

  it('keeps sessions under the simulator session limit during a burst of hundreds of requests', async () => {
    const sim = await simulator({ sessionLimit: 100 });
    const transport = new AriClientTransport({ name: 'burst', url: sim.url, username: 'voxtra', password: 'voxtra', maxInFlight: 32, requestTimeoutMs: 30_000 });
    try {
      await transport.connect(['voxtra']);
      const results = await Promise.all(Array.from({ length: 500 }, () => transport.request('asterisk.getInfo')));
      expect(results).toHaveLength(500);
      const { sessions } = sim.stats();
      expect(sessions.refused).toBe(0);
      expect(sessions.peak).toBeLessThan(100);
      expect(transport.stats.peakInFlight).toBeLessThanOrEqual(32);
    } finally {
      await transport.close();
    }
  });

  it('without the bound the same burst hits the session limit (why the pool is bounded)', async () => {
    const sim = await simulator({ sessionLimit: 100 });
    const transport = new AriClientTransport({ name: 'unbounded', url: sim.url, username: 'voxtra', password: 'voxtra', maxInFlight: 400, requestTimeoutMs: 30_000 });
    try {
      await transport.connect(['voxtra']);
      await Promise.allSettled(Array.from({ length: 400 }, () => transport.request('channels.list')));
      expect(sim.stats().sessions.refused).toBeGreaterThan(0);
    } finally {
      await transport.close();
    }
  });

  it('reconnects after the events sockets drop and keeps running the call it had', async () => {
    const sim = await simulator();
    const reports: ReconcileReport[] = [];
    const ari = connect(sim, { onReconciled: (r) => reports.push(r) });
    await ari.connected();
    await waitFor(() => reports.length === 1);
    const id = sim.placeCall({ extension: '1000' });
    await waitFor(() => ari.calls.length === 1);
    const control = ari.calls[0].control;
    await control.answer();
    sim.dropEventSockets();
    await waitFor(() => reports.length === 2);
    expect(ari.supervisor.status).toMatchObject({ state: 'connected', reconnects: 1 });
    expect(reports[1]).toMatchObject({ continued: [id], unknown: [], vanished: [] });
    // Its events now come on the new socket.
    const playback = await control.play(['sound:beep']);
    await expect(playback.finished).resolves.toBe('done');
    sim.hangup(id);
    await expect(control.ended).resolves.toMatchObject({ kind: 'hangup', by: 'caller' });
  });

  it('reconnects after the simulator restarts; the calls it had are ended and new calls flow', async () => {
    const sim = await simulator();
    const reports: ReconcileReport[] = [];
    const ari = connect(sim, { onReconciled: (r) => reports.push(r) });
    await ari.connected();
    sim.placeCall({ extension: '1000' });
    await waitFor(() => ari.calls.length === 1);
    const before = ari.calls[0].control;
    await sim.restart();
    await expect(before.ended).resolves.toMatchObject({ kind: 'hangup' });
    await waitFor(() => reports.length === 2, 10_000);
    expect(ari.supervisor.status.state).toBe('connected');
    expect(ari.supervisor.status.reconnects).toBe(1);
    sim.placeCall({ extension: '2000' });
    await waitFor(() => ari.calls.length === 2);
    await ari.calls[1].control.answer();
    await ari.calls[1].control.hangup();
    await ari.calls[1].control.ended;
    expect(ari.gateway.counts).toEqual({ liveControls: 0, dialLegs: 0, demuxListeners: 0 });
  });

  it('reports a call left in Stasis by a previous process as unknown, with a control to apply the policy', async () => {
    const sim = await simulator();
    const first = connect(sim, { name: 'first' });
    await first.connected();
    const id = sim.placeCall({ extension: '1000' });
    await waitFor(() => first.calls.length === 1);
    await first.supervisor.stop(); // the process goes away; the call stays in Stasis
    const reports: ReconcileReport[] = [];
    const second = connect(sim, { name: 'second', onReconciled: (r) => reports.push(r) });
    await waitFor(() => reports.length === 1);
    expect(reports[0].unknown.map((u) => [u.channel.id, u.app, u.args])).toEqual([[id, 'voxtra', ['1000']]]);
    await reports[0].unknown[0].control.hangup();
    const transcript = await sim.waitForEnd(id);
    expect(transcript.find((e) => e.kind === 'hangup')).toMatchObject({ by: 'app' });
    await waitFor(() => second.gateway.counts.liveControls === 0);
  });

  it('surfaces ApplicationReplaced and does not fight for the app', async () => {
    const sim = await simulator();
    const ours = connect(sim, { name: 'ours' });
    await ours.connected();
    const replaced: string[] = [];
    ours.gateway.onReplaced((app) => replaced.push(app));
    const intruder = new AriClientTransport({ name: 'intruder', url: sim.url, username: 'voxtra', password: 'voxtra' });
    try {
      await intruder.connect(['voxtra']);
      await waitFor(() => ours.supervisor.status.state === 'replaced');
      expect(replaced).toEqual(['voxtra']);
      expect(ours.logger.records.some((r) => r.level === 'error' && /taken over/.test(String(r.msg)))).toBe(true);
      const stolen: unknown[] = [];
      intruder.onEvent((e) => e.type === 'StasisStart' && stolen.push(e));
      sim.placeCall({ extension: '1000' });
      await waitFor(() => stolen.length === 1);
      await new Promise((r) => setTimeout(r, 100));
      expect(ours.calls).toHaveLength(0);
      expect(ours.supervisor.status.state).toBe('replaced');
    } finally {
      await intruder.close();
    }
  });
});
