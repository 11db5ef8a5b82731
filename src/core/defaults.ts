/**
 * Defaults and limits that more than one layer reads, written once: the
 * config (its defaults and checks), the schemas (their descriptions) and the
 * runtime (what a snapshot or step leaves out).
 */

/** Per-call limits (the config's `runtime` section; the flow runner's fallback). */
export const CALL_LIMIT_DEFAULTS = {
  /** Most steps one call may run before it is stopped (a runaway-loop guard). */
  maxStepsPerCall: 1000,
  /** Deepest sub-flow nesting through `call`. */
  maxCallDepth: 8,
} as const;

/** Timeouts of the requests http steps make (a step's own `timeout`, else its service's). */
export const HTTP_TIMEOUT_DEFAULTS = {
  timeoutMs: 5000,
  /** The longest timeout a step or an `http_services` entry may set. */
  maxTimeoutMs: 60_000,
} as const;

/** Text-to-speech: what the config's `tts` section leaves out (its schema's defaults and the normaliser's). */
export const TTS_DEFAULTS = {
  engine: 'espeak',
  dir: '/var/lib/voxtra/tts',
  mode: 'file',
  maxChars: 1000,
  concurrency: 4,
  espeakBinary: 'espeak-ng',
  timeoutMs: 10_000,
  httpFormat: 'auto',
} as const;
