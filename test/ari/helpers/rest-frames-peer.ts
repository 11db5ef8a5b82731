import type { WebSocket } from 'ws';

/** One REST request as a fake peer sees it, whichever way it came (HTTP or a RESTRequest frame). */
export interface PeerRequest {
  readonly method: string;
  /** `/ari/...`, without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: string;
  readonly via: 'http' | 'ws';
}

/**
 * What a scripted answer may be: a response (after `delayMs`, or once `hold`
 * settles), `swallow` (never answer) or `drop` (cut the connection).
 */
export type PeerAnswer = { status: number; body?: unknown; delayMs?: number; hold?: Promise<unknown> } | 'swallow' | 'drop';

const REASON: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict', 412: 'Precondition Failed', 500: 'Internal Server Error' };

/** The frames a RESTRequest carries, as a request (uri relative to /ari/, query in the uri and in query_strings). */
export function requestOfFrame(frame: Record<string, unknown>): PeerRequest {
  const uri = String(frame.uri ?? '');
  const q = uri.indexOf('?');
  const query = new URLSearchParams(q < 0 ? '' : uri.slice(q + 1));
  if (Array.isArray(frame.query_strings)) for (const p of frame.query_strings as Array<{ name: string; value: string }>) query.set(p.name, p.value);
  return { method: String(frame.method ?? ''), path: `/ari/${q < 0 ? uri : uri.slice(0, q)}`, query, body: typeof frame.message_body === 'string' ? frame.message_body : '', via: 'ws' };
}

/**
 * Serves RESTRequest frames on `ws` the way Asterisk does
 * (res/ari/ari_websocket_requests.c, trace rest-over-websocket): one at a
 * time, in order, each answered with a RESTResponse frame (ids copied back,
 * `uri` without the query, `message_body` as a string, no body for 204). A
 * held answer holds every later frame of the socket. Other frames go to
 * `onOther`.
 */
export function serveRestFrames(ws: WebSocket, opts: { application: () => string; handler: (req: PeerRequest) => PeerAnswer; seen?: PeerRequest[]; onOther?: (frame: Record<string, unknown>) => void }): void {
  let chain: Promise<void> = Promise.resolve();
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    let frame: Record<string, unknown>;
    try {
      frame = JSON.parse(data.toString()) as Record<string, unknown>;
    } catch {
      return;
    }
    if (frame.type !== 'RESTRequest') {
      opts.onOther?.(frame);
      return;
    }
    chain = chain.then(() => answerFrame(ws, frame, opts));
  });
}

async function answerFrame(ws: WebSocket, frame: Record<string, unknown>, opts: { application: () => string; handler: (req: PeerRequest) => PeerAnswer; seen?: PeerRequest[] }): Promise<void> {
  const request = requestOfFrame(frame);
  opts.seen?.push(request);
  const answer = opts.handler(request);
  if (answer === 'swallow') return new Promise<void>(() => undefined);
  if (answer === 'drop') {
    ws.terminate();
    return;
  }
  if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
  if (answer.hold) await answer.hold.catch(() => undefined);
  const uri = String(frame.uri ?? '').split('?')[0];
  const response: Record<string, unknown> = {
    type: 'RESTResponse',
    transaction_id: typeof frame.transaction_id === 'string' ? frame.transaction_id : '',
    request_id: typeof frame.request_id === 'string' ? frame.request_id : '',
    status_code: answer.status,
    reason_phrase: REASON[answer.status] ?? 'Error',
    uri,
    ...(answer.body !== undefined ? { content_type: 'application/json', message_body: JSON.stringify(answer.body) } : {}),
    application: opts.application(),
    timestamp: '2026-12-06T10:03:15.949+0000',
    asterisk_id: '02:fc:00:00:00:01',
  };
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
}
