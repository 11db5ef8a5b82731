const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/;

/** The JSON Schema pattern for duration strings (kept in step with {@link parseDuration}). */
export const DURATION_PATTERN = '^\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h)\\s*$';

/**
 * Parses `500ms`, `5s`, `2m`, `1h` or a number of seconds into milliseconds.
 * Returns undefined for anything else (negative numbers included).
 */
export function parseDuration(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? Math.round(raw * 1000) : undefined;
  if (typeof raw !== 'string') return undefined;
  const m = DURATION.exec(raw);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * UNIT_MS[m[2]]);
}

export interface DurationFormat {
  /**
   * Above one second, a fraction of seconds (`1.5s`) instead of milliseconds
   * (`1500ms`): shorter, for graphs. The default is exact and reads back
   * through {@link parseDuration} as the same whole number of ms.
   */
  readonly fractionalSeconds?: boolean;
}

/** Formats milliseconds the way users write them (`1500ms`, `5s`, `2m`; `1.5s` with `fractionalSeconds`). */
export function formatDuration(ms: number, format?: DurationFormat): string {
  if (ms % 60_000 === 0 && ms >= 60_000) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return format?.fractionalSeconds && ms > 1000 ? `${ms / 1000}s` : `${ms}ms`;
}

/** A time offset as transcripts print it, right-aligned for a column: `   1.45s`. */
export function formatOffset(ms: number): string {
  return `${(ms / 1000).toFixed(2).padStart(7)}s`;
}
