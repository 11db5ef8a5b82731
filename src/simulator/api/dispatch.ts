import type { AsteriskModel } from '../model/asterisk-model';
import { Args, type OpArgs } from '../model/ops/args';
import { fail, type AriResult } from '../model/result';
import { servedOperation, type ServedOperation } from '../resources';
import { normalizeArgs, normalizeParams, type RawArgs } from './normalize-args';

/** Runs a served operation with HTTP-shaped arguments. */
export function invokeRoute(model: AsteriskModel, route: ServedOperation, raw: RawArgs): AriResult {
  return runOperation(model, route, normalizeArgs(route, raw));
}

/** Runs an operation by name with in-process parameters (ARI names, JS values). */
export function invokeOp(model: AsteriskModel, op: string, params: Readonly<Record<string, unknown>>): AriResult {
  const route = servedOperation(op);
  if (!route?.handler) return fail(404, 'Resource not found');
  return runOperation(model, route, normalizeParams(route, params));
}

/** Runs a served operation with arguments already normalized (normalize-args.ts). */
export function runOperation(model: AsteriskModel, route: ServedOperation, args: OpArgs): AriResult {
  if (typeof args.channelId === 'string') model.firstRequests.request(args.channelId);
  return route.handler ? route.handler(model, new Args(args)) : fail(404, 'Resource not found');
}
