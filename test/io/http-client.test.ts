import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbortError } from '../../src/core/clock';
import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import { errorText, parseJsonBody, sendHttp, type HttpRequest } from '../../src/io/http-client';

const URL_A = new URL('https://service.example/api');

function request(over: Partial<HttpRequest> = {}): HttpRequest {
  return { method: 'POST', url: URL_A, headers: { accept: 'application/json' }, timeoutMs: 1000, maxBytes: 64, ...over };
}

/** A fetch that records what it was asked and answers with `answer` (or never, until aborted). */
function recordingFetch(answer?: () => Response | Promise<Response>): { fetch: typeof fetch; calls: { url: string; init: RequestInit }[] } {
  const calls: { url: string; init: RequestInit }[] = [];
  const fake = (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    calls.push({ url: String(input), init: init ?? {} });
    if (answer) return Promise.resolve(answer());
    return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true }));
  };
  return { fetch: fake as typeof fetch, calls };
}

describe('sendHttp', () => {
  it('sends JSON with its content type, never follows redirects, and returns the whole answer', async () => {
    const { fetch, calls } = recordingFetch(() => new Response('{"a":1}', { status: 302, statusText: 'Found', headers: { 'content-type': 'application/json' } }));
    const clock = new FakeClock();
    const res = await sendHttp(request({ json: { q: 'x' } }), { clock, fetch });
    expect(res).toMatchObject({ answered: true, status: 302, statusText: 'Found', contentType: 'application/json' });
    expect(res.answered && res.body.toString()).toBe('{"a":1}');
    expect(calls[0].init).toMatchObject({ method: 'POST', redirect: 'manual', body: '{"q":"x"}', headers: { accept: 'application/json', 'content-type': 'application/json' } });
    expect(clock.pending).toBe(0);
  });

  it('sends no body and no content type without json', async () => {
    const { fetch, calls } = recordingFetch(() => new Response(null, { status: 204 }));
    const res = await sendHttp(request({ method: 'GET' }), { clock: new FakeClock(), fetch });
    expect(res).toMatchObject({ answered: true, status: 204 });
    expect(res.answered && res.body.length).toBe(0);
    expect(calls[0].init.body).toBeUndefined();
    expect(calls[0].init.headers).toEqual({ accept: 'application/json' });
  });

  it('times out on the injected clock, before the headers and during the body', async () => {
    const clock = new FakeClock();
    const pending = sendHttp(request({ timeoutMs: 500 }), { clock, fetch: recordingFetch().fetch });
    clock.advance(499);
    await flushAsync();
    clock.advance(1);
    expect(await pending).toEqual({ answered: false, status: 0, failure: 'timeout', message: 'no answer within 500 ms' });

    // Headers arrive, the body never ends.
    const stalled = (init?: RequestInit): Response => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{'));
          init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason), { once: true });
        },
      });
      return new Response(body, { status: 200 });
    };
    const slowFetch = ((_input: unknown, init?: RequestInit) => Promise.resolve(stalled(init))) as typeof fetch;
    const slow = sendHttp(request({ timeoutMs: 500 }), { clock, fetch: slowFetch });
    await flushAsync();
    clock.advance(500);
    expect(await slow).toEqual({ answered: false, status: 200, failure: 'timeout', message: 'no complete answer within 500 ms' });
    expect(clock.pending).toBe(0);
  });

  it('stops reading past maxBytes', async () => {
    const { fetch } = recordingFetch(() => new Response('x'.repeat(65), { status: 200 }));
    expect(await sendHttp(request({ maxBytes: 64 }), { clock: new FakeClock(), fetch })).toEqual({ answered: false, status: 200, failure: 'too_large', message: 'the answer is larger than 64 bytes' });
    const exact = recordingFetch(() => new Response('x'.repeat(64), { status: 200 }));
    expect(await sendHttp(request({ maxBytes: 64 }), { clock: new FakeClock(), fetch: exact.fetch })).toMatchObject({ answered: true });
  });

  it('reports a transport failure with its cause', async () => {
    const failing = (() => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') }))) as typeof fetch;
    expect(await sendHttp(request(), { clock: new FakeClock(), fetch: failing })).toEqual({ answered: false, status: 0, failure: 'network', message: 'fetch failed: connect ECONNREFUSED 127.0.0.1:9' });
  });

  it('rejects with AbortError when the caller cancels, before or during the exchange, releasing its timer', async () => {
    const clock = new FakeClock();
    const hangup = new AbortController();
    const pending = sendHttp(request(), { clock, signal: hangup.signal, fetch: recordingFetch().fetch });
    hangup.abort('caller hung up');
    const err = await pending.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect((err as AbortError).reason).toBe('caller hung up');
    expect(clock.pending).toBe(0);

    const { fetch, calls } = recordingFetch(() => new Response('{}'));
    await expect(sendHttp(request(), { clock, signal: hangup.signal, fetch })).rejects.toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(0);
  });

  it('keeps the connection alive between requests to one server (global fetch pool)', async () => {
    const sockets = new Set<unknown>();
    const server = http.createServer((req, res) => {
      sockets.add(req.socket);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
      for (let i = 0; i < 6; i++) expect(await sendHttp(request({ url, json: { i } }), { clock: new FakeClock() })).toMatchObject({ answered: true, status: 200 });
      // undici may alternate between two pooled sockets; what matters is that they are reused.
      expect(sockets.size).toBeLessThanOrEqual(2);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('parseJsonBody and errorText', () => {
  it('parses JSON, codes what is not JSON, and reads an empty body as null only when asked', () => {
    expect(parseJsonBody(Buffer.from('{"a":[1]}'))).toEqual({ ok: true, value: { a: [1] } });
    expect(parseJsonBody('{"a":')).toEqual({ ok: false, code: 'bad_json', message: 'the answer is not JSON' });
    expect(parseJsonBody('  ')).toMatchObject({ ok: false, code: 'bad_json' });
    expect(parseJsonBody('  ', { emptyIsNull: true })).toEqual({ ok: true, value: null });
  });

  it('joins a message and its cause, for errors of any realm', () => {
    expect(errorText(new Error('a', { cause: new Error('b') }))).toBe('a: b');
    expect(errorText({ message: 'shaped', cause: { message: 'like an error' } })).toBe('shaped: like an error');
    expect(errorText('plain')).toBe('plain');
    expect(errorText(new Error('a', { cause: 'not an error' }))).toBe('a');
  });
});
