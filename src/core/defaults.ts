/**
 * Per-call limits: written once here, read by the config (its defaults), the
 * config schema (its descriptions) and the flow runner (a snapshot built
 * without config settings).
 */
export const CALL_LIMIT_DEFAULTS = {
  /** Most steps one call may run before it is stopped (a runaway-loop guard). */
  maxStepsPerCall: 1000,
  /** Deepest sub-flow nesting through `call`. */
  maxCallDepth: 8,
} as const;
