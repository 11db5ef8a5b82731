/**
 * Graceful overload: above `runtime.max_calls`, the event-loop lag bound or
 * its server's ARI request-wait bound a new call is turned away on its
 * StasisStart, before anything answers it, by `runtime.overload.policy`;
 * calls in progress go on; /metrics shows the bounds, the lag, the request
 * waits and the calls turned away by reason.
 */
import type { LagProbe, RequestWaitReading, RuntimePolicies } from '../../src/runtime/runtime';
import { waitFor } from './helpers/runtime-harness';
import { listenFlows } from './helpers/fake-asterisk-calls';
import { startListenRuntime, type ListenRuntime } from './helpers/listen-runtime';

/** A probe the test sets: what the admission reads as the event-loop lag. */
class FixedLag implements LagProbe {
  lagMs = 0;
  running = false;
  start(): void {
    this.running = true;
  }
  stop(): void {
    this.running = false;
  }
}

/** A reading the test sets: how long the oldest ARI request queued for a slot on each server has waited. */
class FixedRequestWait implements RequestWaitReading {
  readonly waits = new Map<string, number>();
  requestWaitMs(server: string): number {
    return this.waits.get(server) ?? 0;
  }
}

describe('Runtime overload', () => {
  let shop: ListenRuntime | undefined;
  let lag: FixedLag;
  let wait: FixedRequestWait;

  async function start(policies: Partial<RuntimePolicies>): Promise<ListenRuntime> {
    lag = new FixedLag();
    wait = new FixedRequestWait();
    shop = await startListenRuntime(listenFlows('800ms'), { policies, eventLoopLag: lag, requestWait: wait });
    return shop;
  }

  afterEach(async () => {
    await shop?.close();
    shop = undefined;
  });

  it('event loop past its bound: a new call is sent on into the dialplan unanswered, a call in progress completes, and calls are taken again once the lag is back', async () => {
    const { runtime, metrics, records, call } = await start({ maxEventLoopLagMs: 200, overloadPolicy: { action: 'continue', context: 'overflow', extension: 's', priority: 1 } });
    expect(lag.running).toBe(true);
    const busy = await call('1.1', '2000');
    await waitFor(() => runtime.activeCalls === 1);

    lag.lagMs = 450;
    const extra = await call('2.2', '1000');
    await waitFor(() => extra.requests.length > 0);
    expect(extra.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /ari/channels/2.2/continue']);
    expect(extra.requests[0].query.get('context')).toBe('overflow');
    expect(records.find((r) => r.callId === '2.2' && r.level === 'warn')).toMatchObject({ reason: 'event_loop_lag', eventLoopLagMs: 450 });
    let text = await metrics.render();
    expect(text).toMatch(/voxtra_calls_turned_away_total\{app="shop",reason="event_loop_lag"\} 1/);
    expect(text).toMatch(/voxtra_event_loop_lag_seconds 0\.45/);
    expect(text).toMatch(/voxtra_event_loop_lag_max_seconds 0\.2/);
    expect(text).toMatch(/voxtra_calls_in_progress 1/);

    lag.lagMs = 20;
    await waitFor(() => runtime.activeCalls === 0, 5000);
    expect(busy.requests.map((r) => r.method)).toEqual(['POST', 'DELETE']);
    const next = await call('3.3', '1000');
    await waitFor(() => next.requests.some((r) => r.method === 'DELETE'), 5000);
    expect(next.requests.map((r) => r.path)).toEqual(['/ari/channels/3.3/answer', '/ari/channels/3.3/play', '/ari/channels/3.3']);
    await waitFor(() => runtime.activeCalls === 0, 5000);
    text = await metrics.render();
    expect(text).toMatch(/voxtra_calls_total\{app="shop",route="none",outcome="over_capacity"\} 1/);
    expect(text).toMatch(/voxtra_calls_total\{app="shop",route="greet",outcome="completed"\} 1/);
    expect(text).toMatch(/voxtra_calls_max 0\n/);
    await runtime.stop();
    expect(lag.running).toBe(false);
  });

  it('runtime.max_calls with an overload policy: the surplus is hung up with its cause and counted as max_calls', async () => {
    const { runtime, metrics, call } = await start({ maxCalls: 1, overloadPolicy: { action: 'hangup', cause: 'busy' } });
    await call('1.1', '2000');
    await waitFor(() => runtime.activeCalls === 1);
    const extra = await call('2.2', '1000');
    await waitFor(() => extra.requests.length > 0);
    expect(extra.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /ari/channels/2.2']);
    expect(extra.requests[0].query.get('reason')).toBe('busy');
    const text = await metrics.render();
    expect(text).toMatch(/voxtra_calls_turned_away_total\{app="shop",reason="max_calls"\} 1/);
    expect(text).toMatch(/voxtra_calls_max 1/);
  });

  it('a lag bound of 0 turns nothing away', async () => {
    const { metrics, call } = await start({ maxEventLoopLagMs: 0 });
    lag.lagMs = 5000;
    const conn = await call('4.4', '1000');
    await waitFor(() => conn.requests.some((r) => r.method === 'DELETE'), 5000);
    expect(conn.requests[0].path).toBe('/ari/channels/4.4/answer');
    expect(await metrics.render()).toMatch(/voxtra_event_loop_lag_max_seconds 0\n/);
  });

  it('a call on a server whose oldest queued request waited past the bound is turned away by the policy (request_wait); under it, and on another server, calls are taken', async () => {
    const { runtime, metrics, records, call } = await start({ maxRequestWaitMs: 500, overloadPolicy: { action: 'hangup', cause: 'busy' } });
    wait.waits.set('other', 5000);
    wait.waits.set('edge', 499);
    const taken = await call('1.1', '1000');
    await waitFor(() => taken.requests.length > 0);
    expect(taken.requests[0].path).toBe('/ari/channels/1.1/answer');

    wait.waits.set('edge', 750);
    const extra = await call('2.2', '1000');
    await waitFor(() => extra.requests.length > 0);
    expect(extra.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /ari/channels/2.2']);
    expect(extra.requests[0].query.get('reason')).toBe('busy');
    const warning = records.find((r) => r.callId === '2.2' && r.level === 'warn');
    expect(warning).toMatchObject({ reason: 'request_wait', requestWaitMs: 750, server: 'edge' });
    expect(String(warning?.msg)).toMatch(/server edge queued for 750 ms, past runtime\.overload\.max_request_wait \(500 ms\)/);
    const text = await metrics.render();
    expect(text).toMatch(/voxtra_calls_turned_away_total\{app="shop",reason="request_wait"\} 1/);
    expect(text).toMatch(/voxtra_ari_request_wait_seconds\{server="edge"\} 0\.75/);
    expect(text).toMatch(/voxtra_ari_request_wait_max_seconds 0\.5\n/);

    wait.waits.set('edge', 0);
    const next = await call('3.3', '1000');
    await waitFor(() => next.requests.length > 0);
    expect(next.requests[0].path).toBe('/ari/channels/3.3/answer');
    await waitFor(() => runtime.activeCalls === 0, 5000);
  });

  it('a request-wait bound of 0 turns nothing away; without a runtime.overload section the bound is 500 ms', async () => {
    const { metrics, call } = await start({ maxRequestWaitMs: 0 });
    wait.waits.set('edge', 60_000);
    const conn = await call('4.4', '1000');
    await waitFor(() => conn.requests.length > 0);
    expect(conn.requests[0].path).toBe('/ari/channels/4.4/answer');
    expect(await metrics.render()).toMatch(/voxtra_ari_request_wait_max_seconds 0\n/);
    await shop?.close();
    const defaults = await start({});
    expect(await defaults.metrics.render()).toMatch(/voxtra_ari_request_wait_max_seconds 0\.5\n/);
  });
});
