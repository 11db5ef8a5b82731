import { VoxtraError } from '../core/errors';
import type { LoadedAriApi } from './loaded-api';
import { OperationComposer, type ComposedRequest } from './operation-composer';
import type { AriOperation, AriParams } from './transport';

/**
 * Every catalogued operation composed from the operation catalogue, bodies
 * included (`originate`, `create`, `bridges.create`): what a transport
 * without ari-client composes with (REST over WebSocket, and its HTTP path
 * for the requests that must not share the socket).
 */
export const CATALOGUE_COMPOSER = OperationComposer.fromCatalogue(undefined, '/ari', { bodies: true }) as OperationComposer;

/** The catalogue as a {@link LoadedAriApi}: nothing to load, and what it cannot compose (a missing path parameter) is refused. */
export const CATALOGUE_API: LoadedAriApi = {
  operations: undefined,
  compose(op: AriOperation, params: AriParams): Promise<ComposedRequest> {
    const request = CATALOGUE_COMPOSER.compose(op, params);
    if (request) return Promise.resolve(request);
    return Promise.reject(new VoxtraError('ARI_REQUEST_FAILED', `${op}: cannot compose the request (a path parameter is missing or empty)`, { operation: op }));
  },
};
