import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AbortError } from '../../src/core/clock';
import { isVoxtraError } from '../../src/core/errors';
import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import { EspeakEngine, espeakVoiceArg } from '../../src/tts/espeak-engine';
import { readWavLayout } from '../../src/media/wav';
import { decodeWav } from '../../src/tts/wav-decode';
import { describeWithEspeak } from './espeak-available';
import { fakeCalls, fakeProgram, toneWavBehaviour } from './fake-program';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-espeak-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

/** Seconds of audio in a WAV buffer, from its header and data size. */
function seconds(wav: Buffer): number {
  const { format, dataLength } = readWavLayout(wav);
  return dataLength / format.blockAlign / format.sampleRate;
}

describeWithEspeak('EspeakEngine with the real espeak-ng', () => {
  const engine = new EspeakEngine();

  it('renders 8 kHz mono 16-bit PCM WAV whose length matches espeak-ng\'s own output', async () => {
    const wav = await engine.synthesize('Hello, and welcome to Voxtra.', { language: 'en' });
    const { format, dataStart, dataLength } = readWavLayout(wav);
    expect(format).toEqual({ audioFormat: 1, channels: 1, sampleRate: 8000, byteRate: 16000, bitsPerSample: 16, blockAlign: 2 });
    expect(dataStart).toBe(44);
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.readUInt32LE(40)).toBe(dataLength);
    expect(dataLength).toBe(wav.length - 44);

    const raw = spawnSync('espeak-ng', ['-b', '1', '--stdin', '--stdout', '-v', 'en'], { input: 'Hello, and welcome to Voxtra.' }).stdout;
    const rawPcm = decodeWav(raw);
    expect(rawPcm.sampleRate).toBe(22050);
    const expected = rawPcm.channels[0].length / 22050;
    expect(expected).toBeGreaterThan(1);
    expect(Math.abs(seconds(wav) - expected)).toBeLessThan(1 / 8000 + 1e-9);

    // Speech, not silence: a reasonable share of the samples carry signal.
    const pcm = decodeWav(wav).channels[0];
    const loud = pcm.filter((v) => Math.abs(v) > 0.02).length;
    expect(loud / pcm.length).toBeGreaterThan(0.1);
  });

  it('speaks a text that looks like an option instead of obeying it', async () => {
    const wav = await engine.synthesize('--help', {});
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    expect(seconds(wav)).toBeGreaterThan(0.3);
    const version = await engine.synthesize('--version', {});
    expect(seconds(version)).toBeGreaterThan(0.3);
  });

  it('speaks quotes, newlines and shell syntax literally', async () => {
    const marker = path.join(dir, 'pwned');
    const text = `He said "it's fine"; $(touch ${marker}) \`touch ${marker}\`\nand then\n-v fr -w ${marker}`;
    const wav = await engine.synthesize(text, {});
    expect(seconds(wav)).toBeGreaterThan(2);
    expect(existsSync(marker)).toBe(false);
  });

  it('honours voice and language, and fails clearly for an unknown voice', async () => {
    const en = await engine.synthesize('Bonjour tout le monde', { language: 'en' });
    const fr = await engine.synthesize('Bonjour tout le monde', { language: 'fr' });
    expect(en.equals(fr)).toBe(false);
    const variant = await engine.synthesize('Hello', { language: 'en', voice: '+f3' });
    expect(seconds(variant)).toBeGreaterThan(0.2);
    const err = await rejection(engine.synthesize('Hello', { voice: 'zzqq' }));
    expect(isVoxtraError(err, 'TTS_FAILED')).toBe(true);
    expect(err.message).toMatch(/espeak-ng failed with voice "zzqq": .*voice does not exist/);
  });

  it('reports itself available', async () => {
    await expect(engine.available()).resolves.toEqual({ ok: true });
    await expect(new EspeakEngine({ defaults: { voice: 'zzqq' } }).available()).resolves.toMatchObject({ ok: false, reason: expect.stringContaining('cannot speak with voice "zzqq"') });
  });
});

