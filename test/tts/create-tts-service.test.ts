import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isVoxtraError, type VoxtraError } from '../../src/core/errors';
import { FakeClock } from '../../src/core/fake-clock';
import { memoryLogger } from '../../src/core/logger';
import { createTtsService } from '../../src/tts/create-tts-service';
import { normalizeTtsConfig } from '../../src/tts/normalize-tts-config';
import { readWavLayout } from '../../src/media/wav';
import { CountingEngine } from './counting-engine';
import { describeWithEspeak } from './espeak-available';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-tts-create-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const settings = (raw: Record<string, unknown>) => {
  const { settings: s, diagnostics } = normalizeTtsConfig({ dir: path.join(dir, 'cache'), ...raw });
  expect(diagnostics).toEqual([]);
  return s;
};

async function rejection(p: Promise<unknown>): Promise<VoxtraError> {
  try {
    await p;
  } catch (err) {
    return err as VoxtraError;
  }
  throw new Error('expected a rejection');
}

describe('createTtsService', () => {
  it('names the missing espeak-ng and how to fix it', async () => {
    const err = await rejection(createTtsService(settings({ espeak: { binary: path.join(dir, 'no-espeak-ng') } })));
    expect(isVoxtraError(err, 'TTS_UNAVAILABLE')).toBe(true);
    expect(err.message).toMatch(/^text-to-speech is unavailable: espeak-ng is not installed \(no ".*no-espeak-ng" on PATH\): apt-get install espeak-ng, or configure tts.engine: http$/);
    expect(err.details).toMatchObject({ engine: 'espeak' });
  });

  it('refuses engine none when text-to-speech is required', async () => {
    const err = await rejection(createTtsService(settings({ engine: 'none' })));
    expect(isVoxtraError(err, 'TTS_UNAVAILABLE')).toBe(true);
    expect(err.message).toMatch(/tts.engine is none: set tts.engine: espeak \(apt-get install espeak-ng\) or tts.engine: http/);
  });

  it('returns a service whose renders fail with the reason when not required, and logs a warning', async () => {
    const log = memoryLogger();
    const tts = await createTtsService(settings({ engine: 'none' }), { required: false, logger: log });
    const err = await rejection(tts.render('Hello', {}));
    expect(isVoxtraError(err, 'TTS_UNAVAILABLE')).toBe(true);
    expect(err.message).toMatch(/tts.engine is none/);
    expect(log.records).toContainEqual(expect.objectContaining({ level: 'warn', component: 'tts', msg: 'text-to-speech is unavailable; say steps will fail' }));
  });

  it('refuses a folder it cannot write to', async () => {
    const file = path.join(dir, 'a-file');
    writeFileSync(file, '');
    const err = await rejection(createTtsService(settings({ dir: path.join(file, 'tts') }), { engine: new CountingEngine() }));
    expect(isVoxtraError(err, 'TTS_UNAVAILABLE')).toBe(true);
    expect(err.message).toMatch(/tts.dir .*a-file\/tts is not a writable folder/);
  });

  it('creates the folder, sweeps stale temp files, and renders with the given engine', async () => {
    const cache = path.join(dir, 'cache');
    const first = await createTtsService(settings({}), { engine: new CountingEngine() });
    const stale = path.join(cache, `.${'a'.repeat(64)}.123.abcd.tmp`);
    const fresh = path.join(cache, `.${'b'.repeat(64)}.123.abcd.tmp`);
    writeFileSync(stale, 'x');
    writeFileSync(fresh, 'x');
    utimesSync(stale, new Date('2020-01-01'), new Date('2020-01-01'));
    expect(first.store.dir).toBe(cache);
    const clock = new FakeClock(Date.now());
    const tts = await createTtsService(settings({}), { engine: new CountingEngine(), clock });
    expect(readdirSync(cache).sort()).toEqual([path.basename(fresh)]);
    expect(await tts.render('Hi', {})).toMatch(new RegExp(`^sound:${cache}/[0-9a-f]{64}$`));
  });

  it('needs the http url for the http engine', async () => {
    const { settings: s } = normalizeTtsConfig({ engine: 'http', dir });
    const err = await rejection(createTtsService(s));
    expect(err.message).toMatch(/tts.engine is http but tts.http.url is not configured/);
  });

  it('accepts a configured http engine without calling the service', async () => {
    const tts = await createTtsService(settings({ engine: 'http', http: { url: 'http://127.0.0.1:9/tts' } }));
    expect(tts.engine.name).toBe('http');
  });
});

describeWithEspeak('createTtsService with the real espeak-ng', () => {
  it('starts and renders a playable file', async () => {
    const tts = await createTtsService(settings({ language: 'en' }));
    const uri = await tts.render('Thank you for calling.', {});
    expect(uri).toMatch(/^sound:\//);
    const wav = readFileSync(`${uri.slice('sound:'.length)}.wav`);
    expect(readWavLayout(wav).format).toMatchObject({ sampleRate: 8000, channels: 1, bitsPerSample: 16 });
    const report = await tts.prerender([{ text: 'Thank you for calling.' }, { text: 'Goodbye.' }]);
    expect(report).toMatchObject({ rendered: 1, cached: 1, failed: [] });
  });
});
