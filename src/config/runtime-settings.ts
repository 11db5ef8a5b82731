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
  | { readonly action: 'hangup' }
  | { readonly action: 'continue'; readonly context: string; readonly extension: string; readonly priority: number };

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
}

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
  };
}

/** `hangup` or `{ continue: { context, extension?, priority? } }`. */
export function channelPolicy(raw: unknown): ChannelPolicy | undefined {
  if (raw === 'hangup') return { action: 'hangup' };
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
