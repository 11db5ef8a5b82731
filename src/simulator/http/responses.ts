import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AriResult } from '../model/result';
import { formatHttpDate } from '../model/time';

export const SERVER_HEADER = 'Asterisk/22.10.1';
export const UNAUTHORIZED_BODY = JSON.stringify({ message: 'Authentication required' });
export const WWW_AUTHENTICATE = 'Basic realm="Asterisk REST Interface"';

/**
 * Writes an ARI answer with Asterisk's headers: Server, Date, Cache-Control,
 * Content-Length, and `Content-type: application/json` only when there is a
 * body (204s carry neither type nor body). Node's own Connection/Keep-Alive
 * headers are suppressed; keep-alive still applies. `reason` is the status
 * line's phrase when the handler chose its own (api/reason-phrase.ts).
 */
export function writeAri(res: ServerResponse, result: AriResult, nowMs: number, reason?: string): void {
  const text = result.body === undefined ? '' : JSON.stringify(result.body);
  res.sendDate = false;
  res.setHeader('Server', SERVER_HEADER);
  res.setHeader('Date', formatHttpDate(nowMs));
  res.setHeader('Cache-Control', 'no-cache, no-store');
  for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, v);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  if (result.body !== undefined) res.setHeader('Content-type', 'application/json');
  res.removeHeader('Connection');
  if (reason === undefined) res.writeHead(result.status);
  else res.writeHead(result.status, reason);
  res.end(text);
}

/** Asterisk's ast_http_error page. */
export function htmlError(status: number, title: string, text: string): string {
  return (
    '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\r\n' +
    `<html><head>\r\n<title>${status} ${title}</title>\r\n</head><body>\r\n<h1>${title}</h1>\r\n<p>${text}</p>\r\n<hr />\r\n` +
    `<address>${SERVER_HEADER}</address>\r\n</body></html>\r\n`
  );
}

export function writeHtml(res: ServerResponse, status: number, title: string, text: string, nowMs: number): void {
  const body = htmlError(status, title, text);
  res.sendDate = false;
  res.setHeader('Server', SERVER_HEADER);
  res.setHeader('Date', formatHttpDate(nowMs));
  res.setHeader('Cache-Control', 'no-cache, no-store');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.setHeader('Content-type', 'text/html');
  res.removeHeader('Connection');
  res.writeHead(status);
  res.end(body);
}

/** A raw HTTP answer on a socket that asked to upgrade; the connection closes after it. */
export function rejectUpgrade(socket: Socket, status: number, statusText: string, headers: Record<string, string>, body: string, nowMs: number): void {
  const lines = [
    `HTTP/1.1 ${status} ${statusText}`,
    `Server: ${SERVER_HEADER}`,
    `Date: ${formatHttpDate(nowMs)}`,
    'Cache-Control: no-cache, no-store',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}
