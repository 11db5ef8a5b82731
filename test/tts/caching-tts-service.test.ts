import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AbortError } from '../../src/core/clock';
import { isVoxtraError, VoxtraError } from '../../src/core/errors';
import { flushAsync } from '../../src/core/fake-clock';
import { CachingTtsService } from '../../src/tts/caching-tts-service';
import { ttsKey } from '../../src/tts/tts-key';
import { readWavLayout } from '../../src/media/wav';
import { CountingEngine } from './counting-engine';

let dir: string;
let engine: CountingEngine;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-tts-'));
  engine = new CountingEngine();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const service = (extra: Partial<ConstructorParameters<typeof CachingTtsService>[0]> = {}): CachingTtsService =>
  new CachingTtsService({ engine, dir, ...extra });

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

/** Waits until the engine has been called `n` times (the cache looks at the disk first, which takes real I/O). */
async function engineCalled(n: number): Promise<void> {
  for (let i = 0; i < 1000 && engine.calls.length < n; i++) await new Promise((resolve) => setTimeout(resolve, 2));
  await flushAsync();
  expect(engine.calls.length).toBe(n);
}

describe('CachingTtsService.render', () => {
  it('returns sound:<dir>/<key> for an 8 kHz WAV file written under the folder', async () => {
    const tts = service();
    const uri = await tts.render('Welcome to Voxtra', { voice: 'anna', language: 'en' });
    const key = ttsKey('counting-v1', 'anna', 'en', 'Welcome to Voxtra');
    expect(uri).toBe(`sound:${dir}/${key}`);
    const file = path.join(dir, `${key}.wav`);
    expect(readWavLayout(readFileSync(file)).format.sampleRate).toBe(8000);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(engine.calls).toEqual([{ text: 'Welcome to Voxtra', opts: { voice: 'anna', language: 'en' }, signal: expect.any(AbortSignal) }]);
  });

  it('renders a phrase once: later calls and a restarted service reuse the file', async () => {
    const first = service();
    const uri = await first.render('Press one for sales');
    expect(await first.render('Press one for sales')).toBe(uri);
    expect(await first.render('  Press one for sales \n')).toBe(uri);
    expect(engine.calls).toHaveLength(1);
    expect(first.stats).toMatchObject({ syntheses: 1, hits: 2, failures: 0 });

    const restarted = new CachingTtsService({ engine: new CountingEngine(), dir });
    expect(await restarted.render('Press one for sales')).toBe(uri);
    expect(restarted.stats.syntheses).toBe(0);
  });

  it('keys on engine, voice, language and text', async () => {
    const tts = service({ voice: 'anna', language: 'en' });
    const uris = new Set([
      await tts.render('Hello'),
      await tts.render('Hello', { voice: 'anna', language: 'en' }),
      await tts.render('Hello', { voice: 'bob' }),
      await tts.render('Hello', { language: 'fr' }),
      await tts.render('Hello!'),
    ]);
    expect(uris.size).toBe(4);
    engine.identity = 'counting-v2';
    expect(uris.has(await tts.render('Hello'))).toBe(false);
    expect(engine.calls).toHaveLength(5);
    expect(engine.calls.map((c) => c.opts)).toEqual([
      { voice: 'anna', language: 'en' },
      { voice: 'bob', language: 'en' },
      // A step that names only a language does not get the default voice (it may not speak that language).
      { voice: undefined, language: 'fr' },
      { voice: 'anna', language: 'en' },
      { voice: 'anna', language: 'en' },
    ]);
  });

  it('shares one synthesis between concurrent renders of the same phrase', async () => {
    engine.hold = true;
    const tts = service();
    const renders = Array.from({ length: 10 }, () => tts.render('Your call is important to us'));
    await engineCalled(1);
    expect(tts.stats.inFlight).toBe(1);
    engine.releaseAll();
    const uris = await Promise.all(renders);
    expect(new Set(uris).size).toBe(1);
    expect(engine.calls).toHaveLength(1);
    expect(tts.stats.inFlight).toBe(0);
  });

  it('writes atomically: nothing at the final name until the file is complete, no temp files after', async () => {
    engine.hold = true;
    const tts = service();
    const pending = tts.render('Atomic');
    await engineCalled(1);
    expect(readdirSync(dir)).toEqual([]);
    engine.releaseAll();
    const uri = await pending;
    const key = uri.split('/').pop();
    const files = readdirSync(dir).sort();
    expect(files).toEqual([`${key}.txt`, `${key}.wav`]);
    const buf = readFileSync(path.join(dir, `${key}.wav`));
    expect(buf.readUInt32LE(4)).toBe(buf.length - 8);
  });

  it('writes the text beside the audio (<key>.txt), as rendered: trimmed, control characters removed', async () => {
    const tts = service();
    const uri = await tts.render('  Press 1 for sales.\u0007 ');
    const file = `${uri.slice('sound:'.length)}.txt`;
    expect(readFileSync(file, 'utf8')).toBe('Press 1 for sales.\n');
  });

  it('adds a missing text sidecar on a cache hit (phrases rendered before sidecars existed), once per process', async () => {
    const first = service();
    const uri = await first.render('Old phrase');
    const file = `${uri.slice('sound:'.length)}.txt`;
    rmSync(file);
    const second = service();
    await second.render('Old phrase');
    expect(readFileSync(file, 'utf8')).toBe('Old phrase\n');
    expect(engine.calls).toHaveLength(1);
    rmSync(file);
    await second.render('Old phrase');
    expect(existsSync(file)).toBe(false);
  });

  it('stores nothing and caches no failure when the engine fails', async () => {
    const tts = service();
    engine.failWith = new VoxtraError('TTS_FAILED', 'engine broke');
    const err = await rejection(tts.render('Broken'));
    expect(isVoxtraError(err, 'TTS_FAILED')).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    engine.failWith = undefined;
    await tts.render('Broken');
    expect(engine.calls).toHaveLength(2);
    expect(tts.stats.failures).toBe(1);
  });

  it('refuses audio that is not 8 kHz mono 16-bit WAV', async () => {
    engine.output = Buffer.from('RIFF nonsense');
    const err = await rejection(service().render('Bad audio'));
    expect(err.message).toMatch(/not 8 kHz mono 16-bit WAV/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('wraps a storage failure as TTS_FAILED', async () => {
    const tts = service();
    rmSync(dir, { recursive: true, force: true });
    const err = await rejection(tts.render('Nowhere to go'));
    expect(isVoxtraError(err, 'TTS_FAILED')).toBe(true);
    expect(err.message).toMatch(/could not store rendered audio/);
  });

  it('bounds text length and refuses empty text', async () => {
    const tts = service({ maxChars: 20 });
    const long = await rejection(tts.render('x'.repeat(21)));
    expect(isVoxtraError(long, 'TTS_FAILED')).toBe(true);
    expect(long.message).toBe('the text is 21 characters long; tts.max_chars allows 20');
    expect((await rejection(tts.render(' \n\u0000 '))).message).toMatch(/text is empty/);
    expect(engine.calls).toHaveLength(0);
    await tts.render('bell\u0007 sound');
    expect(engine.calls[0].text).toBe('bell  sound');
  });

  it('limits how many syntheses run at once', async () => {
    engine.hold = true;
    const tts = service({ concurrency: 2 });
    const renders = ['a', 'b', 'c', 'd', 'e'].map((t) => tts.render(t));
    await engineCalled(2);
    expect(engine.running).toBe(2);
    engine.releaseAll();
    await engineCalled(4);
    expect(engine.running).toBe(2);
    engine.releaseAll();
    await engineCalled(5);
    engine.releaseAll();
    await Promise.all(renders);
    expect(engine.maxRunning).toBe(2);
    expect(engine.calls).toHaveLength(5);
  });
});

describe('CachingTtsService abort', () => {
  it('rejects a hung-up caller at once while another caller still gets the file', async () => {
    engine.hold = true;
    const tts = service();
    const hangup = new AbortController();
    const leaving = rejection(tts.render('Shared phrase', {}, hangup.signal));
    const staying = tts.render('Shared phrase', {}, new AbortController().signal);
    await engineCalled(1);
    hangup.abort();
    expect(await leaving).toBeInstanceOf(AbortError);
    expect(engine.calls[0].signal?.aborted).toBe(false);
    engine.releaseAll();
    expect(await staying).toMatch(/^sound:/);
  });

  it('stops the engine when every caller has gone, and starts afresh next time', async () => {
    engine.hold = true;
    const tts = service();
    const a = new AbortController();
    const b = new AbortController();
    const ra = rejection(tts.render('Nobody waits', {}, a.signal));
    const rb = rejection(tts.render('Nobody waits', {}, b.signal));
    await engineCalled(1);
    a.abort();
    b.abort();
    expect(await ra).toBeInstanceOf(AbortError);
    expect(await rb).toBeInstanceOf(AbortError);
    expect(engine.calls[0].signal?.aborted).toBe(true);
    expect(tts.stats.inFlight).toBe(0);
    engine.hold = false;
    await tts.render('Nobody waits');
    expect(engine.calls).toHaveLength(2);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('rejects at once when the signal has already fired', async () => {
    const gone = new AbortController();
    gone.abort();
    expect(await rejection(service().render('Too late', {}, gone.signal))).toBeInstanceOf(AbortError);
    expect(engine.calls).toHaveLength(0);
  });
});

describe('CachingTtsService.prerender and media URIs', () => {
  it('renders literal texts once, skips templates, and reports failures', async () => {
    const tts = service({ maxChars: 50 });
    await tts.render('Already here');
    const report = await tts.prerender([
      { text: 'Welcome' },
      { text: 'Welcome' },
      { text: 'Welcome', voice: 'bob' },
      { text: 'Already here' },
      { text: 'Hello {{ call.caller_name }}' },
      { text: 'x'.repeat(60) },
    ]);
    expect(report).toEqual({
      total: 4,
      rendered: 2,
      cached: 1,
      skipped: 1,
      failed: [{ text: 'x'.repeat(60), error: 'the text is 60 characters long; tts.max_chars allows 50' }],
    });
    expect(engine.calls.map((c) => c.text)).toEqual(['Already here', 'Welcome', 'Welcome']);
    // Calls after the prerender find every phrase on disk.
    await tts.render('Welcome');
    await tts.render('Welcome', { voice: 'bob' });
    expect(engine.calls).toHaveLength(3);
  });

  it('lists engine failures without rejecting', async () => {
    engine.failWith = new VoxtraError('TTS_FAILED', 'engine broke');
    const report = await service().prerender([{ text: 'one' }, { text: 'two', language: 'fr' }]);
    expect(report.failed).toEqual([
      { text: 'one', error: 'engine broke' },
      { text: 'two', language: 'fr', error: 'engine broke' },
    ]);
  });

  it('lists failures in the order the texts came, whatever order the renders end in', async () => {
    engine.failWith = new VoxtraError('TTS_FAILED', 'engine broke');
    engine.hold = true;
    const pending = service().prerender([{ text: 'one' }, { text: 'two' }, { text: 'three' }]);
    for (let i = 0; i < 200 && engine.calls.length < 3; i++) await new Promise((r) => setImmediate(r));
    expect(engine.calls.map((c) => c.text)).toHaveLength(3);
    engine.releaseAllReversed();
    expect((await pending).failed.map((f) => f.text)).toEqual(['one', 'two', 'three']);
  });

  it('returns <url_base>/<key>.wav in url mode and maps only key names back to files', async () => {
    const tts = service({ mode: 'url', urlBase: 'http://voxtra.internal:9464/tts/' });
    const uri = await tts.render('Over HTTP');
    const key = tts.keyFor('Over HTTP');
    expect(uri).toBe(`http://voxtra.internal:9464/tts/${key}.wav`);
    expect(tts.fileForRequest(`${key}.wav`)).toBe(path.join(dir, `${key}.wav`));
    expect(existsSync(tts.fileForRequest(`${key}.wav`) as string)).toBe(true);
    for (const bad of ['../etc/passwd', `${key}`, `${key}.wav/..`, `.${key}.1.ab.tmp`, `${key.toUpperCase()}.wav`]) expect(tts.fileForRequest(bad)).toBeUndefined();
    expect(() => service({ mode: 'url' })).toThrow(/url_base/);
  });
});
