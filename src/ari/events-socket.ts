import WebSocket from 'ws';
import { VoxtraError } from '../core/errors';
import type { AriEvent } from './transport';
import { errorBodyMessage } from './ari-errors';

export interface EventsSocketHandlers {
  onEvent(event: AriEvent): void;
  /** The socket closed after it had opened (never called for a failed open or for {@link EventsSocket.close}). */
  onClosed(detail: { code: number; reason: string; error?: Error }): void;
  /** A frame that was not an ARI event (not JSON, or no `type`). */
  onBadFrame?(text: string): void;
}

export interface EventsSocketOptions {
  /** `ws://host:port/ari/events?app=...` with no credentials in it. */
  readonly url: string;
  /** `Basic ...`: Asterisk accepts Basic auth on the upgrade, so credentials stay out of the URL. */
  readonly authorization: string;
  readonly handshakeTimeoutMs: number;
}

/**
 * The ARI events WebSocket, owned by us rather than by ari-client: ari-client
 * reconnects on its own (and gives up after ~10 tries), puts the password in
 * the URL, and throws from its message handler on an event type its API
 * description lacks. Here a socket is opened once, reports its close once, and
 * the supervisor decides what happens next.
 */
export class EventsSocket {
  private ws: WebSocket | undefined;
  private opened = false;
  private closedByUs = false;
  private closing: Promise<void> | undefined;
  private readonly pongWaiters = new Set<() => void>();

  constructor(private readonly opts: EventsSocketOptions, private readonly handlers: EventsSocketHandlers) {}

  /** Opens the socket; resolves once the upgrade succeeded. */
  open(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(this.opts.url, {
        headers: { Authorization: this.opts.authorization },
        handshakeTimeout: this.opts.handshakeTimeoutMs,
        perMessageDeflate: false,
      });
      this.ws = ws;
      ws.on('unexpected-response', (_req, res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const message = errorBodyMessage(Buffer.concat(chunks).toString('utf8'), res.statusMessage ?? 'upgrade refused');
          reject(new VoxtraError('ARI_REQUEST_FAILED', `events socket refused: ${status} ${message}`, { status, message, operation: 'events' }));
          ws.terminate();
        });
        res.on('error', () => undefined);
      });
      ws.on('open', () => {
        this.opened = true;
        resolve();
      });
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        this.dispatch(data.toString());
      });
      ws.on('pong', () => {
        const waiters = [...this.pongWaiters];
        this.pongWaiters.clear();
        for (const w of waiters) w();
      });
      let lastError: Error | undefined;
      ws.on('error', (err) => {
        lastError = err;
        if (!this.opened) reject(new VoxtraError('ARI_TRANSPORT', `events socket failed: ${err.message}`, { code: (err as NodeJS.ErrnoException).code }));
      });
      ws.on('close', (code, reason) => {
        this.pongWaiters.clear();
        if (!this.opened) {
          reject(new VoxtraError('ARI_TRANSPORT', `events socket closed before it opened (${code})`));
          return;
        }
        if (this.closedByUs) return;
        this.handlers.onClosed({ code, reason: reason.toString(), ...(lastError ? { error: lastError } : {}) });
      });
    });
  }

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Sends a text frame (a RESTRequest); throws when the socket is not open. */
  send(text: string): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) throw new VoxtraError('ARI_NOT_CONNECTED', 'events socket is not open');
    ws.send(text);
  }

  /** Sends a ping; resolves when any pong arrives. Never settles if none does (the caller bounds it). */
  ping(): Promise<void> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new VoxtraError('ARI_NOT_CONNECTED', 'events socket is not open'));
    return new Promise<void>((resolve) => {
      this.pongWaiters.add(resolve);
      ws.ping();
    });
  }

  /** Drops the socket without a close handshake and reports it as closed (a dead peer cannot answer one). */
  drop(reason: string): void {
    const ws = this.ws;
    if (!ws || this.closedByUs) return;
    if (!this.opened) {
      this.closedByUs = true;
      ws.terminate();
      return;
    }
    ws.removeAllListeners('close');
    ws.on('close', () => undefined);
    ws.terminate();
    this.closedByUs = true;
    this.handlers.onClosed({ code: 1006, reason, error: new Error(reason) });
  }

  /**
   * Closes the socket on purpose; no close is reported. Resolves once the
   * socket is closed: the server answered the close frame (so it has read
   * it, and Asterisk has unregistered the socket's apps), or 2 s passed and
   * the socket was cut. Events that arrive meanwhile are still delivered.
   */
  close(): Promise<void> {
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    if (this.closedByUs) return this.closing ?? Promise.resolve();
    this.closedByUs = true;
    this.closing = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    if (ws.readyState === WebSocket.OPEN) {
      ws.close(1000);
      // A peer that never answers the close frame must not keep the socket.
      setTimeout(() => ws.terminate(), 2000).unref();
    } else {
      ws.terminate();
    }
    return this.closing;
  }

  private dispatch(text: string): void {
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch {
      this.handlers.onBadFrame?.(text);
      return;
    }
    if (!event || typeof event !== 'object' || typeof (event as { type?: unknown }).type !== 'string') {
      this.handlers.onBadFrame?.(text);
      return;
    }
    this.handlers.onEvent(event as AriEvent);
  }
}