describe('EspeakEngine process handling (with a stand-in program)', () => {
  it('passes the text on stdin and only fixed options as arguments', async () => {
    const bin = await fakeProgram(dir, 'espeak-ng', toneWavBehaviour(0.5));
    const engine = new EspeakEngine({ binary: bin });
    const text = '--help "quoted" \'single\' $(rm -rf /)\nnext line -w /tmp/x';
    const wav = await engine.synthesize(text, { voice: 'en-us' });
    expect(seconds(wav)).toBeCloseTo(0.5, 3);
    const calls = await fakeCalls(dir);
    expect(calls).toEqual([{ args: ['-b', '1', '--stdin', '--stdout', '-v', 'en-us'], input: text }]);
  });

  it('refuses voice and language names that could be options or paths', async () => {
    const bin = await fakeProgram(dir, 'espeak-ng', toneWavBehaviour(0.1));
    const engine = new EspeakEngine({ binary: bin });
    for (const voice of ['--help', '-w/tmp/x', '../../etc/passwd', 'en us', 'en;ls']) {
      const err = await rejection(engine.synthesize('hi', { voice }));
      expect(isVoxtraError(err, 'UNSAFE_INPUT')).toBe(true);
    }
    const err = await rejection(engine.synthesize('hi', { language: '-v' }));
    expect(isVoxtraError(err, 'UNSAFE_INPUT')).toBe(true);
    expect(await fakeCalls(dir)).toEqual([]);
    expect(espeakVoiceArg({ voice: '+f3', language: 'en-gb' })).toBe('en-gb+f3');
    expect(espeakVoiceArg({ voice: 'mb/mb-en1' })).toBe('mb/mb-en1');
    expect(espeakVoiceArg({})).toBe('en');
  });

  it('kills the program at its deadline on the injected clock', async () => {
    const bin = await fakeProgram(dir, 'espeak-ng', 'setInterval(() => {}, 1000);');
    const clock = new FakeClock();
    const engine = new EspeakEngine({ binary: bin, clock, timeoutMs: 5000 });
    const pending = rejection(engine.synthesize('hello', {}));
    // Wait until the stand-in has read its input, so the kill hits a running program.
    for (let i = 0; i < 200 && (await fakeCalls(dir)).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    clock.advance(4999);
    await flushAsync();
    clock.advance(1);
    const err = await pending;
    expect(isVoxtraError(err, 'TTS_FAILED')).toBe(true);
    expect(err.message).toMatch(/did not finish within 5000 ms/);
    expect(clock.pending).toBe(0);
  });

  it('stops the program when the call hangs up', async () => {
    const bin = await fakeProgram(dir, 'espeak-ng', 'setInterval(() => {}, 1000);');
    const engine = new EspeakEngine({ binary: bin, clock: new FakeClock() });
    const hangup = new AbortController();
    const pending = rejection(engine.synthesize('hello', {}, hangup.signal));
    hangup.abort();
    expect(await pending).toBeInstanceOf(AbortError);
  });

  it('fails clearly when the program fails or writes no audio', async () => {
    const failing = await fakeProgram(dir, 'failing', `process.stderr.write('Error: something broke\\n'); process.exit(3);`);
    const err = await rejection(new EspeakEngine({ binary: failing }).synthesize('hello', { voice: 'en' }));
    expect(isVoxtraError(err, 'TTS_FAILED')).toBe(true);
    expect(err.message).toBe('espeak-ng failed with voice "en": Error: something broke');
    const silent = await fakeProgram(dir, 'silent', `process.stdout.write('not audio');`);
    const err2 = await rejection(new EspeakEngine({ binary: silent }).synthesize('hello', {}));
    expect(err2.message).toMatch(/espeak-ng produced no usable audio: not a WAV file/);
  });

  it('says how to install espeak-ng when it is missing', async () => {
    const engine = new EspeakEngine({ binary: path.join(dir, 'no-such-espeak') });
    const availability = await engine.available();
    expect(availability.ok).toBe(false);
    expect(!availability.ok && availability.reason).toMatch(/^espeak-ng is not installed .*: apt-get install espeak-ng, or configure tts.engine: http$/);
    const err = await rejection(engine.synthesize('hello', {}));
    expect(isVoxtraError(err, 'TTS_UNAVAILABLE')).toBe(true);
  });
});
