import { ignoreListenerError, Listeners } from '../core/listeners';
import { AriRouter } from './http/ari-router';
import type { AppRegistration } from './model/apps';
import type { AsteriskModel } from './model/asterisk-model';
import type { JsonObject } from './model/json';
import { RestSession } from './rest-ws/rest-session';

export interface InProcessEventsSocketOptions {
  /** `subscribeAll=true` (default false). */
  readonly subscribeAll?: boolean;
}

const ROUTER = new AriRouter();

/**
 * An ARI events WebSocket without a network (`/ari/events?app=...`), for
 * clients tested on a FakeClock: the apps' events and the RESTResponses to
 * the RESTRequest frames sent on it arrive as text frames on microtasks,
 * in the order the socket would carry them, with the same per-socket
 * request queue as the HTTP server's sockets.
 */
export class InProcessEventsSocket {
  private readonly frames = new Listeners<string>(ignoreListenerError);
  private readonly closes = new Listeners<number>(ignoreListenerError);
  private readonly registration: AppRegistration;
  private readonly rest: RestSession;
  private closed = false;

  constructor(
    private readonly model: AsteriskModel,
    readonly apps: readonly string[],
    opts: InProcessEventsSocketOptions = {},
  ) {
    const write = (frame: JsonObject): void => this.deliver(frame);
    this.registration = model.apps.register(apps, { send: write }, opts.subscribeAll ?? false);
    this.rest = new RestSession({ model, router: ROUTER, appName: () => apps[0], write });
  }

  get open(): boolean {
    return !this.closed;
  }

  /** A text frame from the client: a RESTRequest. */
  send(text: string): void {
    if (!this.closed) queueMicrotask(() => this.rest.receive(text));
  }

  /** Frames from the simulator, as the text a WebSocket would carry. */
  onFrame(listener: (text: string) => void): () => void {
    return this.frames.add(listener);
  }

  /** The socket ended: 1000 when the client closed it, 1006 when the simulator dropped it. */
  onClose(listener: (code: number) => void): () => void {
    return this.closes.add(listener);
  }

  close(): void {
    this.end(1000);
  }

  /** The simulator drops the connection (no close frame). */
  drop(): void {
    this.end(1006);
  }

  private end(code: number): void {
    if (this.closed) return;
    this.closed = true;
    this.rest.close();
    this.model.apps.unregister(this.registration, (a) => this.model.appInUse(a));
    queueMicrotask(() => this.closes.emit(code));
  }

  private deliver(frame: JsonObject): void {
    if (this.closed) return;
    const text = JSON.stringify(frame);
    queueMicrotask(() => this.frames.emit(text));
  }
}
