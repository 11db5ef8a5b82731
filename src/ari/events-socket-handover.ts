import { VoxtraError } from '../core/errors';
import type { Logger } from '../core/logger';
import { Listeners } from '../core/listeners';
import { connectFailure } from './connect-failure';
import type { ConnectionLifecycle } from './connection-lifecycle';
import { EventsSocket } from './events-socket';
import { redactError, redactText } from '../core/redact';
import type { AriEvent } from './transport';

export interface EventsSocketHandoverOptions {
  /** Server name, for error messages. */
  readonly name: string;
  /** The server's base URL; the socket goes to `/ari/events` on its origin (`wss:` for `https:`). */
  readonly base: URL;
  /** `Basic ...` on the upgrade request, so credentials stay out of the URL. */
  readonly authorization: string;
  readonly handshakeTimeoutMs: number;
  readonly secrets: readonly string[];
  readonly logger: Logger;
  readonly lifecycle: ConnectionLifecycle;
  /** The current socket closed on its own (the server may have restarted). */
  readonly onSocketLost: () => void;
  /**
   * REST over WebSocket: `RESTResponse` frames go here instead of to the
   * event listeners, and the transport hears which socket carries requests
   * (`onSocket` with the socket that now does) and which one
   * closed (`onSocketGone`, whatever closed it).
   */
  readonly rest?: {
    readonly onResponse: (frame: AriEvent) => void;
    readonly onSocket: (socket: EventsSocket) => void;
    readonly onSocketGone: (socket: EventsSocket, reason: string) => void;
    /** Resolves once no request sent on `socket` waits for its answer (before a handover closes it). */
    readonly drained: (socket: EventsSocket) => Promise<void>;
  };
}

/**
 * The transport's events socket and the apps it holds: delivers its events
 * to listeners, hands the socket over to a new app list make-before-break,
 * and keeps the ApplicationReplaced books (when every app was taken by
 * another client the connection is `replaced`).
 */
export class EventsSocketHandover {
  private socket: EventsSocket | undefined;
  private apps: readonly string[] = [];
  private readonly replacedApps = new Set<string>();
  // Apps handed from a socket to its successor by updateApps(): Asterisk tells
  // the old socket ApplicationReplaced for them, which is our own doing.
  private readonly handedOver = new WeakMap<EventsSocket, ReadonlySet<string>>();
  private appChange: Promise<void> = Promise.resolve();
  private readonly listeners: Listeners<AriEvent>;

  constructor(private readonly opts: EventsSocketHandoverOptions) {
    this.listeners = new Listeners<AriEvent>((err, event) => opts.logger.error({ err, type: event.type }, 'ARI event listener threw'));
  }

  /** The apps of the current (or next) socket. */
  get appList(): readonly string[] {
    return this.apps;
  }

  /** Apps that received ApplicationReplaced on the current socket. */
  get replaced(): readonly string[] {
    return [...this.replacedApps];
  }

