import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbortError } from '../../src/core/clock';
import { isVoxtraError } from '../../src/core/errors';
import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import { HttpEngine } from '../../src/tts/http-engine';
import { readWavLayout } from '../../src/media/wav';
import { decodeWav } from '../../src/tts/wav-decode';
import { encodeWavPcm16 } from '../../src/tts/wav-encode';

interface Seen {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: unknown) => void;

let server: http.Server;
let base: string;
let seen: Seen[];
let handler: Handler;

beforeEach(async () => {
  seen = [];
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

function tone(rate: number, seconds: number, freq = 440): Int16Array {
  const out = new Int16Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = Math.round(10000 * Math.sin((2 * Math.PI * freq * i) / rate));
  return out;
}

describe('HttpEngine', () => {
  it('POSTs { text, voice, language } with the configured headers and converts a 16 kHz WAV answer', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'audio/wav' });
      res.end(encodeWavPcm16(tone(16000, 1), 16000));
    };
    const engine = new HttpEngine({ url: `${base}/v1/speak?model=a`, headers: { 'X-Api-Key': 'secret', 'Content-Type': 'text/plain' } });
    const text = 'It\'s "quoted", {braces} and\nnew lines';
    const wav = await engine.synthesize(text, { voice: 'anna', language: 'en-GB' });
    expect(readWavLayout(wav).format).toMatchObject({ sampleRate: 8000, channels: 1, bitsPerSample: 16, audioFormat: 1 });
    expect(readWavLayout(wav).dataLength).toBe(16000);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/speak?model=a', body: { text, voice: 'anna', language: 'en-GB' } });
    expect(seen[0].headers['x-api-key']).toBe('secret');
    expect(seen[0].headers['content-type']).toBe('application/json');
    expect(seen[0].headers.accept).toMatch(/audio\/wav/);
  });

  it('decodes raw big-endian audio/L16;rate=8000 sample for sample', async () => {
    const samples = Int16Array.from([0, 1, -2, 300, -32768, 32767, 1234]);
    handler = (_req, res) => {
      const be = Buffer.alloc(samples.length * 2);
      samples.forEach((v, i) => be.writeInt16BE(v, i * 2));
      res.writeHead(200, { 'content-type': 'audio/L16; rate=8000' });
      res.end(be);
    };
    const wav = await new HttpEngine({ url: base }).synthesize('hi', {});
    expect(Array.from(decodeWav(wav).channels[0], (v) => Math.round(v * 32768))).toEqual(Array.from(samples));
    // A missing voice or language is left out of the body rather than sent as null.
    expect(seen[0].body).toEqual({ text: 'hi' });
  });

  it('resamples audio/L16 at another rate', async () => {
    handler = (_req, res) => {
      const pcm = tone(24000, 0.5);
      const be = Buffer.alloc(pcm.length * 2);
      pcm.forEach((v, i) => be.writeInt16BE(v, i * 2));
      res.writeHead(200, { 'content-type': 'audio/l16;rate=24000;channels=1' });
      res.end(be);
    };
    const wav = await new HttpEngine({ url: base }).synthesize('hi', {});
    expect(readWavLayout(wav).dataLength).toBe(4000 * 2);
  });

  it('fills a custom body template', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(encodeWavPcm16(tone(8000, 0.2), 8000));
    };
    const engine = new HttpEngine({ url: base, body: { input: '{{ text }}', voice_id: '{{voice}}', model: 'tts-1', prompt: 'Say: {{text}} ({{language}})', opts: { lang: '{{language}}' } } });
    await engine.synthesize('Hello "there"', { language: 'en' });
    expect(seen[0].body).toEqual({ input: 'Hello "there"', model: 'tts-1', prompt: 'Say: Hello "there" (en)', opts: { lang: 'en' } });
  });

  it('fails on a non-audio answer, naming what came back', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"error":"quota exceeded"}');
    };
    const err = await rejection(new HttpEngine({ url: base }).synthesize('hi', {}));
    expect(isVoxtraError(err, 'TTS_FAILED')).toBe(true);
    expect(err.message).toMatch(/did not answer with usable audio: expected audio\/wav or audio\/L16 but got "application\/json": \{"error":"quota exceeded"\}/);
  });

  it('fails on a bad status, with the status and the start of the body', async () => {
    handler = (_req, res) => {
      res.writeHead(503, 'Service Unavailable', { 'content-type': 'text/plain' });
      res.end('overloaded, try later');
    };
    const err = await rejection(new HttpEngine({ url: `${base}/tts` }).synthesize('hi', {}));
    expect(isVoxtraError(err, 'TTS_FAILED')).toBe(true);
    expect(err.message).toBe(`TTS service ${base}/tts answered 503 Service Unavailable: overloaded, try later`);
    expect((err as unknown as { details: { status: number } }).details.status).toBe(503);
  });

  it('does not follow redirects', async () => {
    handler = (_req, res) => {
      res.writeHead(302, { location: 'http://example.invalid/' });
      res.end();
    };
    const err = await rejection(new HttpEngine({ url: base }).synthesize('hi', {}));
    expect(err.message).toMatch(/answered 302/);
  });

  it('times out on the injected clock when the service does not answer', async () => {
    handler = () => undefined; // never answers
    const clock = new FakeClock();
    const engine = new HttpEngine({ url: base, clock, timeoutMs: 2000 });
    const pending = rejection(engine.synthesize('hi', {}));
    for (let i = 0; i < 200 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(seen).toHaveLength(1);
    clock.advance(1999);
    await flushAsync();
    clock.advance(1);
    const err = await pending;
    expect(isVoxtraError(err, 'TTS_FAILED')).toBe(true);
    expect(err.message).toMatch(/no complete answer within 2000 ms/);
    expect(clock.pending).toBe(0);
  });

  it('aborts when the call hangs up', async () => {
    handler = () => undefined;
    const hangup = new AbortController();
    const pending = rejection(new HttpEngine({ url: base, clock: new FakeClock() }).synthesize('hi', {}, hangup.signal));
    hangup.abort();
    expect(await pending).toBeInstanceOf(AbortError);
  });

  it('fails cleanly when nothing listens and when the answer is too large', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await rejection(new HttpEngine({ url: `http://127.0.0.1:${port}/` }).synthesize('hi', {}));
    expect(isVoxtraError(err, 'TTS_FAILED')).toBe(true);
    expect(err.message).toMatch(/ECONNREFUSED/);

    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'audio/wav' });
      res.end(Buffer.alloc(5000));
    };
    const big = await rejection(new HttpEngine({ url: base, maxBytes: 1000 }).synthesize('hi', {}));
    expect(big.message).toMatch(/larger than 1000 bytes/);
  });

  it('rejects a URL that is not http(s)', () => {
    expect(() => new HttpEngine({ url: 'file:///etc/passwd' })).toThrow(/http or https/);
  });
});
