import type { Clock } from '../../../src/core/clock';
import type { ConnectHandlers, OutboundConnector, OutboundLink } from '../../../src/simulator';
import type { JsonObject } from '../../../src/simulator/model/json';

/** One outbound socket the fake server accepted. */
export class FakeLink implements OutboundLink {
  readonly frames: JsonObject[] = [];
  /** The close code the simulator sent, or 1006 when the server dropped it. */
  closedWith?: number;

  constructor(
    private readonly h: ConnectHandlers,
    readonly uri: string,
  ) {}

  send(text: string): void {
    if (this.closedWith === undefined) this.frames.push(JSON.parse(text) as JsonObject);
  }

  close(code: number): void {
    if (this.closedWith !== undefined) return;
    this.closedWith = code;
    queueMicrotask(() => this.h.onClose(code, false));
  }

  terminate(): void {
    this.drop();
  }

  /** The server sends a frame (a RESTRequest). */
  request(frame: object, binary = false): void {
    this.h.onMessage(JSON.stringify(frame), binary);
  }

  /** The server closes with a close frame, which the client answers with the same code. */
  serverClose(code: number): void {
    if (this.closedWith !== undefined) return;
    this.closedWith = code;
    this.h.onClose(code, false);
  }

  /** The server drops TCP. */
  drop(): void {
    if (this.closedWith !== undefined) return;
    this.closedWith = 1006;
    this.h.onClose(1006, true);
  }

  types(): string[] {
    return this.frames.map((f) => (f.type === 'RESTResponse' ? `RESTResponse:${String(f.request_id)}` : String(f.type)));
  }
}

/**
 * A WebSocket server for the simulator's outbound connections, without a
 * network: it accepts, refuses with a status, or is not listening (refused),
 * and answers on a microtask, as a loopback server would within the same
 * simulated millisecond.
 */
export class FakeServer implements OutboundConnector {
  mode: 'accept' | 'down' | 401 | 503 = 'accept';
  /** Simulated time of every attempt. */
  readonly attempts: number[] = [];
  readonly links: FakeLink[] = [];

  constructor(private readonly clock: Clock) {}

  connect(cfg: { uri: string }, h: ConnectHandlers): { cancel(): void } {
    this.attempts.push(this.clock.now());
    let cancelled = false;
    const mode = this.mode;
    queueMicrotask(() => {
      if (cancelled) return;
      if (mode === 'accept') {
        const link = new FakeLink(h, cfg.uri);
        this.links.push(link);
        h.onOpen(link);
      } else if (mode === 'down') h.onFail({ kind: 'refused', asteriskResult: 'Client start error (Transport endpoint is not connected)', detail: 'ECONNREFUSED' });
      else h.onFail({ kind: 'status', status: mode, asteriskResult: mode === 401 ? 'Unauthorized (Operation now in progress)' : 'Invalid response code (Operation now in progress)', detail: `HTTP ${mode}` });
    });
    return { cancel: () => (cancelled = true) };
  }

  get last(): FakeLink {
    const link = this.links[this.links.length - 1];
    if (!link) throw new Error('no link yet');
    return link;
  }
}
