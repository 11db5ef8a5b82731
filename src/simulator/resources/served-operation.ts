import type { AriOperationSpec, AriResourceSpec, RestNicknameOf } from '../../ari/operations';
import type { AsteriskModel } from '../model/asterisk-model';
import type { Args } from '../model/ops/args';
import type { AriResult } from '../model/result';

/** Runs one ARI operation on the model with its normalized arguments. */
export type OpHandler = (m: AsteriskModel, a: Args) => AriResult;

/**
 * One ARI operation as the simulator serves it: the catalogue entry (route,
 * parameters, documented errors) and, beside it, the handler that implements
 * it. The HTTP router, the generated api-docs and the in-process transport
 * all read these.
 */
export interface ServedOperation extends AriOperationSpec {
  /** Absent only for the events WebSocket, which the HTTP server upgrades itself. */
  readonly handler?: OpHandler;
}

/** One served resource: one api-docs document. */
export interface ServedResource {
  readonly name: string;
  readonly description: string;
  readonly operations: readonly ServedOperation[];
}

/**
 * Serves a catalogue resource with one handler per REST operation, keyed by
 * nickname: a missing or unknown nickname does not compile.
 */
export function serve<R extends AriResourceSpec>(resource: R, handlers: { readonly [K in RestNicknameOf<R>]: OpHandler }): ServedResource {
  const byNickname = handlers as Readonly<Record<string, OpHandler | undefined>>;
  const operations = Object.values<AriOperationSpec>(resource.operations).map((spec): ServedOperation => {
    const handler = byNickname[spec.nickname];
    return Object.freeze(handler ? { ...spec, handler } : { ...spec });
  });
  return Object.freeze({ name: resource.name, description: resource.description, operations });
}
