import { AbortError, systemClock, type Clock } from '../core/clock';
import { isVoxtraError, VoxtraError } from '../core/errors';
import { runProcess } from './run-process';
import { toTelephonyWav } from './telephony-audio';
import type { EngineAvailability, SynthesisOptions, TtsEngine } from './tts-engine';
import { checkVoiceName } from './voice-name';
import { decodeWav } from './wav-decode';

export interface EspeakEngineOptions {
  /** Program to run (default `espeak-ng`, looked up on PATH). */
  readonly binary?: string;
  /** Deadline for one synthesis, ms (default 10 s). */
  readonly timeoutMs?: number;
  readonly clock?: Clock;
  /** Voice and language the availability check speaks with. */
  readonly defaults?: SynthesisOptions;
}

/** The hint users get when the program is missing. */
export const ESPEAK_INSTALL_HINT = 'apt-get install espeak-ng, or configure tts.engine: http';

// 22050 Hz 16-bit mono is about 44 kB a second: 64 MB is ten minutes of speech.
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/**
 * Picks the espeak-ng `-v` argument: the voice when given (a voice that starts
 * with `+` is a variant of the language, e.g. `+f3`), else the language, else
 * English.
 */
export function espeakVoiceArg(opts: SynthesisOptions): string {
  const language = opts.language ? checkVoiceName(opts.language, 'language') : undefined;
  if (opts.voice) {
    if (opts.voice.startsWith('+')) return `${language ?? 'en'}+${checkVoiceName(opts.voice.slice(1), 'voice')}`;
    return checkVoiceName(opts.voice, 'voice');
  }
  return language ?? 'en';
}

/**
 * The local engine: runs espeak-ng (no shell; the text goes through stdin, so
 * a text like `--help` is spoken, not parsed) and converts its 22050 Hz output
 * to 8 kHz for Asterisk.
 */
export class EspeakEngine implements TtsEngine {
  readonly name = 'espeak';
  readonly identity = 'espeak-ng';
  private readonly binary: string;
  private readonly timeoutMs: number;
  private readonly clock: Clock;

  constructor(private readonly opts: EspeakEngineOptions = {}) {
    this.binary = opts.binary ?? 'espeak-ng';
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.clock = opts.clock ?? systemClock;
  }

  async available(): Promise<EngineAvailability> {
    try {
      const version = await runProcess(this.binary, ['--version'], { input: '', timeoutMs: this.timeoutMs, clock: this.clock, maxStdoutBytes: 64 * 1024 });
      if (version.limit) return { ok: false, reason: `${this.binary} could not be run: ${version.limit.message}` };
      if (version.code !== 0) return { ok: false, reason: `${this.binary} --version failed (${version.stderr.trim() || `exit ${String(version.code)}`}): ${ESPEAK_INSTALL_HINT}` };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return { ok: false, reason: `espeak-ng is not installed (no "${this.binary}" on PATH): ${ESPEAK_INSTALL_HINT}` };
      }
      return { ok: false, reason: `${this.binary} could not be run: ${(err as Error).message}` };
    }
    try {
      await this.synthesize('ok', this.opts.defaults ?? {});
      return { ok: true };
    } catch (err) {
      return { ok: false, reason: `espeak-ng is installed but cannot speak with voice "${espeakVoiceArg(this.opts.defaults ?? {})}": ${(err as Error).message}` };
    }
  }

  async synthesize(text: string, opts: SynthesisOptions, signal?: AbortSignal): Promise<Buffer> {
    const voice = espeakVoiceArg(opts);
    let result;
    try {
      result = await runProcess(this.binary, ['-b', '1', '--stdin', '--stdout', '-v', voice], {
        input: Buffer.from(text, 'utf8'),
        timeoutMs: this.timeoutMs,
        clock: this.clock,
        signal,
        maxStdoutBytes: MAX_OUTPUT_BYTES,
      });
    } catch (err) {
      if (err instanceof AbortError) throw err;
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new VoxtraError('TTS_UNAVAILABLE', `espeak-ng is not installed (no "${this.binary}" on PATH): ${ESPEAK_INSTALL_HINT}`, { engine: this.name }, { cause: err });
      }
      throw new VoxtraError('TTS_FAILED', `espeak-ng could not be run: ${(err as Error).message}`, { engine: this.name }, { cause: err });
    }
    if (result.limit) throw new VoxtraError('TTS_FAILED', `espeak-ng: ${result.limit.message}`, { engine: this.name, limit: result.limit.kind });
    if (result.code !== 0) {
      const why = result.stderr.trim().split('\n')[0] || (result.signal ? `killed by ${result.signal}` : `exit status ${String(result.code)}`);
      throw new VoxtraError('TTS_FAILED', `espeak-ng failed with voice "${voice}": ${why}`, { engine: this.name, voice });
    }
    try {
      return toTelephonyWav(decodeWav(result.stdout));
    } catch (err) {
      if (isVoxtraError(err, 'AUDIO_INVALID')) throw new VoxtraError('TTS_FAILED', `espeak-ng produced no usable audio: ${err.message}`, { engine: this.name, voice }, { cause: err });
      throw err;
    }
  }
}
