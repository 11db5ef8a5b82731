import type { ComposedRequest } from '../operation-composer';
import type { ExecutorAnswer } from '../request-pipeline';
import type { AriEvent } from '../transport';

/** A `RESTResponse` frame as matched against the request it answers. */
export interface RestResponseFrame {
  readonly transactionId: string;
  readonly requestId: string;
  readonly answer: ExecutorAnswer;
}

const ARI_PREFIX = '/ari/';

/**
 * The `RESTRequest` frame for a composed request (res/ari/ari_websocket_requests.c):
 * `uri` is relative to `/ari/` with the query string kept in it (Asterisk
 * splits it off and decodes it like a form), and a JSON body travels as the
 * string `message_body` with `content_type` `application/json` (a body given
 * as an object is ignored by Asterisk). Both ids are strings: Asterisk
 * copies strings back and answers anything else with `""`.
 */
export function encodeRestRequest(request: ComposedRequest, transactionId: string, requestId: string): string {
  const path = request.pathAndQuery;
  const uri = path.startsWith(ARI_PREFIX) ? path.slice(ARI_PREFIX.length) : path.replace(/^\/+/, '');
  if (request.body === undefined) return JSON.stringify({ type: 'RESTRequest', transaction_id: transactionId, request_id: requestId, method: request.method, uri });
  return JSON.stringify({ type: 'RESTRequest', transaction_id: transactionId, request_id: requestId, method: request.method, uri, content_type: 'application/json', message_body: request.body });
}

/**
 * The answer a `RESTResponse` frame (already parsed as an event) carries:
 * `message_body` is the JSON body as a string; a 204 has none (body `''`, as
 * over HTTP). Undefined for anything that is not a usable response.
 */
export function restAnswer(frame: AriEvent): ExecutorAnswer | undefined {
  const status = frame.status_code;
  if (frame.type !== 'RESTResponse' || typeof status !== 'number') return undefined;
  const body = frame.message_body;
  return { status, body: typeof body === 'string' ? body : '' };
}

/** A `RESTResponse` frame with its ids (`""` for an id that is missing or not a string, as Asterisk answers it). */
export function decodeRestResponse(frame: AriEvent): RestResponseFrame | undefined {
  const answer = restAnswer(frame);
  if (answer === undefined) return undefined;
  return {
    transactionId: typeof frame.transaction_id === 'string' ? frame.transaction_id : '',
    requestId: typeof frame.request_id === 'string' ? frame.request_id : '',
    answer,
  };
}
