import { createAriServer, type AriServer } from '../../src/ari/ari-server';
import type { IncomingCall } from '../../src/control/incoming-call';
import { memoryLogger } from '../../src/core/logger';
import { AriSimulator } from '../../src/simulator';
import { waitFor } from './helpers/wait';

// Adding or removing a tenant changes the Stasis apps of a live connection.
// The events socket moves make-before-break; these tests check against the
// simulator (which registers apps like Asterisk: a second socket for an app
// takes it over and the old one gets ApplicationReplaced) that calls of the
// apps kept see no gap.
describe('changing the Stasis apps of a connected server', () => {
  let sim: AriSimulator;
  let server: AriServer | undefined;

  beforeEach(async () => {
    sim = await AriSimulator.start({ timeScale: 0.01, apps: ['alpha'] });
  });

  afterEach(async () => {
    await server?.supervisor.stop();
    server = undefined;
    await sim.stop();
  });

  function connect(apps: string[]) {
    const logger = memoryLogger();
    const calls: IncomingCall[] = [];
    server = createAriServer({ name: 'sim', url: sim.url, username: 'voxtra', password: 'voxtra', apps, logger, backoff: { initialMs: 20, maxMs: 200 } });
    server.gateway.onIncoming((c) => calls.push(c));
    server.supervisor.start();
    return { server, calls, logger };
  }

  it('adds an app without disturbing a call of an app it keeps, then removes it again', async () => {
    const { server: ari, calls, logger } = connect(['alpha']);
    await waitFor(() => ari.supervisor.ready);
    const first = sim.placeCall({ app: 'alpha', extension: '1000' });
    await waitFor(() => calls.length === 1);
    const control = calls[0].control;
    await control.answer();
    const digits: string[] = [];
    control.onDtmf((d) => digits.push(d));
    // vm-nobodyavail lasts 2.8 simulated seconds: the move happens while it plays.
    const playback = await control.play(['sound:vm-nobodyavail']);

    await ari.gateway.setApps(['alpha', 'beta']);
    expect(ari.gateway.activeApps).toEqual(['alpha', 'beta']);
    expect(ari.gateway.replacedApps).toEqual([]);
    expect(ari.supervisor.status).toMatchObject({ state: 'connected', reconnects: 0 });
    await waitFor(() => sim.stats().eventSockets === 1);

    // The running call's events now come on the new socket.
    sim.sendDtmf(first, '7');
    await waitFor(() => digits.length === 1);
    await expect(playback.finished).resolves.toBe('done');

    // The added app takes calls.
    sim.placeCall({ app: 'beta', extension: '2000' });
    await waitFor(() => calls.length === 2);
    expect(calls[1].app).toBe('beta');
    await calls[1].control.hangup();
    await calls[1].control.ended;

    // Removing alpha leaves beta alone; alpha's calls no longer reach us.
    await control.hangup();
    await control.ended;
    await ari.gateway.setApps(['beta']);
    await waitFor(() => sim.stats().eventSockets === 1);
    const refused = sim.placeCall({ app: 'alpha', extension: '1000' });
    const transcript = await sim.waitForEnd(refused, { timeoutMs: 10_000 });
    expect(transcript.map((e) => e.kind)).not.toContain('stasis-start');
    sim.placeCall({ app: 'beta', extension: '2001' });
    await waitFor(() => calls.length === 3);
    expect(calls.map((c) => c.app)).toEqual(['alpha', 'beta', 'beta']);
    await calls[2].control.hangup();
    await calls[2].control.ended;

    expect(ari.supervisor.status.reconnects).toBe(0);
    expect(logger.records.filter((r) => /taken over|ApplicationReplaced/.test(String(r.msg)))).toEqual([]);
    expect(ari.gateway.counts).toEqual({ liveControls: 0, dialLegs: 0, demuxListeners: 0 });
  });

  it('has the dropped app unregistered by the time the move resolves: a call into it at once fails in the dialplan', async () => {
    const { server: ari, calls } = connect(['alpha', 'beta']);
    await waitFor(() => ari.supervisor.ready);
    await ari.gateway.setApps(['alpha']);
    // No wait: "moved" means Asterisk answered the old socket's close frame, so it has unregistered beta.
    const refused = sim.placeCall({ app: 'beta', extension: '2000' });
    const kinds = (await sim.waitForEnd(refused, { timeoutMs: 10_000 })).map((e) => e.kind);
    expect(kinds).toContain('stasis-failed');
    expect(kinds).not.toContain('stasis-start');
    expect(calls).toEqual([]);
  });

  it('records a new app list while disconnected and connects with it', async () => {
    const { server: ari, calls } = connect(['alpha']);
    await waitFor(() => ari.supervisor.ready);
    await sim.stop();
    await waitFor(() => !ari.supervisor.ready);
    await ari.gateway.setApps(['beta']);
    await sim.restart();
    await waitFor(() => ari.supervisor.ready, 10_000);
    sim.placeCall({ app: 'beta', extension: '2000' });
    await waitFor(() => calls.length === 1);
    expect(calls[0].app).toBe('beta');
    await calls[0].control.hangup();
  });

  it('the in-process transport changes its apps in place too', async () => {
    const inproc = AriSimulator.createInProcess({ apps: ['alpha'], timeScale: 0.01 });
    const calls: IncomingCall[] = [];
    const local = createAriServer({ name: 'in-process', apps: ['alpha'], transport: inproc.createTransport() });
    local.gateway.onIncoming((c) => calls.push(c));
    local.supervisor.start();
    try {
      await waitFor(() => local.supervisor.ready);
      await local.gateway.setApps(['alpha', 'beta']);
      inproc.placeCall({ app: 'beta', extension: '2000' });
      inproc.placeCall({ app: 'alpha', extension: '1000' });
      await waitFor(() => calls.length === 2);
      expect(calls.map((c) => c.app).sort()).toEqual(['alpha', 'beta']);
      expect(local.supervisor.status.state).toBe('connected');
      for (const c of calls) await c.control.hangup();
    } finally {
      await local.supervisor.stop();
      await inproc.stop();
    }
  });
});
