import { CATALOGUE_API, CATALOGUE_COMPOSER } from '../../../src/ari/catalogue-api';
import { RequestPipeline } from '../../../src/ari/request-pipeline';
import type { AriOperation, AriParams } from '../../../src/ari/transport';
import { SocketRequestExecutor, type FrameSink, type WhileDown } from '../../../src/ari/ws-rest/socket-request-executor';
import { FakeClock } from '../../../src/core/fake-clock';
import { memoryLogger } from '../../../src/core/logger';
import type { AriEvent } from '../../../src/ari/transport';

/** A socket that keeps what is sent and lets the test answer it. */
class RecordingSink implements FrameSink {
  readonly frames: Array<Record<string, unknown>> = [];
  send(text: string): void {
    this.frames.push(JSON.parse(text) as Record<string, unknown>);
  }
  answer(i: number, status: number, body?: unknown, over: Partial<Record<string, unknown>> = {}): AriEvent {
    const f = this.frames[i];
    return {
      type: 'RESTResponse',
      transaction_id: f.transaction_id,
      request_id: f.request_id,
      status_code: status,
      reason_phrase: 'x',
      uri: String(f.uri).split('?')[0],
      ...(body !== undefined ? { content_type: 'application/json', message_body: JSON.stringify(body) } : {}),
      ...over,
    };
  }
}

