import type { AriResult } from '../model/result';
import { errorMessage } from '../model/result';

/** The phrase ast_ari_response_* writes for a status when the handler does not choose its own. */
const STANDARD: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
  422: 'Unprocessable Entity',
  426: 'Upgrade Required',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** Handlers that pass their own phrase to ast_ari_response_error (res/ari/resource_*.c, res/res_ari.c), by message. */
const BY_MESSAGE: Readonly<Record<string, string>> = {
  'Provided channel was not found': 'Channel Not Found',
  'Provided variable was not found': 'Variable Not Found',
  'Provided bridge was not found': 'Bridge Not Found',
  'Unable to read provided function': 'Error With Function',
  'Invalid reason for hangup reason code provided': 'Invalid Reason Code',
  'Invalid reason for hangup reason provided': 'Invalid Reason',
  "Can't upgrade to websocket from a websocket": 'Bad request',
};

/**
 * The HTTP reason phrase Asterisk sends with an operation's answer (the
 * status line's text, and a RESTResponse's `reason_phrase`): the standard
 * one unless the handler names its own, e.g. 404 `Variable Not Found`, and
 * `Not found` for a bridge find_bridge() misses (every bridge operation
 * but `get`).
 */
export function reasonPhrase(result: AriResult, op?: string): string {
  if (result.status >= 400 && result.body !== undefined) {
    const message = errorMessage(result);
    const own = BY_MESSAGE[message];
    if (own) return own;
    if (message === 'Bridge not found' && op !== undefined && op !== 'bridges.get') return 'Not found';
    if (result.status === 500 && message.startsWith('Unable to create bridge')) return 'Internal Error';
  }
  return STANDARD[result.status] ?? 'Unknown';
}
