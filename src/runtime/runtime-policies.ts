import { OVERLOAD_DEFAULTS, RUNTIME_DEFAULTS, type ChannelPolicy, type RuntimeSettings } from '../config/runtime-settings';

/** What the runtime does with calls it will not run a flow for (see `runtime` in the config). */
export interface RuntimePolicies {
  /** Channels found in our apps after a (re)connect that no session runs. Default hangup. */
  readonly unknownChannels: ChannelPolicy;
  /** Calls arriving while shutting down, or for an app a reload removes. Default hangup. */
  readonly newCallsWhileStopping: ChannelPolicy;
  /** How long calls of an app a reload removed may go on before they are hung up. Default 30 s. */
  readonly removedAppGraceMs: number;
  /**
   * Calls in progress per process (`runtime.max_calls`); a new call beyond
   * it gets {@link newCallsWhileStopping}, like a call during shutdown.
   * Undefined: no bound.
   */
  readonly maxCalls: number | undefined;
  /**
   * Event-loop lag (ms) past which new calls are turned away like calls
   * beyond {@link maxCalls} (`runtime.overload.max_event_loop_lag`); 0: no bound.
   */
  readonly maxEventLoopLagMs: number;
  /**
   * Wait (ms) of the oldest ARI request queued for a slot on a call's
   * server past which its new calls are turned away like calls beyond
   * {@link maxCalls} (`runtime.overload.max_request_wait`); 0: no bound.
   */
  readonly maxRequestWaitMs: number;
  /** What a call turned away for overload gets (`runtime.overload.policy`); undefined: {@link newCallsWhileStopping}. */
  readonly overloadPolicy: ChannelPolicy | undefined;
}

/** The policies of a config without a `runtime` section. */
export const DEFAULT_POLICIES: RuntimePolicies = {
  unknownChannels: RUNTIME_DEFAULTS.unknownChannels,
  newCallsWhileStopping: RUNTIME_DEFAULTS.shutdown.newCalls,
  removedAppGraceMs: RUNTIME_DEFAULTS.shutdown.graceMs,
  maxCalls: RUNTIME_DEFAULTS.maxCalls,
  maxEventLoopLagMs: OVERLOAD_DEFAULTS.maxEventLoopLagMs,
  maxRequestWaitMs: OVERLOAD_DEFAULTS.maxRequestWaitMs,
  overloadPolicy: undefined,
};

/** The runtime policies a config's `runtime` section sets. */
export function policiesFromSettings(settings: RuntimeSettings): RuntimePolicies {
  // maxCalls and overloadPolicy are always set (undefined too), so a reload that drops them lifts them.
  return {
    unknownChannels: settings.unknownChannels,
    newCallsWhileStopping: settings.shutdown.newCalls,
    removedAppGraceMs: settings.shutdown.graceMs,
    maxCalls: settings.maxCalls,
    maxEventLoopLagMs: settings.overload?.maxEventLoopLagMs ?? OVERLOAD_DEFAULTS.maxEventLoopLagMs,
    maxRequestWaitMs: settings.overload?.maxRequestWaitMs ?? OVERLOAD_DEFAULTS.maxRequestWaitMs,
    overloadPolicy: settings.overload?.policy,
  };
}
