import type { AsteriskModel } from '../model/asterisk-model';
import { invokeOperation } from '../model/ops';
import type { OpArgs } from '../model/ops/args';
import { fail, type AriResult } from '../model/result';
import { normalizeArgs, normalizeParams, type RawArgs } from './normalize-args';
import { ROUTES, type RouteSpec } from './route-table';

const BY_OP = new Map(ROUTES.map((r) => [r.op, r] as const));

export function routeForOp(op: string): RouteSpec | undefined {
  return BY_OP.get(op);
}

/** Runs a served route with HTTP-shaped arguments. */
export function invokeRoute(model: AsteriskModel, route: RouteSpec, raw: RawArgs): AriResult {
  return run(model, route, normalizeArgs(route, raw));
}

/** Runs an operation by name with in-process parameters (ARI names, JS values). */
export function invokeOp(model: AsteriskModel, op: string, params: Readonly<Record<string, unknown>>): AriResult {
  const route = BY_OP.get(op);
  if (!route || route.websocket) return fail(404, 'Resource not found');
  return run(model, route, normalizeParams(route, params));
}

function run(model: AsteriskModel, route: RouteSpec, args: OpArgs): AriResult {
  if (typeof args.channelId === 'string') model.firstRequests.request(args.channelId);
  return invokeOperation(model, route.op, args) ?? fail(404, 'Resource not found');
}
