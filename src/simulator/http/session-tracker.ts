import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface SessionStats {
  /** Open TCP connections (idle keep-alive and WebSockets included). */
  readonly current: number;
  readonly peak: number;
  /** Connections refused because the limit was reached. */
  readonly refused: number;
  /** Connections accepted since start. */
  readonly total: number;
}

/**
 * Asterisk's http.conf `sessionlimit`: every TCP connection counts while it
 * is open; beyond the cap a connection is accepted and closed at once, with
 * no HTTP response. A connection idle after its last answer for
 * `session_keep_alive` ms is closed.
 */
export class SessionTracker {
  private readonly sockets = new Set<Socket>();
  private readonly busy = new Map<Socket, number>();
  private readonly idleTimers = new Map<Socket, NodeJS.Timeout>();
  private peak = 0;
  private refused = 0;
  private total = 0;

  constructor(
    private readonly limit: number,
    private readonly keepAliveMs: number,
  ) {}

  attach(server: Server): void {
    // Node's own keep-alive timeout adds a grace second; session_keep_alive is enforced here instead.
    server.keepAliveTimeout = 0;
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const socket = req.socket;
      this.clearIdle(socket);
      this.busy.set(socket, (this.busy.get(socket) ?? 0) + 1);
      res.once('close', () => {
        const left = (this.busy.get(socket) ?? 1) - 1;
        this.busy.set(socket, left);
        if (left === 0 && !socket.destroyed) this.armIdle(socket);
      });
    });
    server.on('upgrade', (req: IncomingMessage) => this.clearIdle(req.socket));
    server.on('connection', (socket: Socket) => {
      if (this.sockets.size >= this.limit) {
        this.refused++;
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      this.total++;
      this.peak = Math.max(this.peak, this.sockets.size);
      socket.once('close', () => {
        this.sockets.delete(socket);
        this.busy.delete(socket);
        this.clearIdle(socket);
      });
    });
  }

  private armIdle(socket: Socket): void {
    this.clearIdle(socket);
    const t = setTimeout(() => socket.destroy(), this.keepAliveMs);
    t.unref();
    this.idleTimers.set(socket, t);
  }

  private clearIdle(socket: Socket): void {
    const t = this.idleTimers.get(socket);
    if (t) clearTimeout(t);
    this.idleTimers.delete(socket);
  }

  /** Drops every open connection without an HTTP or WebSocket goodbye. */
  destroyAll(): void {
    for (const s of this.sockets) s.destroy();
  }

  stats(): SessionStats {
    return { current: this.sockets.size, peak: this.peak, refused: this.refused, total: this.total };
  }
}
