import { AbortError } from '../core/clock';
import { isVoxtraError, VoxtraError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import { untilAborted } from '../core/abortable';
import { Semaphore } from '../core/semaphore';
import { isTelephonyWav } from './telephony-audio';
import type { TtsEngine } from './tts-engine';
import { TtsFileStore } from './tts-file-store';
import { ttsKey } from './tts-key';
import type { TtsMediaMode } from './tts-settings';

/** Voice and language of one `say`; unset fields fall back to the config's defaults. */
export interface TtsRenderOptions {
  readonly voice?: string;
  readonly language?: string;
}

/** One literal text to render ahead of calls. */
export interface PrerenderItem extends TtsRenderOptions {
  readonly text: string;
}

/** What {@link CachingTtsService.prerender} did. */
export interface PrerenderReport {
  /** Distinct phrases looked at. */
  readonly total: number;
  /** Synthesised now. */
  readonly rendered: number;
  /** Already on disk. */
  readonly cached: number;
  /** Left for first use because they hold template tags. */
  readonly skipped: number;
  readonly failed: ReadonlyArray<{ readonly text: string; readonly voice?: string; readonly language?: string; readonly error: string }>;
}

export interface CachingTtsServiceOptions {
  readonly engine: TtsEngine;
  /** Absolute folder of rendered files. */
  readonly dir: string;
  readonly mode?: TtsMediaMode;
  /** Required in `url` mode. */
  readonly urlBase?: string;
  readonly voice?: string;
  readonly language?: string;
  readonly maxChars?: number;
  readonly concurrency?: number;
  readonly logger?: Logger;
}

interface Prepared {
  readonly text: string;
  readonly voice?: string;
  readonly language?: string;
  readonly key: string;
}

interface Job {
  readonly promise: Promise<boolean>;
  readonly controller: AbortController;
  waiters: number;
}

// Control characters other than tab and line breaks carry no speech and only confuse engines.
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const TEMPLATE_TAG = /\{\{|\{%/;

/**
 * Renders text to audio files Asterisk can play, once per phrase: files are
 * keyed by sha256 of (engine, voice, language, text) and kept across calls and
 * restarts, and concurrent renders of one phrase share one synthesis. This is
 * the `TtsService` the `say` step uses.
 */
export class CachingTtsService {
  readonly store: TtsFileStore;
  private readonly jobs = new Map<string, Job>();
  private readonly semaphore: Semaphore;
  private readonly log: Logger;
  private readonly mode: TtsMediaMode;
  private readonly urlBase?: string;
  private readonly maxChars: number;
  private counters = { hits: 0, syntheses: 0, failures: 0 };
  /** Keys whose text sidecar is known to exist, so a cache hit checks it once per process. */
  private readonly texts = new Set<string>();

  constructor(private readonly opts: CachingTtsServiceOptions) {
    this.store = new TtsFileStore(opts.dir);
    this.semaphore = new Semaphore(opts.concurrency ?? 4);
    this.log = opts.logger ?? silentLogger;
    this.mode = opts.mode ?? 'file';
    this.maxChars = opts.maxChars ?? 1000;
    if (this.mode === 'url') {
      if (!opts.urlBase || !/^https?:\/\//.test(opts.urlBase)) throw new VoxtraError('CONFIG_INVALID', 'tts.mode url needs tts.url_base (an http or https URL)');
      this.urlBase = opts.urlBase.replace(/\/+$/, '');
    }
  }

  /** The engine in use. */
  get engine(): TtsEngine {
    return this.opts.engine;
  }

  /** Cache hits, syntheses and failures so far, and renders in progress. */
  get stats(): { hits: number; syntheses: number; failures: number; inFlight: number } {
    return { ...this.counters, inFlight: this.jobs.size };
  }

  /**
   * Renders `text` (or finds it already rendered) and returns the media URI
   * to play: `sound:<dir>/<key>` or, in url mode, `<url_base>/<key>.wav`.
   * Rejects with `VoxtraError` (`TTS_FAILED`, `TTS_UNAVAILABLE`,
   * `UNSAFE_INPUT`) or with `AbortError` as soon as `signal` fires; a synthesis
   * other callers still wait for goes on.
   */
  async render(text: string, opts: TtsRenderOptions = {}, signal?: AbortSignal): Promise<string> {
    const prepared = this.prepare(text, opts);
    await this.ensure(prepared, signal);
    return this.mediaUri(prepared.key);
  }

  /**
   * Renders literal texts ahead of calls (the runtime passes every literal
   * `say` text of the loaded flows). Texts with template tags are skipped:
   * they render on first use. Never rejects for a single text; failures are
   * listed in the report.
   */
  async prerender(items: Iterable<PrerenderItem>, signal?: AbortSignal): Promise<PrerenderReport> {
    const seen = new Set<string>();
    // Indexed by position so failures are reported in the order the texts came, not the order renders ended.
    const failures: Array<PrerenderReport['failed'][number] | undefined> = [];
    let rendered = 0;
    let cached = 0;
    let skipped = 0;
    let invalid = 0;
    const work: Promise<void>[] = [];
    for (const item of items) {
      if (TEMPLATE_TAG.test(item.text)) {
        skipped++;
        continue;
      }
      const describe = { text: item.text, ...(item.voice ? { voice: item.voice } : {}), ...(item.language ? { language: item.language } : {}) };
      let prepared: Prepared;
      try {
        prepared = this.prepare(item.text, item);
      } catch (err) {
        failures.push({ ...describe, error: (err as Error).message });
        invalid++;
        continue;
      }
      if (seen.has(prepared.key)) continue;
      seen.add(prepared.key);
      const at = failures.push(undefined) - 1;
      work.push(
        this.ensure(prepared, signal).then(
          (fresh) => void (fresh ? rendered++ : cached++),
          (err: unknown) => void (failures[at] = { ...describe, error: (err as Error).message }),
        ),
      );
    }
    await Promise.all(work);
    const failed = failures.filter((f) => f !== undefined);
    for (const f of failed) this.log.warn({ tts: { text: f.text.slice(0, 200), voice: f.voice, language: f.language }, err: f.error }, 'tts prerender failed for a text');
    const report = { total: seen.size + invalid, rendered, cached, skipped, failed };
    this.log.info({ tts: { ...report, failed: failed.length } }, 'tts prerender finished');
    return report;
  }

  /** The cache key `render` would use for this text. */
  keyFor(text: string, opts: TtsRenderOptions = {}): string {
    return this.prepare(text, opts).key;
  }

  /** A missing text sidecar is only a loss for operators: never fail a render over it. */
  private async keepText(p: Prepared): Promise<void> {
    if (this.texts.has(p.key)) return;
    try {
      await this.store.ensureText(p.key, p.text);
      this.texts.add(p.key);
    } catch (err) {
      this.log.warn({ tts: { key: p.key }, err: (err as Error).message }, 'could not write the text beside a rendered phrase');
    }
  }

  /** The media URI of a key. */
  mediaUri(key: string): string {
    if (this.urlBase) return `${this.urlBase}/${key}.wav`;
    return `sound:${this.store.pathFor(key).replace(/\.wav$/, '')}`;
  }

  /**
   * Maps a requested file name (`<key>.wav`, as url mode hands to Asterisk)
   * to its absolute path, or undefined for any other name, so an HTTP server
   * can serve the folder without path tricks.
   */
  fileForRequest(name: string): string | undefined {
    const m = /^([0-9a-f]{64})\.wav$/.exec(name);
    return m ? this.store.pathFor(m[1]) : undefined;
  }

  private prepare(raw: string, opts: TtsRenderOptions): Prepared {
    const text = raw.replace(CONTROL, ' ').trim();
    if (text === '') throw new VoxtraError('TTS_FAILED', 'nothing to say: the text is empty');
    if (text.length > this.maxChars) {
      throw new VoxtraError('TTS_FAILED', `the text is ${text.length} characters long; tts.max_chars allows ${this.maxChars}`, { length: text.length });
    }
    // The default voice may belong to the default language, so a step that names only a language gets that language's own voice.
    const voice = opts.voice || (opts.language ? undefined : this.opts.voice) || undefined;
    const language = opts.language || this.opts.language || undefined;
    return { text, voice, language, key: ttsKey(this.engine.identity, voice, language, text) };
  }

  /** Resolves true when this call synthesised the phrase, false when it was on disk. */
  private ensure(p: Prepared, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.reject(new AbortError(undefined, signal.reason));
    let job = this.jobs.get(p.key);
    if (!job) {
      const controller = new AbortController();
      const promise = this.produce(p, controller.signal);
      const created: Job = { promise, controller, waiters: 0 };
      job = created;
      this.jobs.set(p.key, created);
      const forget = (): void => {
        if (this.jobs.get(p.key) === created) this.jobs.delete(p.key);
      };
      promise.then(forget, forget);
    }
    return this.join(p.key, job, signal);
  }

  private join(key: string, job: Job, signal?: AbortSignal): Promise<boolean> {
    job.waiters++;
    if (!signal) return job.promise;
    return untilAborted(job.promise, signal, () => {
      job.waiters--;
      if (job.waiters === 0) {
        // Nobody wants this phrase any more: stop the engine and let the next caller start afresh.
        if (this.jobs.get(key) === job) this.jobs.delete(key);
        job.controller.abort(signal.reason);
      }
    });
  }

  private async produce(p: Prepared, signal: AbortSignal): Promise<boolean> {
    if (await this.store.has(p.key)) {
      this.counters.hits++;
      await this.keepText(p);
      return false;
    }
    const release = await this.semaphore.acquire(signal);
    const started = Date.now();
    try {
      // Another render (or another Voxtra sharing the folder) may have finished while this one queued.
      if (await this.store.has(p.key)) {
        this.counters.hits++;
        await this.keepText(p);
        return false;
      }
      const wav = await this.engine.synthesize(p.text, { voice: p.voice, language: p.language }, signal);
      if (!isTelephonyWav(wav)) throw new VoxtraError('TTS_FAILED', `the ${this.engine.name} engine returned audio that is not 8 kHz mono 16-bit WAV`);
      await this.store.write(p.key, wav, p.text);
      this.texts.add(p.key);
      this.counters.syntheses++;
      this.log.debug({ tts: { key: p.key, engine: this.engine.name, chars: p.text.length, bytes: wav.length, ms: Date.now() - started } }, 'tts rendered');
      return true;
    } catch (err) {
      if (err instanceof AbortError) throw err;
      this.counters.failures++;
      if (isVoxtraError(err)) throw err;
      throw new VoxtraError('TTS_FAILED', `could not store rendered audio in ${this.store.dir}: ${(err as Error).message}`, { key: p.key }, { cause: err });
    } finally {
      release();
    }
  }
}
