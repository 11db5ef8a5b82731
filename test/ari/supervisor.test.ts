import { AriGateway, type ReconcileReport } from '../../src/ari/ari-gateway';
import { backoffDelay } from '../../src/ari/backoff';
import { AriSupervisor, type SupervisorStatus } from '../../src/ari/supervisor';
import { VoxtraError } from '../../src/core/errors';
import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import { ScriptedTransport } from './helpers/scripted-transport';

class HeartbeatTransport extends ScriptedTransport {
  pongs = true;
  pings = 0;
  drops: string[] = [];
  ping(): Promise<void> {
    this.pings++;
    return this.pongs ? Promise.resolve() : new Promise<void>(() => undefined);
  }
  drop(reason: string): void {
    this.drops.push(reason);
    this.setState('disconnected', new Error(reason));
  }
}

function setup(opts: { random?: () => number; pingIntervalMs?: number } = {}) {
  const clock = new FakeClock(1_000_000);
  const transport = new HeartbeatTransport();
  transport.state = 'disconnected';
  transport.reply = (op) => (op === 'channels.list' ? { status: 200, body: [] } : { status: 200, body: { channel_ids: [] } });
  const gateway = new AriGateway({ server: 'pbx1', transport, apps: ['voxtra'], clock });
  const reports: ReconcileReport[] = [];
  const supervisor = new AriSupervisor({
    gateway,
    clock,
    random: opts.random ?? (() => 0.5),
    connectTimeoutMs: 1000,
    pingIntervalMs: opts.pingIntervalMs ?? 5000,
    pongTimeoutMs: 2000,
    onReconciled: (r) => {
      reports.push(r);
    },
  });
  const statuses: SupervisorStatus[] = [];
  supervisor.onStatus((s) => statuses.push(s));
  return { clock, transport, gateway, supervisor, reports, statuses };
}

/** Fires due timers one by one, letting promises settle in between. */
async function run(clock: FakeClock, ms: number): Promise<void> {
  const until = clock.now() + ms;
  await flushAsync();
  for (;;) {
    const next = clock.nextAt();
    if (next === undefined || next > until) break;
    clock.advanceTo(next);
    await flushAsync();
  }
  clock.advanceTo(until);
  await flushAsync();
}

describe('backoffDelay', () => {
  it('grows exponentially from 100 ms, caps at 30 s, and applies full jitter', () => {
    const ceilings = Array.from({ length: 12 }, (_, i) => backoffDelay(i + 1, () => 0.999999));
    expect(ceilings.slice(0, 5)).toEqual([99, 199, 399, 799, 1599]);
    expect(ceilings[11]).toBe(29_999);
    expect(backoffDelay(40, () => 0)).toBe(0);
    expect(backoffDelay(3, () => 0.5)).toBe(200);
  });
});

describe('AriSupervisor', () => {
  it('connects, reconciles, and reports connected', async () => {
    const { supervisor, transport, reports, clock } = setup();
    supervisor.start();
    await flushAsync();
    expect(transport.connects).toEqual([['voxtra']]);
    expect(supervisor.status).toMatchObject({ server: 'pbx1', state: 'connected', attempts: 0, reconnects: 0, since: clock.now() });
    expect(supervisor.ready).toBe(true);
    expect(reports).toHaveLength(1);
    await supervisor.stop();
  });

  it('retries forever with capped, jittered exponential backoff while the server is down', async () => {
    const { supervisor, transport, clock } = setup();
    transport.connectImpl = () => Promise.reject(new VoxtraError('ARI_TRANSPORT', 'connect ECONNREFUSED 127.0.0.1:8088'));
    supervisor.start();
    await flushAsync();
    const delays: number[] = [];
    for (let i = 0; i < 15; i++) {
      delays.push(supervisor.status.retryInMs as number);
      await run(clock, supervisor.status.retryInMs as number);
    }
    expect(delays.slice(0, 6)).toEqual([50, 100, 200, 400, 800, 1600]);
    expect(delays.slice(-3)).toEqual([15_000, 15_000, 15_000]);
    expect(transport.connects.length).toBe(16);
    expect(supervisor.status).toMatchObject({ state: 'disconnected', attempts: 16, lastError: 'connect ECONNREFUSED 127.0.0.1:8088' });
    transport.connectImpl = async () => undefined;
    await run(clock, supervisor.status.retryInMs as number);
    expect(supervisor.status).toMatchObject({ state: 'connected', attempts: 0 });
    await supervisor.stop();
  });

  it('bounds a connect attempt in time and drops it', async () => {
    const { supervisor, transport, clock } = setup();
    transport.connectImpl = () => new Promise<void>(() => undefined);
    supervisor.start();
    await run(clock, 999);
    expect(supervisor.status.state).toBe('connecting');
    await run(clock, 1);
    expect(transport.drops).toEqual(['connect attempt timed out']);
    expect(supervisor.status).toMatchObject({ state: 'disconnected', attempts: 1 });
    expect(supervisor.status.lastError).toMatch(/longer than 1000 ms/);
    await supervisor.stop();
  });

  it('reconnects after the socket drops and reconciles again', async () => {
    const { supervisor, transport, clock, reports, statuses } = setup();
    supervisor.start();
    await flushAsync();
    transport.setState('disconnected', new Error('events socket closed (1006)'));
    expect(supervisor.status).toMatchObject({ state: 'disconnected', attempts: 1, lastError: 'events socket closed (1006)', retryInMs: 50 });
    await run(clock, 50);
    expect(supervisor.status).toMatchObject({ state: 'connected', reconnects: 1 });
    expect(transport.connects).toHaveLength(2);
    expect(reports).toHaveLength(2);
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected']);
    await supervisor.stop();
  });

  it('pings while connected and drops a socket that stops answering', async () => {
    const { supervisor, transport, clock } = setup();
    supervisor.start();
    await flushAsync();
    await run(clock, 15_000);
    expect(transport.pings).toBe(3);
    expect(transport.drops).toEqual([]);
    transport.pongs = false;
    await run(clock, 5000 + 1999);
    expect(transport.drops).toEqual([]);
    await run(clock, 1);
    expect(transport.drops).toEqual(['no pong within 2000 ms']);
    transport.pongs = true;
    await run(clock, 100);
    expect(supervisor.status).toMatchObject({ state: 'connected', reconnects: 1 });
    await supervisor.stop();
  });

  it('does not reconnect after ApplicationReplaced took every app', async () => {
    const { supervisor, transport, clock } = setup();
    supervisor.start();
    await flushAsync();
    transport.emit({ type: 'ApplicationReplaced', application: 'voxtra' });
    transport.setState('replaced');
    expect(supervisor.status.state).toBe('replaced');
    transport.setState('disconnected');
    await run(clock, 120_000);
    expect(transport.connects).toHaveLength(1);
    expect(supervisor.status.state).toBe('replaced');
    await supervisor.stop();
  });

  it('stop closes the gateway and leaves no timer behind', async () => {
    const { supervisor, transport, clock } = setup();
    transport.connectImpl = () => Promise.reject(new Error('refused'));
    supervisor.start();
    await flushAsync();
    expect(clock.pending).toBe(1);
    await supervisor.stop();
    expect(clock.pending).toBe(0);
    expect(supervisor.status.state).toBe('closed');
    expect(transport.state).toBe('closed');
  });
});
