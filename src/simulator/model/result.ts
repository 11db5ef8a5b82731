import { isRecord } from '../../core/is-record';
import type { Json } from './json';

/**
 * The answer to one ARI operation, independent of transport: the HTTP layer
 * writes it to the wire, the in-process transport resolves or rejects with it.
 */
export interface AriResult {
  readonly status: number;
  /** JSON body; undefined for 204 answers. */
  readonly body?: Json;
  /** Extra headers such as Location or Allow (names as Asterisk spells them). */
  readonly headers?: Readonly<Record<string, string>>;
}

export const ok = (body: Json): AriResult => ({ status: 200, body });

export const noContent = (): AriResult => ({ status: 204 });

/** 201 with `Location: /ari<path>` as Asterisk's ast_ari_response_created writes it. */
export const created = (body: Json, path: string): AriResult => ({ status: 201, body, headers: { Location: `/ari${path}` } });

/** An ARI error: `{"message": ...}` with the given status. */
export const fail = (status: number, message: string): AriResult => ({ status, body: { message } });

/** Asterisk's out-of-memory/allocation answer: note the key is `error`, not `message`. */
export const allocationFailed = (): AriResult => ({ status: 500, body: { error: 'Allocation failed' } });

/** The message an error result carries (`message`, or `error` for allocation failures). */
export function errorMessage(result: AriResult): string {
  const body = result.body;
  if (isRecord<Json>(body)) {
    if (typeof body.message === 'string') return body.message;
    if (typeof body.error === 'string') return body.error;
  }
  return `HTTP ${result.status}`;
}
