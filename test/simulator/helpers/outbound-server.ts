import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/** One connection Asterisk (here: the simulator) opened to the server. */
export interface ServerSocket {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly httpVersion: string;
  /** [name, value] in wire order and case. */
  readonly rawHeaders: Array<[string, string]>;
  readonly outcome: 'open' | { refused: number };
  /** Real ms (performance.now) the upgrade request arrived. */
  readonly requestedAt: number;
  readonly frames: Array<Record<string, unknown>>;
  /** Real ms (performance.now) when the socket opened, and when each frame arrived. */
  readonly openedAt?: number;
  readonly frameTimes: number[];
  ws?: WebSocket;
  closeCode?: number;
  closedAt?: number;
}

const REFUSALS: Readonly<Record<number, string>> = {
  401: 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="trace-server"\r\nContent-Type: text/plain\r\nContent-Length: 15\r\nConnection: close\r\n\r\nbad credentials',
  503: 'HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 9\r\nConnection: close\r\n\r\ntry later',
};

/**
 * The application side of an outbound ARI WebSocket, as the trace recorder
 * ran it: it accepts upgrades (answering `Sec-WebSocket-Protocol: ari`) or
 * refuses them with 401/503, can stop listening and listen again on the
 * same port, and keeps every upgrade request's raw headers and every frame.
 * Connections are named `<prefix>-1`, `<prefix>-2`, ... in arrival order,
 * refused ones included.
 */
export class OutboundServer {
  mode: 'accept' | 401 | 503 = 'accept';
  readonly sockets: ServerSocket[] = [];
  /** Called when a socket opens, and for each frame it receives. */
  onOpen?: (s: ServerSocket) => void;
  onFrame?: (s: ServerSocket, frame: Record<string, unknown>) => void;
  private server?: Server;
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: (p) => (p.has('ari') ? 'ari' : false) });
  port = 0;

  constructor(
    private readonly prefix: string,
    private readonly tls?: { key: string; cert: string },
  ) {}

  async listen(): Promise<void> {
    const server = this.tls ? createHttpsServer({ key: this.tls.key, cert: this.tls.cert }) : createHttpServer();
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => this.upgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops accepting connections (they are refused); open sockets stay (close() would wait for them, so it is not awaited). */
  async stopListening(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close();
      // The listening socket is closed at once; the callback would wait for every open connection.
      setImmediate(resolve);
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.ws?.terminate();
    await this.stopListening();
  }

  get open(): ServerSocket[] {
    return this.sockets.filter((s) => s.ws && s.ws.readyState === WebSocket.OPEN);
  }

  /** Resolves once `n` connections have arrived (or after `ms` real ms). */
  async waitFor(check: () => boolean, ms = 5000): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 2));
    }
    return true;
  }

  private upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    socket.on('error', () => undefined);
    const raw = req.rawHeaders;
    const rawHeaders: Array<[string, string]> = [];
    for (let i = 0; i < raw.length; i += 2) rawHeaders.push([raw[i], raw[i + 1]]);
    const mode = this.mode;
    const entry: ServerSocket = {
      name: `${this.prefix}-${this.sockets.length + 1}`,
      method: req.method ?? '',
      path: req.url ?? '',
      httpVersion: req.httpVersion,
      rawHeaders,
      outcome: mode === 'accept' ? 'open' : { refused: mode },
      requestedAt: performance.now(),
      frames: [],
      frameTimes: [],
    };
    this.sockets.push(entry);
    if (mode !== 'accept') {
      socket.end(REFUSALS[mode]);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      Object.assign(entry, { ws, openedAt: performance.now() });
      this.onOpen?.(entry);
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as Record<string, unknown>;
        entry.frames.push(frame);
        entry.frameTimes.push(performance.now());
        this.onFrame?.(entry, frame);
      });
      ws.on('close', (code) => {
        entry.closeCode = code;
        entry.closedAt = performance.now();
      });
      ws.on('error', () => undefined);
    });
  }
}
