import type { JsonObject } from '../model/json';

/** What a RESTResponse frame carries before the session stamps it. */
export interface RestReply {
  readonly transactionId: string;
  readonly requestId: string;
  readonly uri: string;
  readonly status: number;
  readonly reason: string;
  /** The JSON body, serialised compactly into `message_body`; absent for 204s and bodiless refusals. */
  readonly body?: unknown;
}

/**
 * A RESTResponse frame with Asterisk's keys in its order: type,
 * transaction_id, request_id, status_code, reason_phrase, uri, then
 * content_type and message_body (a string) only with a body, then
 * application, timestamp, asterisk_id. HTTP headers (Location, Allow) are
 * not carried.
 */
export function restResponseFrame(reply: RestReply, application: string, timestamp: string, asteriskId: string): JsonObject {
  const frame: JsonObject = {
    type: 'RESTResponse',
    transaction_id: reply.transactionId,
    request_id: reply.requestId,
    status_code: reply.status,
    reason_phrase: reply.reason,
    uri: reply.uri,
  };
  if (reply.body !== undefined) {
    frame.content_type = 'application/json';
    frame.message_body = JSON.stringify(reply.body);
  }
  frame.application = application;
  frame.timestamp = timestamp;
  frame.asterisk_id = asteriskId;
  return frame;
}
