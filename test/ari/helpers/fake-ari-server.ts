import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveRestFrames, type PeerRequest } from './rest-frames-peer';

/** Where the real Asterisk 22 API description lives (read by tests only). */
export const SHARED_ARI = path.resolve(__dirname, '../../../../shared/ari');

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: string;
  readonly headers: http.IncomingHttpHeaders;
  /** `ws`: a RESTRequest frame on an events socket (REST over WebSocket). */
  readonly via: 'http' | 'ws';
}

/**
 * What a route answers: a response (after `delayMs`, or once `hold` settles),
 * or `swallow` (never answer) / `drop` (destroy the socket).
 */
export type FakeAnswer = { status: number; body?: unknown; delayMs?: number; hold?: Promise<unknown> } | 'swallow' | 'drop';

/**
 * A loopback ARI server for transport tests: serves Asterisk's real API
 * description (basePath rewritten from the Host header, as Asterisk does),
 * checks Basic auth like Asterisk (401 + WWW-Authenticate), accepts the events
 * WebSocket, and lets a test script each REST answer, over HTTP or as
 * RESTRequest frames on an events socket (answered one at a time per socket,
 * in order, as Asterisk does). It counts concurrent TCP sessions the way
 * Asterisk's `sessionlimit` does (idle keep-alive ones too).
 */
export class FakeAriServer {
  readonly requests: FakeRequest[] = [];
  readonly sockets = new Set<WebSocket>();
  readonly wsUpgrades: Array<{ url: string; authorization?: string }> = [];
  handler: (req: FakeRequest) => FakeAnswer = () => ({ status: 404, body: { message: 'Resource not found' } });
  private tcp = new Set<Socket>();
  private peak = 0;
  private refused = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private swallowed: http.ServerResponse[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly username: string,
    readonly password: string,
    readonly sessionLimit: number,
  ) {}

  static async start(opts: { username?: string; password?: string; sessionLimit?: number } = {}): Promise<FakeAriServer> {
    const server = http.createServer();
    const fake = new FakeAriServer(server, opts.username ?? 'voxtra', opts.password ?? 's3cret-pass', opts.sessionLimit ?? 100);
    fake.install();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Concurrent TCP sessions now, at peak, and refused over the limit. */
  stats(): { sessions: number; peakSessions: number; refused: number } {
    return { sessions: this.tcp.size, peakSessions: this.peak, refused: this.refused };
  }

  /** Requests to `/ari/...` other than the API description. */
  apiRequests(): FakeRequest[] {
    return this.requests.filter((r) => !r.path.startsWith('/ari/api-docs/'));
  }

  /** Sends one event to every open events socket. */
  emit(event: Record<string, unknown>): void {
    const text = JSON.stringify({ timestamp: '2026-11-22T14:43:34.770+0000', asterisk_id: '02:fc:00:00:00:01', ...event });
    for (const ws of this.sockets) ws.send(text);
  }

  /** Closes every events socket abruptly (no close frame), as a crashed Asterisk would. */
  dropEventSockets(): void {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
  }

  async stop(): Promise<void> {
    for (const res of this.swallowed) res.destroy();
    this.dropEventSockets();
    for (const s of this.tcp) s.destroy();
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private authorized(req: http.IncomingMessage, query: URLSearchParams): boolean {
    const header = req.headers.authorization ?? '';
    const expected = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    return header === expected || query.get('api_key') === `${this.username}:${this.password}`;
  }

  private install(): void {
    this.server.on('connection', (socket: Socket) => {
      if (this.tcp.size >= this.sessionLimit) {
        this.refused++;
        socket.destroy();
        return;
      }
      this.tcp.add(socket);
      this.peak = Math.max(this.peak, this.tcp.size);
      socket.on('close', () => this.tcp.delete(socket));
    });
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://x');
      this.wsUpgrades.push({ url: req.url ?? '', authorization: req.headers.authorization });
      if (!this.authorized(req, url.searchParams)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="Asterisk REST Interface"\r\nContent-Type: application/json\r\nContent-Length: 37\r\n\r\n{"message":"Authentication required"}');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.add(ws);
        ws.on('close', () => this.sockets.delete(ws));
        const application = url.searchParams.get('app')?.split(',')[0] ?? '';
        serveRestFrames(ws, {
          application: () => application,
          handler: (r: PeerRequest) => {
            const request: FakeRequest = { method: r.method, path: r.path, query: r.query, body: r.body, headers: {}, via: 'ws' };
            this.requests.push(request);
            return this.handler(request);
          },
        });
      });
    });
    this.server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.answer(req, res, Buffer.concat(chunks).toString('utf8')));
    });
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const request: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body, headers: req.headers, via: 'http' };
    this.requests.push(request);
    if (!this.authorized(req, url.searchParams)) {
      send(res, 401, { message: 'Authentication required' }, { 'WWW-Authenticate': 'Basic realm="Asterisk REST Interface"' });
      return;
    }
    const doc = /^\/ari\/api-docs\/([a-zA-Z]+)\.json$/.exec(url.pathname);
    if (doc) {
      const file = path.join(SHARED_ARI, 'served-api-docs', `${doc[1]}.json`);
      if (!fs.existsSync(file)) {
        send(res, 404, { message: 'Resource not found' });
        return;
      }
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      parsed.basePath = `http://${req.headers.host}/ari`;
      send(res, 200, parsed);
      return;
    }
    const answer = this.handler(request);
    if (answer === 'swallow') {
      this.swallowed.push(res);
      return;
    }
    if (answer === 'drop') {
      req.socket.destroy();
      return;
    }
    const reply = (): void => send(res, answer.status, answer.body);
    if (answer.hold) void answer.hold.catch(() => undefined).then(reply);
    else if (answer.delayMs) setTimeout(reply, answer.delayMs);
    else reply();
  }
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  if (body === undefined) {
    res.writeHead(status, { 'Content-Length': '0', ...headers });
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}
