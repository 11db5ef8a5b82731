import type { Server } from 'node:http';
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
 * no HTTP response.
 */
export class SessionTracker {
  private readonly sockets = new Set<Socket>();
  private peak = 0;
  private refused = 0;
  private total = 0;

  constructor(private readonly limit: number) {}

  attach(server: Server): void {
    server.on('connection', (socket: Socket) => {
      if (this.sockets.size >= this.limit) {
        this.refused++;
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      this.total++;
      this.peak = Math.max(this.peak, this.sockets.size);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  /** Drops every open connection without an HTTP or WebSocket goodbye. */
  destroyAll(): void {
    for (const s of this.sockets) s.destroy();
  }

  stats(): SessionStats {
    return { current: this.sockets.size, peak: this.peak, refused: this.refused, total: this.total };
  }
}
