import type { AriRouter } from '../http/ari-router';
import type { EventSink } from '../model/apps';
import type { AsteriskModel } from '../model/asterisk-model';
import type { JsonObject } from '../model/json';
import { RestSession } from '../rest-ws/rest-session';
import type { ConnectFailure, OutboundConnector, OutboundLink } from './connector';
import type { ResolvedOutboundConfig } from './outbound-config';

export interface OutboundSessionOptions {
  readonly model: AsteriskModel;
  readonly router: AriRouter;
  readonly responseDelayMs: number;
  /** `host:port` of the server, as the queueing warning names it. */
  readonly remote: string;
  /** The session's first app: RESTResponses carry it and pass its event filter. */
  readonly appName: string;
}

/**
 * The ARI side of an outbound WebSocket (ari_ws_session): the event sink of
 * its apps, which queues every frame while no socket is up (with a warning,
 * except for Application* notices) and flushes the queue in order, original
 * timestamps and all, when one opens; REST over the socket; and the
 * ApplicationRegistered/Unregistered notices, which bypass the event filter.
 * Its requests carry no Host header (Asterisk makes up only an Authorization
 * header for them), so api-docs served over it have no basePath.
 */
export class OutboundSession {
  private link?: OutboundLink;
  private rest?: RestSession;
  private readonly queue: JsonObject[] = [];
  readonly sink: EventSink = { send: (frame) => this.deliver(frame) };

  constructor(private readonly o: OutboundSessionOptions) {}

  get connected(): boolean {
    return this.link !== undefined;
  }

  /** Frames waiting for a socket. */
  get queued(): number {
    return this.queue.length;
  }

  /** One connection attempt to `config.uri` whose frames feed this session. */
  dial(connector: OutboundConnector, config: ResolvedOutboundConfig, h: { opened(link: OutboundLink): void; failed(f: ConnectFailure): void; closed(abrupt: boolean): void }): { cancel(): void } {
    return connector.connect(config, {
      onOpen: (link) => h.opened(link),
      onFail: (f) => h.failed(f),
      onMessage: (text, binary) => this.receive(text, binary),
      onClose: (_code, abrupt) => h.closed(abrupt),
    });
  }

  /** A socket opened (`name` is how Asterisk logs the session): queued frames go out first, in order. */
  attach(link: OutboundLink, name: string, uri: string): void {
    this.o.model.log.add('NOTICE', 'ari/ari_websockets.c', `${name}: Outbound websocket connected to ${uri}`);
    this.link = link;
    this.rest = new RestSession({ model: this.o.model, router: this.o.router, appName: () => this.o.appName, write: (f) => this.deliver(f), responseDelayMs: this.o.responseDelayMs });
    for (const frame of this.queue.splice(0)) link.send(JSON.stringify(frame));
  }

  /** The socket is gone: frames queue again; requests waiting on it are dropped. */
  detach(): void {
    this.rest?.close();
    this.rest = undefined;
    this.link = undefined;
  }

  /** A frame from the server: text frames are RESTRequests, binary ones are ignored. */
  receive(text: string, binary: boolean): void {
    if (!binary) this.rest?.receive(text);
  }

  /** ApplicationRegistered / ApplicationUnregistered for `app`, stamped now (session_send_app_event). */
  appNotice(type: 'ApplicationRegistered' | 'ApplicationUnregistered', app: string): void {
    const m = this.o.model;
    this.deliver({ type, timestamp: m.ts(), application: app, asterisk_id: m.asteriskId });
  }

  /** Forgets what was queued (the session ends without a socket). */
  discard(): void {
    this.queue.length = 0;
  }

  private deliver(frame: JsonObject): void {
    if (this.link) {
      this.link.send(JSON.stringify(frame));
      return;
    }
    this.queue.push(frame);
    const type = String(frame.type ?? '');
    if (!type.startsWith('Application')) {
      this.o.model.log.add('WARNING', 'ari/ari_websockets.c', `${this.o.remote}: Queued '${type}' message for Stasis app '${String(frame.application ?? this.o.appName)}'; websocket is not ready`);
    }
  }
}
