import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Why an upgrade request is refused, and the HTTP status that says so. */
export interface UpgradeRefusal {
  readonly status: 400 | 401 | 404 | 503;
  readonly reason: string;
}

/** What an upgrade request must carry. */
export interface UpgradeExpectation {
  /** The URL path (any query string is accepted). */
  readonly path: string;
  /** `Basic base64(user:pass)`, as Asterisk's websocket_client sends it. */
  readonly authorization: string;
}

const STATUS_TEXT: Readonly<Record<UpgradeRefusal['status'], string>> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 503: 'Service Unavailable' };

/** The `Authorization` value of Basic credentials. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/**
 * Checks an upgrade request the way the listener accepts Asterisk's
 * outbound connections (trace outbound-persistent: `GET <uri path>` with
 * `Authorization: Basic …` and `Sec-WebSocket-Protocol: ari`): the path,
 * then the credentials (compared in constant time), then the subprotocol
 * (absent, or a list that has `ari`). Undefined when it may go on.
 */
export function checkUpgrade(req: IncomingMessage, expect: UpgradeExpectation): UpgradeRefusal | undefined {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  // `/voxtra` and `/voxtra/` are one endpoint, whichever the config and Asterisk's uri write.
  if (trimSlash(path) !== trimSlash(expect.path)) return { status: 404, reason: `no WebSocket endpoint at ${path.slice(0, 100)}` };
  if (!sameSecret(req.headers.authorization ?? '', expect.authorization)) return { status: 401, reason: req.headers.authorization ? 'wrong credentials' : 'no credentials' };
  const offered = req.headers['sec-websocket-protocol'];
  if (offered !== undefined && !offered.split(',').some((p) => p.trim() === 'ari')) return { status: 400, reason: `subprotocol ${offered.slice(0, 50)} offered, ari expected` };
  return undefined;
}

/** The raw HTTP answer of a refused upgrade (the TCP connection is closed after it). */
export function refusalResponse(refusal: UpgradeRefusal): string {
  const body = `${refusal.reason}\n`;
  const auth = refusal.status === 401 ? 'WWW-Authenticate: Basic realm="voxtra"\r\n' : '';
  return `HTTP/1.1 ${refusal.status} ${STATUS_TEXT[refusal.status]}\r\n${auth}Content-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  // timingSafeEqual needs equal lengths; comparing b with itself keeps the time independent of where they differ.
  return a.length === b.length ? timingSafeEqual(a, b) : !timingSafeEqual(b, b);
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
