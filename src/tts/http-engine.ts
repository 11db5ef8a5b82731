import { systemClock, type Clock } from '../core/clock';
import { VoxtraError } from '../core/errors';
import { sendHttp } from '../io/http-client';
import { decodeAudioAnswer, type HttpAudioFormat } from './audio-answer';
import { DEFAULT_BODY_TEMPLATE, fillBodyTemplate } from './body-template';
import { toTelephonyWav } from './telephony-audio';
import type { EngineAvailability, SynthesisOptions, TtsEngine } from './tts-engine';

export interface HttpEngineOptions {
  /** The service URL, from the config only (never built from call data). */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Deadline for one answer, ms (default 10 s). */
  readonly timeoutMs?: number;
  readonly format?: HttpAudioFormat;
  /** JSON body template (default `{ text, voice, language }`); see {@link fillBodyTemplate}. */
  readonly body?: Readonly<Record<string, unknown>>;
  readonly clock?: Clock;
  /** Largest answer accepted, bytes (default 32 MB). */
  readonly maxBytes?: number;
}

/**
 * Calls an HTTP text-to-speech service: POST a JSON body, get audio back (WAV
 * at any rate, or raw audio/L16), and convert it to 8 kHz mono for Asterisk.
 */
export class HttpEngine implements TtsEngine {
  readonly name = 'http';
  readonly identity: string;
  private readonly url: URL;
  private readonly timeoutMs: number;
  private readonly clock: Clock;

  constructor(private readonly opts: HttpEngineOptions) {
    this.url = new URL(opts.url);
    if (this.url.protocol !== 'http:' && this.url.protocol !== 'https:') throw new VoxtraError('CONFIG_INVALID', `tts.http.url must be an http or https URL, not ${opts.url}`);
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.clock = opts.clock ?? systemClock;
    // Credentials in the URL or headers do not change the audio; the address and body shape do.
    this.identity = `http:${this.url.origin}${this.url.pathname}${this.url.search}|${JSON.stringify(opts.body ?? DEFAULT_BODY_TEMPLATE)}`;
  }

  /** The service is only checked by configuration here: probing it would cost a synthesis. */
  async available(): Promise<EngineAvailability> {
    return { ok: true };
  }

  async synthesize(text: string, opts: SynthesisOptions, signal?: AbortSignal): Promise<Buffer> {
    const body = fillBodyTemplate(this.opts.body ?? DEFAULT_BODY_TEMPLATE, { text, voice: opts.voice, language: opts.language });
    const where = `${this.url.origin}${this.url.pathname}`;
    // The JSON body's own content type wins over a configured one, whatever its case.
    const headers = { accept: 'audio/wav, audio/L16;q=0.9', ...withoutBodyHeaders(this.opts.headers ?? {}) };
    const answer = await sendHttp(
      { method: 'POST', url: this.url, headers, json: body, timeoutMs: this.timeoutMs, maxBytes: this.opts.maxBytes ?? 32 * 1024 * 1024 },
      { clock: this.clock, ...(signal ? { signal } : {}) },
    );
    if (!answer.answered) {
      // A TTS answer is one piece of audio: a deadline is always on the complete answer.
      const why = answer.failure === 'timeout' ? `no complete answer within ${this.timeoutMs} ms` : answer.message;
      throw new VoxtraError('TTS_FAILED', `TTS service ${where}: ${why}`, { engine: this.name, reason: answer.failure });
    }
    if (answer.status < 200 || answer.status > 299) {
      const detail = answer.body.subarray(0, 200).toString('utf8').replace(/\s+/g, ' ').trim();
      throw new VoxtraError('TTS_FAILED', `TTS service ${where} answered ${answer.status} ${answer.statusText}${detail ? `: ${detail}` : ''}`, { engine: this.name, status: answer.status });
    }
    try {
      return toTelephonyWav(decodeAudioAnswer(answer.contentType, answer.body, this.opts.format ?? 'auto'));
    } catch (err) {
      throw new VoxtraError('TTS_FAILED', `TTS service ${where} did not answer with usable audio: ${(err as Error).message}`, { engine: this.name, contentType: answer.contentType }, { cause: err });
    }
  }
}

function withoutBodyHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !/^content-(type|length)$/i.test(name)));
}