  onEvent(listener: (event: AriEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Closes the current socket and starts over with `apps` (a new connect). */
  reset(apps: readonly string[]): void {
    this.close();
    this.replacedApps.clear();
    this.apps = [...apps];
  }

  /** A socket for `apps`, not yet open, belonging to connect generation `gen`. */
  create(apps: readonly string[], gen: number): EventsSocket {
    const { base, authorization, handshakeTimeoutMs, secrets, logger, lifecycle } = this.opts;
    const wsUrl = new URL('/ari/events', base.origin);
    wsUrl.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = `${wsUrl.origin}${wsUrl.pathname}?app=${apps.map(encodeURIComponent).join(',')}`;
    const socket = new EventsSocket(
      { url, authorization, handshakeTimeoutMs },
      {
        onEvent: (event) => this.deliver(event, socket),
        onClosed: ({ code, reason, error }) => {
          this.opts.rest?.onSocketGone(socket, `events socket closed (${code})`);
          if (!lifecycle.isCurrent(gen) || this.socket !== socket) return;
          this.socket = undefined;
          this.opts.onSocketLost();
          const err = error ? redactError(error, secrets) : new Error(`events socket closed (${code}${reason ? ` ${reason}` : ''})`);
          logger.warn({ code, reason, err }, 'ARI events socket closed');
          if (lifecycle.state === 'connected') lifecycle.set('disconnected', err);
        },
        onBadFrame: (text) => logger.warn({ frame: redactText(text.slice(0, 200), secrets) }, 'ignored a non-event frame on the ARI events socket'),
      },
    );
    return socket;
  }

  /** The open socket of a successful connect becomes the current one. */
  adopt(socket: EventsSocket): void {
    this.socket = socket;
    this.opts.rest?.onSocket(socket);
  }

  /**
   * Moves the events socket to a new app list, make-before-break: the new
   * socket opens first, so Asterisk hands it the apps both lists share (their
   * calls' events go wherever the app is registered, with no gap) and tells
   * the old socket ApplicationReplaced, which is ignored here; then the old
   * socket closes, which unregisters only the apps that were dropped. While
   * not connected it only records the list for the next connect. Changes run
   * one at a time.
   */
  updateApps(apps: readonly string[]): Promise<void> {
    const run = this.appChange.then(() => this.move([...apps]));
    this.appChange = run.catch(() => undefined);
    return run;
  }

  /** Sends a WebSocket ping; resolves on the pong. The caller bounds the wait. */
  ping(): Promise<void> {
    if (!this.socket) return Promise.reject(new VoxtraError('ARI_NOT_CONNECTED', 'no events socket'));
    return this.socket.ping();
  }

  /** Drops a connected socket without a close handshake; its close is reported as usual. */
  drop(reason: string): void {
    if (this.socket && this.opts.lifecycle.state === 'connected') this.socket.drop(reason);
  }

  /** Closes the current socket on purpose (no close is reported). */
  close(): void {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return;
    socket.close();
    this.opts.rest?.onSocketGone(socket, 'events socket closed by Voxtra');
  }

  private async move(apps: string[]): Promise<void> {
    if (apps.length === 0) throw new VoxtraError('ARI_NOT_CONNECTED', 'the events socket needs at least one Stasis app');
    const { lifecycle, logger } = this.opts;
    const old = this.socket;
    if (lifecycle.state !== 'connected' || !old) {
      this.apps = apps;
      return;
    }
    if (apps.length === this.apps.length && apps.every((a) => this.apps.includes(a))) return;
    const gen = lifecycle.generation;
    this.handedOver.set(old, new Set(apps));
    const socket = this.create(apps, gen);
    try {
      await socket.open();
    } catch (err) {
      this.handedOver.delete(old);
      socket.close();
      throw connectFailure(this.opts.name, this.opts.secrets, err);
    }
    if (!lifecycle.isCurrent(gen) || this.socket !== old || lifecycle.state !== 'connected') {
      // Dropped, reconnected or closed meanwhile: the supervisor's next connect uses the new list.
      socket.close();
      this.apps = apps;
      return;
    }
    this.socket = socket;
    this.apps = apps;
    this.replacedApps.clear();
    const rest = this.opts.rest;
    if (rest) {
      // Requests go on the new socket from now on; answers to those sent on the old one still arrive there.
      rest.onSocket(socket);
      await rest.drained(old);
    }
    const closed = old.close();
    rest?.onSocketGone(old, 'events socket moved to a new app list');
    // Asterisk unregisters the dropped apps when it reads the close frame, which its answer to it proves: until
    // then a call can still enter them, and its StasisStart (still delivered from the old socket) is handed on.
    await closed;
    logger.info({ apps }, 'ARI events socket moved to a new app list');
  }

  private deliver(event: AriEvent, from: EventsSocket): void {
    const rest = this.opts.rest;
    if (rest !== undefined && event.type === 'RESTResponse') {
      rest.onResponse(event);
      return;
    }
    if (event.type === 'ApplicationReplaced') {
      if (typeof event.application === 'string' && this.handedOver.get(from)?.has(event.application)) return;
      this.noteReplaced(event);
    }
    this.listeners.emit(event);
  }

  private noteReplaced(event: AriEvent): void {
    const app = typeof event.application === 'string' ? event.application : '';
    if (!this.apps.includes(app)) return;
    this.replacedApps.add(app);
    this.opts.logger.error({ app }, 'another ARI client registered this Stasis app: this connection no longer receives its calls');
    if (this.apps.every((a) => this.replacedApps.has(a)) && this.opts.lifecycle.state === 'connected') {
      // Asterisk keeps the old socket open but silent; holding it helps no one.
      this.close();
      this.opts.lifecycle.set('replaced');
    }
  }
}
