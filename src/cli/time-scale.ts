/** `--time-scale` parsed: 1 when absent. */
export type TimeScaleSetting = { readonly scale: number } | { readonly error: string };

/** Checks `--time-scale`: a positive number, and only with `--simulator` (a real Asterisk runs in real time). */
export function parseTimeScale(value: string | undefined, simulator: boolean): TimeScaleSetting {
  if (value === undefined) return { scale: 1 };
  if (!simulator) return { error: '--time-scale only works with --simulator (Asterisk runs in real time)' };
  const scale = Number(value);
  if (value.trim() === '' || !Number.isFinite(scale) || scale <= 0) return { error: `--time-scale must be a positive number, e.g. 0.02 for 50x faster (got "${value}")` };
  return { scale };
}
