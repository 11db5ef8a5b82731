import { systemClock } from '../core/clock';
import type { Logger } from '../core/logger';
import { ScaledClock } from '../core/scaled-clock';
import { createHttpRouter } from '../routing/http-router';
import type { RuntimeOptions } from '../runtime/runtime';

/**
 * Deadlines of the ARI adapter at their defaults (src/ari), in real ms. With a
 * scaled clock they are handed over in simulated ms so that they stay the
 * same in real time: they guard network I/O, not the caller's experience.
 */
const ARI_REAL_DEADLINES = { requestTimeoutMs: 5000, connectTimeoutMs: 10_000, pingIntervalMs: 10_000, pongTimeoutMs: 5000 } as const;

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

/**
 * Runtime options for a time scale: the call flows (prompts, waits, DTMF
 * timeouts) run on a {@link ScaledClock} matching the simulator's, while
 * network deadlines (ARI requests, connect, pings, the HTTP router's rule
 * timeout) keep their real-time length, so a fast demo or test does not time
 * out on a busy machine. Nothing changes at scale 1.
 */
export function scaledRuntimeOptions(scale: number, logger: Logger): Pick<RuntimeOptions, 'clock' | 'ari' | 'httpRouter'> {
  if (scale === 1) return {};
  const clock = new ScaledClock(scale);
  return {
    clock,
    ari: {
      requestTimeoutMs: clock.fromReal(ARI_REAL_DEADLINES.requestTimeoutMs),
      connectTimeoutMs: clock.fromReal(ARI_REAL_DEADLINES.connectTimeoutMs),
      pingIntervalMs: clock.fromReal(ARI_REAL_DEADLINES.pingIntervalMs),
      pongTimeoutMs: clock.fromReal(ARI_REAL_DEADLINES.pongTimeoutMs),
    },
    httpRouter: createHttpRouter({ clock: systemClock, logger }),
  };
}
