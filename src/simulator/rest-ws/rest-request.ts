import { isRecord } from '../../core/is-record';
import type { Json } from '../model/json';
import { parseForm } from './uri-decode';

/** The methods ast_get_http_method_from_string knows (case-sensitive). */
export type RestMethod = 'GET' | 'POST' | 'HEAD' | 'PUT' | 'DELETE' | 'OPTIONS';
const METHODS: ReadonlySet<string> = new Set<RestMethod>(['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** A RESTRequest frame that parsed: what ast_ari_invoke gets. */
export interface RestRequest {
  readonly transactionId: string;
  readonly requestId: string;
  readonly method: RestMethod;
  /** Relative to /ari/, without the query string. */
  readonly uri: string;
  /** The uri's query, then `query_strings`, then a form body: later pairs win. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** The JSON `message_body`, parsed; `null` when the request had none. */
  readonly body: Json;
}

/** An answer decided before dispatch (a frame that is not a usable RESTRequest). */
export interface RestRefusal {
  readonly transactionId: string;
  readonly requestId: string;
  readonly uri: string;
  readonly status: number;
  readonly reason: string;
  /** `{"message": ...}`, absent for a frame that is not JSON at all. */
  readonly message?: string;
}

export type ParsedFrame = { readonly request: RestRequest } | { readonly refusal: RestRefusal };

const str = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Parses one text frame the way res/ari/ari_websocket_requests.c does, with
 * its checks in its order: JSON (an object or array; else 400 `Failed to
 * parse request message JSON` with no body), `type`, `uri` (its query is
 * split off), `method`, `query_strings` (an array of {name, value}
 * strings; an object is ignored), then `message_body` (a string; anything
 * else counts as no body) with its `content_type`. Ids that are not
 * strings come back as "".
 */
export function parseRestFrame(text: string): ParsedFrame {
  let msg: Json;
  try {
    msg = JSON.parse(text) as Json;
  } catch {
    msg = null;
  }
  if (typeof msg !== 'object' || msg === null) return { refusal: { transactionId: '', requestId: '', uri: '', status: 400, reason: 'Failed to parse request message JSON' } };
  const obj: Record<string, Json> = isRecord<Json>(msg) ? msg : {};
  const transactionId = str(obj.transaction_id) ?? '';
  const requestId = str(obj.request_id) ?? '';
  const refuse = (uri: string, message: string): ParsedFrame => ({ refusal: { transactionId, requestId, uri, status: 400, reason: 'Bad request', message } });

  const type = str(obj.type) ?? '';
  if (type === '') return refuse('', "No 'type' property.");
  if (type !== 'RESTRequest') return refuse('', 'Unknown request type.');
  const rawUri = str(obj.uri) ?? '';
  if (rawUri === '') return refuse('', "Empty or missing 'uri' property.");
  const q = rawUri.indexOf('?');
  const uri = q < 0 ? rawUri : rawUri.slice(0, q);
  const query: Array<[string, string]> = q < 0 ? [] : parseForm(rawUri.slice(q + 1));
  const method = str(obj.method);
  if (method === undefined || !METHODS.has(method)) return refuse(uri, "Unknown or missing 'method' property.");
  const qs = obj.query_strings;
  if (Array.isArray(qs)) {
    for (const entry of qs) {
      if (!isRecord<Json>(entry) || typeof entry.name !== 'string' || typeof entry.value !== 'string') return refuse(uri, "Unable to parse 'query_strings' array.");
      query.push([entry.name, entry.value]);
    }
  }
  let body: Json = null;
  const messageBody = str(obj.message_body) ?? '';
  if (messageBody !== '') {
    const contentType = str(obj.content_type) ?? '';
    if (contentType === '') return refuse(uri, "No 'content_type' for 'message_body'.");
    if (contentType === 'application/x-www-form-urlencoded') query.push(...parseForm(messageBody));
    else if (contentType === 'application/json') {
      try {
        body = JSON.parse(messageBody) as Json;
      } catch {
        body = null;
      }
      // jansson loads only an object or an array at the top level.
      if (typeof body !== 'object' || body === null) return refuse(uri, "Unable to parse 'message_body' as 'application/json'.");
    } else return refuse(uri, 'Unknown content type.');
  }
  return { request: { transactionId, requestId, method: method as RestMethod, uri, query, body } };
}
