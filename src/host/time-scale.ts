import { systemClock, type Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { ScaledClock } from '../core/scaled-clock';
import type { HttpRouter } from '../routing/http-router-types';
import { createHttpRouter } from '../http-router';
import type { FleetAriOptions } from '../runtime/server-fleet';

/**
 * Deadlines of the ARI adapter at their defaults (src/ari), in real ms. With a
 * scaled clock they are handed over in simulated ms so that they stay the
 * same in real time: they guard network I/O, not the caller's experience.
 */
const ARI_REAL_DEADLINES = { requestTimeoutMs: 5000, connectTimeoutMs: 10_000, pingIntervalMs: 10_000, pongTimeoutMs: 5000 } as const;

/** The ARI adapter's default deadlines in `clock`'s ms, so that they keep their real-time length. */
export function realTimeAriDeadlines(clock: ScaledClock): FleetAriOptions {
  return {
    requestTimeoutMs: clock.fromReal(ARI_REAL_DEADLINES.requestTimeoutMs),
    connectTimeoutMs: clock.fromReal(ARI_REAL_DEADLINES.connectTimeoutMs),
    pingIntervalMs: clock.fromReal(ARI_REAL_DEADLINES.pingIntervalMs),
    pongTimeoutMs: clock.fromReal(ARI_REAL_DEADLINES.pongTimeoutMs),
  };
}

/** The runtime's clock for a time scale, and the network settings that must stay in real time. */
export interface RuntimeTime {
  readonly clock: Clock;
  readonly ari?: FleetAriOptions;
  readonly httpRouter?: HttpRouter;
}

/**
 * How the runtime keeps time at `scale` (real ms per simulated ms) over
 * `base`: the call flows (prompts, waits, DTMF timeouts) run on a
 * {@link ScaledClock} matching the simulator's. Over the system clock the
 * network deadlines (ARI requests, connect, pings, the HTTP router's rule
 * timeout) keep their real-time length, so a fast demo or test does not time
 * out on a busy machine. Nothing changes at scale 1.
 */
export function runtimeTime(base: Clock, scale: number, logger: Logger): RuntimeTime {
  if (scale === 1) return { clock: base };
  const clock = new ScaledClock(scale, base);
  if (base !== systemClock) return { clock };
  return { clock, ari: realTimeAriDeadlines(clock), httpRouter: createHttpRouter({ clock: systemClock, logger }) };
}
