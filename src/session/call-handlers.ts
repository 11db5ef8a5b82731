import type { AppSnapshot } from '../ir/types';
import type { MatchDispatchRule } from '../routing/resolve';
import type { CallFacts } from '../routing/facts';
import type { VoxtraCall } from './call';

/**
 * A call handler written in TypeScript. It gets the very `call` object the
 * YAML steps use; when it returns, a call still in the app is hung up, as
 * when a flow runs out of steps.
 */
export type CallHandler = (call: VoxtraCall) => unknown;

/**
 * Flow ids of code routes: `@handler/<n>`. A code route targets such a flow
 * id, so file routes and code routes share one route index and one
 * resolution order; the session runs the handler instead of a flow.
 */
export const HANDLER_FLOW_PREFIX = '@handler/';

/** Routes, handlers and dispatch rules defined in code, as the runtime and a call session see them. */
export interface CodeRouting {
  /**
   * Adds the code routes (and a code default) to a snapshot compiled from
   * files. The runtime applies it to every snapshot it takes, at start and on
   * each reload, so code routes survive reloads.
   */
  extend?(fromFiles: AppSnapshot): AppSnapshot;
  /** The handler behind a `@handler/<n>` flow id. */
  handler(flowId: string): { readonly name: string; readonly run: CallHandler } | undefined;
  /** The code dispatch rule that takes the call, asked after the snapshot's own rules. */
  dispatch?(facts: CallFacts): Promise<MatchDispatchRule | undefined>;
}

/** True for the flow id of a code route. */
export function isHandlerFlow(flowId: string | undefined): flowId is string {
  return flowId !== undefined && flowId.startsWith(HANDLER_FLOW_PREFIX);
}
