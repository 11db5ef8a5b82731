import { RUNTIME_DEFAULTS, type ChannelPolicy, type RuntimeSettings } from '../config/runtime-settings';

/** What the runtime does with calls it will not run a flow for (see `runtime` in the config). */
export interface RuntimePolicies {
  /** Channels found in our apps after a (re)connect that no session runs. Default hangup. */
  readonly unknownChannels: ChannelPolicy;
  /** Calls arriving while shutting down, or for an app a reload removes. Default hangup. */
  readonly newCallsWhileStopping: ChannelPolicy;
  /** How long calls of an app a reload removed may go on before they are hung up. Default 30 s. */
  readonly removedAppGraceMs: number;
}

/** The policies of a config without a `runtime` section. */
export const DEFAULT_POLICIES: RuntimePolicies = {
  unknownChannels: RUNTIME_DEFAULTS.unknownChannels,
  newCallsWhileStopping: RUNTIME_DEFAULTS.shutdown.newCalls,
  removedAppGraceMs: RUNTIME_DEFAULTS.shutdown.graceMs,
};

/** The runtime policies a config's `runtime` section sets. */
export function policiesFromSettings(settings: RuntimeSettings): RuntimePolicies {
  return { unknownChannels: settings.unknownChannels, newCallsWhileStopping: settings.shutdown.newCalls, removedAppGraceMs: settings.shutdown.graceMs };
}