function setup(whileDown: WhileDown = 'fail', maxInFlight = 4): { exec: SocketRequestExecutor; pipeline: RequestPipeline; clock: FakeClock; request: <T>(op: string, params?: AriParams, timeoutMs?: number) => Promise<T> } {
  const clock = new FakeClock();
  const logger = memoryLogger();
  const exec = new SocketRequestExecutor({ logger, whileDown, name: 'pbx' });
  const pipeline = new RequestPipeline(exec, { clock, logger, requestTimeoutMs: 5000, maxInFlight, secrets: [] });
  pipeline.use(CATALOGUE_API, CATALOGUE_COMPOSER);
  return { exec, pipeline, clock, request: <T>(op: string, params: AriParams = {}, timeoutMs?: number) => pipeline.request<T>(op as AriOperation, params, timeoutMs === undefined ? {} : { timeoutMs }) };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** {@link setup} with a socket attached. */
function attached(whileDown: WhileDown = 'fail', maxInFlight = 4): ReturnType<typeof setup> & { sink: RecordingSink } {
  const s = setup(whileDown, maxInFlight);
  const sink = new RecordingSink();
  s.exec.attach(sink);
  return { ...s, sink };
}

describe('SocketRequestExecutor with the request pipeline', () => {
  it('matches answers by request_id, in whatever order they come, and parses them like HTTP answers', async () => {
    const { exec, request, sink } = attached();
    const get = request('channels.get', { channelId: 'c1' });
    const answer = request('channels.answer', { channelId: 'c1' });
    const play = request('channels.play', { channelId: 'c1', media: 'sound:beep', playbackId: 'pb-1' });
    await tick();
    expect(sink.frames.map((f) => f.request_id)).toEqual(['1', '2', '3']);
    expect(new Set(sink.frames.map((f) => f.transaction_id)).size).toBe(1);
    expect(exec.accept(sink.answer(2, 201, { id: 'pb-1', state: 'queued' }))).toBe(true);
    expect(exec.accept(sink.answer(1, 204))).toBe(true);
    expect(exec.accept(sink.answer(0, 200, { id: 'c1', state: 'Up' }))).toBe(true);
    await expect(play).resolves.toEqual({ id: 'pb-1', state: 'queued' });
    await expect(answer).resolves.toBeUndefined();
    await expect(get).resolves.toEqual({ id: 'c1', state: 'Up' });
    expect(exec.inFlight).toBe(0);
  });

  it('drops answers nobody waits for: another transaction, an unknown id, Asterisk\'s "" ids', async () => {
    const { exec, request, sink } = attached();
    const get = request('asterisk.ping');
    await tick();
    expect(exec.accept(sink.answer(0, 200, {}, { transaction_id: 'someone-else' }))).toBe(false);
    expect(exec.accept(sink.answer(0, 200, {}, { request_id: '99' }))).toBe(false);
    expect(exec.accept({ type: 'RESTResponse', transaction_id: '', request_id: '', status_code: 400, reason_phrase: 'Failed to parse request message JSON', uri: '' })).toBe(false);
    expect(exec.inFlight).toBe(1);
    exec.accept(sink.answer(0, 200, { ping: 'pong' }));
    await expect(get).resolves.toEqual({ ping: 'pong' });
  });

  it('turns 4xx/5xx answers into ARI_REQUEST_FAILED with status and Asterisk\'s message, as over HTTP', async () => {
    const { exec, request, sink } = attached();
    const gone = request('channels.answer', { channelId: 'c9' });
    const alloc = request('channels.originate', { endpoint: 'PJSIP/nobody' });
    await tick();
    exec.accept(sink.answer(0, 404, { message: 'Channel not found' }));
    exec.accept(sink.answer(1, 500, { error: 'Allocation failed' }));
    await expect(gone).rejects.toMatchObject({ code: 'ARI_REQUEST_FAILED', details: { status: 404, message: 'Channel not found', operation: 'channels.answer' } });
    await expect(alloc).rejects.toMatchObject({ code: 'ARI_REQUEST_FAILED', details: { status: 500, message: 'Allocation failed' } });
  });

  it('times out with ARI_TIMEOUT and drops the late answer', async () => {
    const { exec, request, clock, sink } = attached();
    const slow = request('channels.play', { channelId: 'c1', media: 'sound:beep' }, 1000);
    await tick();
    clock.advance(1000);
    await expect(slow).rejects.toMatchObject({ code: 'ARI_TIMEOUT', details: { operation: 'channels.play', timeoutMs: 1000 } });
    expect(exec.inFlight).toBe(0);
    expect(exec.accept(sink.answer(0, 201, {}))).toBe(false);
  });

  it('fails requests in flight at once with ARI_CONNECTION_LOST when their socket goes; an idempotent one is retried once on the next socket', async () => {
    const { exec, request } = setup('wait');
    const first = new RecordingSink();
    exec.attach(first);
    const play = request('channels.play', { channelId: 'c1', media: 'sound:beep' });
    const answer = request('channels.answer', { channelId: 'c1' });
    await tick();
    exec.detach(first, 'closed 1006');
    // Never replayed: a duplicate play would be heard.
    await expect(play).rejects.toMatchObject({ code: 'ARI_CONNECTION_LOST', details: { reason: 'closed 1006' } });
    const second = new RecordingSink();
    exec.attach(second);
    await tick();
    expect(second.frames.map((f) => f.uri)).toEqual(['channels/c1/answer']);
    exec.accept(second.answer(0, 204));
    await expect(answer).resolves.toBeUndefined();
  });

  it('while no socket is open: fails at once (fail) or waits for the next socket within the deadline (wait)', async () => {
    const failing = setup('fail');
    await expect(failing.request('asterisk.ping')).rejects.toMatchObject({ code: 'ARI_NOT_CONNECTED' });

    const waiting = setup('wait');
    const a = waiting.request('channels.get', { channelId: 'a' });
    const b = waiting.request('channels.get', { channelId: 'b' });
    await tick();
    const sink = new RecordingSink();
    waiting.exec.attach(sink);
    expect(sink.frames.map((f) => f.uri)).toEqual(['channels/a', 'channels/b']);
    sink.frames.forEach((_, i) => waiting.exec.accept(sink.answer(i, 200, { i })));
    await expect(Promise.all([a, b])).resolves.toEqual([{ i: 0 }, { i: 1 }]);

    const lonely = waiting.request('asterisk.ping', {}, 500);
    await tick();
    waiting.clock.advance(500);
    await expect(lonely).rejects.toMatchObject({ code: 'ARI_TIMEOUT' });
  });

  it('bounds requests in flight like the HTTP path: more wait their turn', async () => {
    const { exec, request, pipeline, sink } = attached('fail', 2);
    const all = [request('channels.get', { channelId: '1' }), request('channels.get', { channelId: '2' }), request('channels.get', { channelId: '3' })];
    await tick();
    expect(sink.frames).toHaveLength(2);
    expect(pipeline.stats).toMatchObject({ inFlight: 2, queued: 1, maxInFlight: 2 });
    exec.accept(sink.answer(0, 200, {}));
    await tick();
    await tick();
    expect(sink.frames).toHaveLength(3);
    exec.accept(sink.answer(1, 200, {}));
    exec.accept(sink.answer(2, 200, {}));
    await Promise.all(all);
  });

  it('fails everything when closed, sent or waiting, and every later request', async () => {
    const { exec, request } = attached('wait');
    const sent = request('asterisk.ping');
    await tick();
    exec.close('transport closed');
    await expect(sent).rejects.toMatchObject({ code: 'ARI_NOT_CONNECTED', details: { reason: 'transport closed' } });
    await expect(request('asterisk.ping')).rejects.toMatchObject({ code: 'ARI_NOT_CONNECTED' });
  });
});
