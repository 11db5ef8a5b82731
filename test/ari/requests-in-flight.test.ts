/**
 * `voxtra_ari_requests_in_flight`: the ARI requests a pipeline has taken and
 * not yet settled (queued for a slot, sent, retried), read through the
 * pipeline, a metered transport and the metrics.
 */
import { CATALOGUE_API, CATALOGUE_COMPOSER } from '../../src/ari/catalogue-api';
import { MeteredTransport } from '../../src/ari/metered-transport';
import { RequestPipeline } from '../../src/ari/request-pipeline';
import type { AriTransport } from '../../src/ari/transport';
import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import { memoryLogger } from '../../src/core/logger';
import { HeldExecutor } from './helpers/held-executor';
import { createMetrics } from '../../src/observability/metrics';

describe('ARI requests in flight', () => {
  it('counts requests from the call to their settling, queued ones included; answered, refused and failed ones leave the count', async () => {
    const clock = new FakeClock(10_000);
    const executor = new HeldExecutor();
    const pipeline = new RequestPipeline(executor, { clock, logger: memoryLogger(), requestTimeoutMs: 60_000, maxInFlight: 1, secrets: [] });
    pipeline.use(CATALOGUE_API, CATALOGUE_COMPOSER);
    expect(pipeline.requestsInFlight()).toBe(0);
    const answered = pipeline.request('channels.answer', { channelId: '1.1' }, {});
    const refused = pipeline.request('channels.answer', { channelId: '2.2' }, {}).catch((err: unknown) => err);
    const failed = pipeline.request('channels.answer', { channelId: '3.3' }, {}).catch((err: unknown) => err);
    await flushAsync();
    // One holds the slot, two wait for it: all three are in flight.
    expect(pipeline.stats).toMatchObject({ inFlight: 1, queued: 2 });
    expect(pipeline.requestsInFlight()).toBe(3);

    executor.pending[0].resolve({ status: 204, body: '' });
    await answered;
    await flushAsync();
    expect(pipeline.requestsInFlight()).toBe(2);
    executor.pending[1].resolve({ status: 404, body: '{"message":"Channel not found"}' });
    expect(await refused).toMatchObject({ code: 'ARI_REQUEST_FAILED' });
    await flushAsync();
    expect(pipeline.requestsInFlight()).toBe(1);
    executor.pending[2].reject(new Error('socket closed'));
    expect(await failed).toBeInstanceOf(Error);
    expect(pipeline.requestsInFlight()).toBe(0);
  });

  it('a request that times out while queued leaves the count', async () => {
    const clock = new FakeClock(10_000);
    const executor = new HeldExecutor();
    const pipeline = new RequestPipeline(executor, { clock, logger: memoryLogger(), requestTimeoutMs: 1000, maxInFlight: 1, secrets: [] });
    pipeline.use(CATALOGUE_API, CATALOGUE_COMPOSER);
    const first = pipeline.request('channels.answer', { channelId: '1.1' }, { timeoutMs: 60_000 });
    const queued = pipeline.request('channels.answer', { channelId: '2.2' }, {}).catch((err: unknown) => err);
    await flushAsync();
    expect(pipeline.requestsInFlight()).toBe(2);
    clock.advance(1001);
    expect(await queued).toMatchObject({ code: 'ARI_TIMEOUT' });
    expect(pipeline.requestsInFlight()).toBe(1);
    executor.pending[0].resolve({ status: 204, body: '' });
    await first;
    expect(pipeline.requestsInFlight()).toBe(0);
  });

  it('a metered transport forwards the count when the transport underneath has one, and has none otherwise', () => {
    const base = { name: 'pbx', state: 'connected', connect: jest.fn(), request: jest.fn(), onEvent: jest.fn(), onState: jest.fn(), close: jest.fn() } as unknown as AriTransport;
    expect(new MeteredTransport(base, () => undefined).requestsInFlight).toBeUndefined();
    const counting = Object.assign(Object.create(base) as AriTransport, { requestsInFlight: () => 7 });
    expect(new MeteredTransport(counting, () => undefined).requestsInFlight?.()).toBe(7);
  });

  it('is a gauge per server in /metrics, read at each scrape', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const counts = new Map([
      ['pbx-a', 3],
      ['pbx-b', 0],
    ]);
    metrics.trackOverload({
      callsInProgress: () => 0,
      maxCalls: () => undefined,
      eventLoopLagMs: () => 0,
      maxEventLoopLagMs: () => 0,
      requestWaits: () => [],
      maxRequestWaitMs: () => 0,
      requestsInFlight: () => counts,
    });
    let text = await metrics.render();
    expect(text).toMatch(/voxtra_ari_requests_in_flight\{server="pbx-a"\} 3\n/);
    expect(text).toMatch(/voxtra_ari_requests_in_flight\{server="pbx-b"\} 0\n/);
    counts.set('pbx-a', 1);
    counts.delete('pbx-b');
    text = await metrics.render();
    expect(text).toMatch(/voxtra_ari_requests_in_flight\{server="pbx-a"\} 1\n/);
    expect(text).not.toMatch(/server="pbx-b"/);
  });
});
