import type { CalendarState } from '../calendar/calendar-spec';
import type { JsonPath } from '../core/json-path';

/**
 * The compiled form of an app's flows: plain, frozen data (plus the route
 * index built from it). The interpreter and router read only this, never the
 * raw files. A snapshot's `version` is a content hash, so two compiles of the
 * same meaning give the same version.
 */

/** Where a piece of IR came from, for logs, diagnostics and `voxtra graph`. */
export interface SourceRef {
  readonly file: string;
  readonly path: JsonPath;
  readonly line?: number;
  readonly column?: number;
}

// ---------------------------------------------------------------- matching --

/** How one call fact is compared. `pattern` is an Asterisk dialplan pattern (`_1XXX`). */
export type StringMatcher =
  | { readonly kind: 'exact'; readonly value: string }
  | { readonly kind: 'prefix'; readonly value: string }
  | { readonly kind: 'suffix'; readonly value: string }
  | { readonly kind: 'regex'; readonly source: string; readonly flags: string }
  | { readonly kind: 'pattern'; readonly value: string };

/**
 * The call facts a route can match on. `args` matches when any Stasis argument
 * matches; `var.NAME` is a channel variable; `header.NAME` a SIP header of the
 * incoming call (read through PJSIP_HEADER).
 */
export type MatchField = 'extension' | 'number' | 'caller_name' | 'args' | `var.${string}` | `header.${string}`;

export interface MatchClause {
  readonly field: MatchField;
  readonly matcher: StringMatcher;
  readonly source: SourceRef;
}

// -------------------------------------------------------------- conditions --

/**
 * A condition, as used by `if`, `when` and route matching.
 * - `expr`: a template expression such as `vars.digits == "1" and metadata.tier == "gold"`.
 * - `match`: a rendered template value compared with a matcher.
 * - `calendar`: true when the named calendar is in the given state now.
 */
export type ConditionIR =
  | { readonly kind: 'expr'; readonly source: string }
  | { readonly kind: 'match'; readonly value: string; readonly matcher: StringMatcher }
  | { readonly kind: 'calendar'; readonly calendar: string; readonly state: CalendarState }
  | { readonly kind: 'all'; readonly of: readonly ConditionIR[] }
  | { readonly kind: 'any'; readonly of: readonly ConditionIR[] }
  | { readonly kind: 'not'; readonly of: ConditionIR };

// ------------------------------------------------------------------ routes --

/** What a route leads to. Inline steps are compiled into a synthetic flow, so a target is always a flow id or a reject. */
export type TargetIR =
  | { readonly kind: 'flow'; readonly flow: string }
  | { readonly kind: 'reject'; readonly cause: string };

export interface RewriteRule {
  readonly regex: string;
  readonly flags: string;
  /** Replacement with $1-style captures. */
  readonly replace: string;
}

export interface RouteIR {
  /** Given name, or a generated one like `route#3`. */
  readonly name: string;
  /** Definition order across the app's merged files (0-based). */
  readonly order: number;
  /** Higher first; ties keep definition order. Default 0. */
  readonly priority: number;
  /** Every clause must match (AND). Empty means "matches every call" (subject to `when`). */
  readonly match: readonly MatchClause[];
  /** Extra condition checked after the clauses (calendars, expressions). */
  readonly when?: ConditionIR;
  readonly rewrite?: { readonly extension?: RewriteRule; readonly number?: RewriteRule };
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly target: TargetIR;
  readonly source: SourceRef;
}

export type DispatchRuleIR =
  | {
      readonly kind: 'match';
      readonly name: string;
      readonly order: number;
      readonly match: readonly MatchClause[];
      readonly when?: ConditionIR;
      readonly metadata: Readonly<Record<string, unknown>>;
      readonly target: TargetIR;
      readonly source: SourceRef;
    }
  | {
      readonly kind: 'http';
      readonly name: string;
      readonly order: number;
      readonly url: string;
      readonly timeoutMs: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly source: SourceRef;
    };

// ------------------------------------------------------------------- steps --

/**
 * One step of a flow after normalisation. `params` is the step type's own
 * normalised shape (durations in milliseconds, short forms expanded). `id` is
 * stable for a given file layout (`menu.steps[1]`) and names the step in logs,
 * coverage and graphs.
 */
export interface StepIR<P = unknown> {
  readonly type: string;
  readonly id: string;
  readonly params: P;
  readonly source: SourceRef;
}

export interface FlowIR {
  readonly id: string;
  readonly description?: string;
  readonly steps: readonly StepIR[];
  /** True for flows made from a route's or rule's inline steps. */
  readonly synthetic: boolean;
  readonly source: SourceRef;
}

// --------------------------------------------------------------- snapshot --

/** Per-app settings the runtime needs while a call runs, resolved from the config. */
export interface AppSettings {
  /** Dialplan context transfer_to_queue continues into. */
  readonly queuesContext: string;
  /** Named business-hours calendars (normalised config, see calendar module). */
  readonly calendars: Readonly<Record<string, unknown>>;
  /** Upper bound on steps one call may run (runaway-loop guard). */
  readonly maxStepsPerCall: number;
  /** Upper bound on sub-flow nesting. */
  readonly maxCallDepth: number;
  /** Named HTTP services `http` steps may call (`http_services` in the config). */
  readonly httpServices?: Readonly<Record<string, HttpServiceIR>>;
  /** Anything later stages add (tts, http allow-lists...). */
  readonly [key: string]: unknown;
}

/** One `http_services` entry: where `http` steps that name it send their requests. */
export interface HttpServiceIR {
  /** Base URL (http or https); a step's `path` is appended to it. */
  readonly url: string;
  /** Headers sent with every request (values may hold secrets from the environment). */
  readonly headers: Readonly<Record<string, string>>;
  /** Default timeout of its requests, ms. */
  readonly timeoutMs?: number;
}

/** The immutable, versioned result of compiling one app. */
export interface AppSnapshot {
  readonly app: string;
  /** Content hash of the IR (hex, 12 chars). */
  readonly version: string;
  readonly flows: Readonly<Record<string, FlowIR>>;
  /** Static routes, sorted by priority (desc) then definition order. */
  readonly routes: readonly RouteIR[];
  readonly dispatch: readonly DispatchRuleIR[];
  readonly defaultTarget?: TargetIR;
  /** The call facts routes read that are not in StasisStart (var.X, header.X), so a session fetches only those. */
  readonly lazyFacts: readonly MatchField[];
  readonly settings: AppSettings;
  /** Files this snapshot was compiled from. */
  readonly files: readonly string[];
}
