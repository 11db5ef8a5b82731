/**
 * The overload signal of `runtime.overload.max_request_wait`: how long the
 * oldest ARI request queued for one of a pipeline's request slots has waited,
 * read through the pipeline, its stats and a metered transport.
 */
import { CATALOGUE_API, CATALOGUE_COMPOSER } from '../../src/ari/catalogue-api';
import { MeteredTransport } from '../../src/ari/metered-transport';
import { RequestPipeline } from '../../src/ari/request-pipeline';
import type { AriTransport } from '../../src/ari/transport';
import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import { memoryLogger } from '../../src/core/logger';
import { HeldExecutor } from './helpers/held-executor';

describe('ARI request wait', () => {
  it('is 0 while requests get a slot at once, then the wait of the oldest queued one, and 0 again once the queue is empty', async () => {
    const clock = new FakeClock(10_000);
    const executor = new HeldExecutor();
    const pipeline = new RequestPipeline(executor, { clock, logger: memoryLogger(), requestTimeoutMs: 60_000, maxInFlight: 1, secrets: [] });
    pipeline.use(CATALOGUE_API, CATALOGUE_COMPOSER);
    const first = pipeline.request('channels.answer', { channelId: '1.1' }, {});
    expect(pipeline.requestWaitMs()).toBe(0);
    const second = pipeline.request('channels.answer', { channelId: '2.2' }, {});
    await flushAsync();
    clock.advance(400);
    const third = pipeline.request('channels.answer', { channelId: '3.3' }, {});
    await flushAsync();
    clock.advance(200);
    expect(pipeline.requestWaitMs()).toBe(600);
    expect(pipeline.stats).toMatchObject({ inFlight: 1, queued: 2, oldestWaitMs: 600 });

    executor.pending[0].resolve({ status: 204, body: '' });
    await first;
    await flushAsync();
    // The second request holds the slot now: the third has waited 200 ms.
    expect(pipeline.requestWaitMs()).toBe(200);
    executor.pending[1].resolve({ status: 204, body: '' });
    await second;
    await flushAsync();
    expect(pipeline.requestWaitMs()).toBe(0);
    executor.pending[2].resolve({ status: 204, body: '' });
    await third;
  });

  it('a metered transport forwards the reading when the transport underneath has one, and has none otherwise', () => {
    const base = { name: 'pbx', state: 'connected', connect: jest.fn(), request: jest.fn(), onEvent: jest.fn(), onState: jest.fn(), close: jest.fn() } as unknown as AriTransport;
    expect(new MeteredTransport(base, () => undefined).requestWaitMs).toBeUndefined();
    const withWait = Object.assign(Object.create(base) as AriTransport, { requestWaitMs: () => 321 });
    expect(new MeteredTransport(withWait, () => undefined).requestWaitMs?.()).toBe(321);
  });
});
