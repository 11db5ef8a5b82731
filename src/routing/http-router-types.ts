import type { HangupReason } from '../control/call-control';
import type { DispatchRuleIR } from '../ir/types';

/** A dispatch rule that asks an HTTP router. */
export type HttpDispatchRule = Extract<DispatchRuleIR, { kind: 'http' }>;

/**
 * The JSON body POSTed to an HTTP router: the call's facts, named as in the
 * RustPBX router protocol where it has a name (`call_id`, `from`, `to`).
 */
export interface HttpRouterRequest {
  readonly call_id: string;
  /** Calling number (caller id). */
  readonly from: string;
  /** Dialled extension. */
  readonly to: string;
  readonly extension: string;
  readonly number: string;
  readonly caller_name: string;
  /** Stasis app (tenant). */
  readonly app: string;
  readonly args: readonly string[];
  /** The SIP headers the app's routes read. */
  readonly headers: Readonly<Record<string, string>>;
  /** The channel variables the app's routes read. */
  readonly variables: Readonly<Record<string, string>>;
}

interface AnswerBase {
  /** Values the router asked to store in the call's metadata (`extensions`). */
  readonly extensions: Readonly<Record<string, string | number | boolean>>;
  /** Answer fields Voxtra accepted but does not act on (`media_proxy`, unknown keys...). */
  readonly ignored: readonly string[];
}

/** A validated, sanitised HTTP router answer. */
export type HttpRouterAnswer =
  | (AnswerBase & {
      readonly action: 'forward';
      /** Dial strings, checked against a safe `TECH/resource` pattern. */
      readonly targets: readonly string[];
      readonly strategy: 'sequential' | 'parallel';
      /** Ring timeout. */
      readonly timeoutMs?: number;
      /** SIP headers to add to the outgoing call(s). */
      readonly headers: Readonly<Record<string, string>>;
      readonly record?: boolean;
    })
  | (AnswerBase & {
      readonly action: 'reject' | 'abort' | 'spam';
      readonly cause: HangupReason;
      /** The router's `status` as given (a SIP status code or an ARI hangup reason). */
      readonly status?: number | string;
      /** Why, for the log (control characters removed, length bounded). */
      readonly reason?: string;
    })
  | (AnswerBase & { readonly action: 'flow'; readonly flow: string; readonly record?: boolean })
  | (AnswerBase & { readonly action: 'not_handled' });

/**
 * Asks one HTTP router rule about a call. Resolves undefined when the rule
 * gives no usable answer (timeout, transport error, non-2xx, bad JSON, an
 * answer that fails its checks); never rejects.
 */
export type HttpRouter = (rule: HttpDispatchRule, request: HttpRouterRequest) => Promise<HttpRouterAnswer | undefined>;
