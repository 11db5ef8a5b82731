/** Voice and language for one synthesis (already resolved against the config defaults). */
export interface SynthesisOptions {
  readonly voice?: string;
  readonly language?: string;
}

/** Whether an engine can work, and if not, what to do about it. */
export type EngineAvailability = { ok: true } | { ok: false; reason: string };

/**
 * A text-to-speech engine. `synthesize` returns a complete 8 kHz mono 16-bit
 * PCM WAV file (engines convert their own output; see `toTelephonyWav`).
 * Engines reject with `VoxtraError('TTS_FAILED')` on failure and with
 * `AbortError` when `signal` fires.
 */
export interface TtsEngine {
  /** `espeak`, `http`, ... */
  readonly name: string;
  /**
   * What makes this engine's output differ from another engine of the same
   * name (the service URL for `http`). Part of the cache key, so changing it
   * renders phrases again.
   */
  readonly identity: string;
  available(): Promise<EngineAvailability>;
  synthesize(text: string, opts: SynthesisOptions, signal?: AbortSignal): Promise<Buffer>;
}
