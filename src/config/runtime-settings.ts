import { HANGUP_REASONS, type HangupReason } from '../control/call-control';
import { CALL_LIMIT_DEFAULTS } from '../core/defaults';
import { parseDuration } from '../core/duration';
import { isRecord } from '../core/is-record';

/**
 * What the runtime does with a channel it will not run a flow for: a call
 * found in one of its apps after a reconnect that it does not know (its
 * StasisStart came while no socket was connected, or a previous process left
 * it), or a new call while shutting down or while its app is being removed.
 * Either way it must not stay in Stasis.
 */
export type ChannelPolicy =
  /** Hang up, with `cause` (default normal). */
  | { readonly action: 'hangup'; readonly cause?: HangupReason }
  | { readonly action: 'continue'; readonly context: string; readonly extension: string; readonly priority: number };

/** `runtime.overload`: when this process turns new calls away, and how. */
export interface OverloadSettings {
  /**
   * Event-loop lag past which new calls are turned away, ms (the median
   * delay of the lag probe over the last half second); 0: no bound;
   * unset: {@link OVERLOAD_DEFAULTS}.
   */
  readonly maxEventLoopLagMs?: number;
  /**
   * Wait of the oldest ARI request queued for a request slot
   * (`max_requests`) on a call's server past which the server's new calls
   * are turned away, ms; 0: no bound; unset: {@link OVERLOAD_DEFAULTS}.
   */
  readonly maxRequestWaitMs?: number;
  /** What a call turned away for overload (these bounds or `max_calls`) gets; default `shutdown.new_calls`. */
  readonly policy?: ChannelPolicy;
}

/** The normalised `runtime` section of the config. */
export interface RuntimeSettings {
  /** Most steps one call may run before it is stopped. */
  readonly maxStepsPerCall: number;
  /** Deepest sub-flow nesting through `call`. */
  readonly maxCallDepth: number;
  /** Calls in progress per process (`max_calls`); undefined: no bound. */
  readonly maxCalls?: number;
  /** Channels found in our apps after a (re)connect that no session runs. */
  readonly unknownChannels: ChannelPolicy;
  readonly shutdown: {
    /** How long calls in progress may go on after SIGTERM/SIGINT before they are hung up. */
    readonly graceMs: number;
    /** What a call arriving while shutting down gets. */
    readonly newCalls: ChannelPolicy;
  };
  /** Set only when the config has `runtime.overload` (the runtime policies fill in {@link OVERLOAD_DEFAULTS}). */
  readonly overload?: OverloadSettings;
}

/** Defaults of `runtime.overload`. */
export const OVERLOAD_DEFAULTS = {
  // A process whose event loop lags this long answers every new call late; turning the surplus away keeps the rest on time.
  maxEventLoopLagMs: 200,
  // Requests queue for a server's slots long before the event loop lags; a call whose answer waits this long is answered late.
  maxRequestWaitMs: 500,
} as const;

/** Defaults of the `runtime` section. */
export const RUNTIME_DEFAULTS: RuntimeSettings = {
  ...CALL_LIMIT_DEFAULTS,
  unknownChannels: { action: 'hangup' },
  shutdown: { graceMs: 30_000, newCalls: { action: 'hangup' } },
};

/** Fills in the `runtime` section's defaults; `raw` has passed the config schema. */
export function normalizeRuntimeSettings(raw: unknown): RuntimeSettings {
  const r = isRecord(raw) ? raw : {};
  const shutdown = isRecord(r.shutdown) ? r.shutdown : {};
  return {
    maxStepsPerCall: typeof r.max_steps_per_call === 'number' ? r.max_steps_per_call : RUNTIME_DEFAULTS.maxStepsPerCall,
    maxCallDepth: typeof r.max_call_depth === 'number' ? r.max_call_depth : RUNTIME_DEFAULTS.maxCallDepth,
    ...(typeof r.max_calls === 'number' ? { maxCalls: r.max_calls } : {}),
    unknownChannels: channelPolicy(r.unknown_channels) ?? RUNTIME_DEFAULTS.unknownChannels,
    shutdown: {
      graceMs: parseDuration(shutdown.grace) ?? RUNTIME_DEFAULTS.shutdown.graceMs,
      newCalls: channelPolicy(shutdown.new_calls) ?? RUNTIME_DEFAULTS.shutdown.newCalls,
    },
    ...(isRecord(r.overload) ? { overload: overloadSettings(r.overload) } : {}),
  };
}

function overloadSettings(raw: Record<string, unknown>): OverloadSettings {
  const lag = parseDuration(raw.max_event_loop_lag);
  const wait = parseDuration(raw.max_request_wait);
  const policy = channelPolicy(raw.policy);
  return { ...(lag !== undefined ? { maxEventLoopLagMs: lag } : {}), ...(wait !== undefined ? { maxRequestWaitMs: wait } : {}), ...(policy ? { policy } : {}) };
}

/** `hangup`, `{ hangup: { cause } }` or `{ continue: { context, extension?, priority? } }`. */
export function channelPolicy(raw: unknown): ChannelPolicy | undefined {
  if (raw === 'hangup') return { action: 'hangup' };
  if (isRecord(raw) && isRecord(raw.hangup)) {
    const cause = raw.hangup.cause;
    return typeof cause === 'string' && (HANGUP_REASONS as readonly string[]).includes(cause) ? { action: 'hangup', cause: cause as HangupReason } : { action: 'hangup' };
  }
  if (!isRecord(raw) || !isRecord(raw.continue)) return undefined;
  const c = raw.continue;
  if (typeof c.context !== 'string') return undefined;
  return {
    action: 'continue',
    context: c.context,
    extension: typeof c.extension === 'string' ? c.extension : 's',
    priority: typeof c.priority === 'number' ? c.priority : 1,
  };
}
