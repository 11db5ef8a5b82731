export interface BackoffOptions {
  /** First ceiling, in ms. Default 100. */
  readonly initialMs?: number;
  /** Highest ceiling, in ms. Default 30000. */
  readonly maxMs?: number;
  /** Growth per attempt. Default 2. */
  readonly factor?: number;
}

/**
 * Exponential backoff with full jitter: attempt n waits a uniformly random
 * time in [0, min(max, initial * factor^(n-1))). Full jitter spreads a fleet of
 * reconnecting clients so a restarted Asterisk is not hit by all at once.
 */
export function backoffDelay(attempt: number, random: () => number, opts: BackoffOptions = {}): number {
  const initial = opts.initialMs ?? 100;
  const max = opts.maxMs ?? 30_000;
  const factor = opts.factor ?? 2;
  const ceiling = Math.min(max, initial * Math.pow(factor, Math.max(0, attempt - 1)));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}
