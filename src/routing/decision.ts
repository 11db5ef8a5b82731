import type { HangupReason } from '../control/call-control';
import type { DispatchRuleIR, RouteIR, TargetIR } from '../ir/types';
import type { CallFacts } from './facts';
import type { HttpDispatchRule } from './http-router-types';

interface Decided {
  /** Route or rule name (`default` for the default). */
  readonly name: string;
  /** What the call's metadata starts with. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** The facts the flow sees (after a route's rewrite). */
  readonly facts: CallFacts;
}

/** What the router decided for a new call. */
export type RouteDecision =
  /** A static route: its flow or reject target, metadata and rewritten facts. */
  | (Decided & { readonly kind: 'route'; readonly route: RouteIR; readonly target: TargetIR })
  /** A dispatch rule: a `match` rule, or an HTTP router that answered with a flow. */
  | (Decided & { readonly kind: 'dispatch'; readonly rule: DispatchRuleIR; readonly target: TargetIR; readonly record?: boolean })
  | (Decided & { readonly kind: 'default'; readonly target: TargetIR })
  /** An HTTP router asked to dial these targets instead of running a flow. */
  | (Decided & {
      readonly kind: 'forward';
      readonly rule: HttpDispatchRule;
      readonly targets: readonly string[];
      readonly strategy: 'sequential' | 'parallel';
      /** Ring timeout, when the router gave one. */
      readonly timeoutMs?: number;
      /** SIP headers to add to the outgoing calls. */
      readonly headers: Readonly<Record<string, string>>;
      readonly record?: boolean;
      /** Answer fields accepted but not acted on. */
      readonly ignored: readonly string[];
    })
  /** An HTTP router rejected the call (`reject`, `abort` or `spam`): hang up with `cause`. */
  | (Decided & {
      readonly kind: 'reject';
      readonly rule: HttpDispatchRule;
      readonly action: 'reject' | 'abort' | 'spam';
      readonly cause: HangupReason;
      readonly reason?: string;
      readonly spam: boolean;
    })
  /** Nothing took the call: hang up and warn. */
  | { readonly kind: 'none'; readonly facts: CallFacts };
