import type { TimerHandle } from '../../core/clock';
import type { AriRouter } from '../http/ari-router';
import type { AppRegistration } from '../model/apps';
import type { AsteriskModel } from '../model/asterisk-model';
import type { ConnectFailure, OutboundConnector, OutboundLink } from './connector';
import type { ResolvedOutboundConfig } from './outbound-config';
import { OutboundSession } from './outbound-session';

export type OutboundState = 'connecting' | 'connected' | 'waiting' | 'stopped';

/** What the control API reports about one outbound connection. */
export interface OutboundStatus {
  readonly id: string;
  readonly uri: string;
  readonly connectionType: 'persistent' | 'per_call_config';
  readonly apps: readonly string[];
  /** Persistent: its state; per call: `idle` (sockets open only during calls). */
  readonly state: OutboundState | 'idle';
  /** Persistent: failed attempts since the last connect. Per call: sockets open now. */
  readonly failures?: number;
  readonly openSockets?: number;
  /** Frames waiting for a socket. */
  readonly queued?: number;
}

/**
 * A `connection_type = persistent` outbound WebSocket
 * (outbound_session_handler_thread): its apps are registered at once
 * (ApplicationRegistered queued, stamped with that moment) and stay
 * registered while the socket is down, so new calls enter Stasis and wait;
 * every frame is queued and flushed in order on the next connect, followed
 * by a fresh ApplicationRegistered. After a drop (close frame, which `ws`
 * answers with the same code, or a TCP drop) it reconnects at once, then
 * every `reconnect_interval`, forever, refusals (401, 503) included,
 * logging after every `reconnect_attempts` failures. Removing the
 * configuration sends ApplicationUnregistered and closes with 1000.
 */
export class PersistentConnection {
  private readonly session: OutboundSession;
  private registration?: AppRegistration;
  private pending?: { cancel(): void };
  private retry?: TimerHandle;
  private link?: OutboundLink;
  private failures = 0;
  private everConnected = false;
  private current: OutboundState = 'connecting';

  constructor(
    private readonly m: AsteriskModel,
    readonly config: ResolvedOutboundConfig,
    private readonly connector: OutboundConnector,
    rest: { readonly router: AriRouter; readonly responseDelayMs: number },
  ) {
    this.session = new OutboundSession({ model: m, router: rest.router, responseDelayMs: rest.responseDelayMs, remote: config.remote, appName: config.apps[0] });
  }

  /** Registers the apps (as `module reload res_ari.so` does) and starts connecting. */
  start(): void {
    const fresh = this.config.apps.filter((app) => !this.m.apps.isRegistered(app));
    for (const app of this.config.apps) if (!this.m.apps.get(app)) this.m.log.add('VERBOSE', 'stasis/app.c', `Creating Stasis app '${app}'`);
    this.registration = this.m.apps.register(this.config.apps, this.session.sink, this.config.subscribeAll);
    for (const app of fresh) this.session.appNotice('ApplicationRegistered', app);
    this.attempt();
  }

  /** The configuration was removed: ApplicationUnregistered, close 1000, apps released. */
  stop(): void {
    if (this.current === 'stopped') return;
    this.current = 'stopped';
    if (this.retry !== undefined) this.m.clock.clearTimeout(this.retry);
    this.retry = undefined;
    for (const app of this.config.apps) {
      this.m.log.add('VERBOSE', 'stasis/app.c', `Deactivating Stasis app '${app}'`);
      this.m.log.add('VERBOSE', 'res_stasis.c', `Shutting down application '${app}'`);
      this.session.appNotice('ApplicationUnregistered', app);
    }
    const reg = this.registration;
    this.registration = undefined;
    if (reg) this.m.apps.unregister(reg, (a) => this.m.appInUse(a));
    const link = this.link;
    this.link = undefined;
    this.session.detach();
    this.session.discard();
    if (link) link.close(1000);
    else this.pending?.cancel();
    this.pending = undefined;
  }

  status(): OutboundStatus {
    const c = this.config;
    return { id: c.id, uri: c.uri, connectionType: c.connectionType, apps: c.apps, state: this.current, failures: this.failures, queued: this.session.queued };
  }

  private attempt(): void {
    this.retry = undefined;
    if (this.current === 'stopped') return;
    this.current = 'connecting';
    this.pending = this.session.dial(this.connector, this.config, { opened: (link) => this.opened(link), failed: (f) => this.failed(f), closed: (abrupt) => this.closed(abrupt) });
  }

  private opened(link: OutboundLink): void {
    this.pending = undefined;
    if (this.current === 'stopped') {
      link.close(1000);
      return;
    }
    this.current = 'connected';
    this.failures = 0;
    this.link = link;
    this.session.attach(link, this.config.id, this.config.uri);
    // The first connect flushes the ApplicationRegistered queued at start; a reconnect announces the apps again.
    if (this.everConnected) for (const app of this.config.apps) this.session.appNotice('ApplicationRegistered', app);
    this.everConnected = true;
  }

  private failed(f: ConnectFailure): void {
    this.pending = undefined;
    if (this.current === 'stopped') return;
    this.failures++;
    const c = this.config;
    if (this.failures % c.reconnectAttempts === 0) {
      this.m.log.add('WARNING', 'res_websocket_client.c', `${c.id}: Websocket connection to ${c.uri} failed after ${c.reconnectAttempts} tries: ${f.asteriskResult}.  Retrying in ${c.reconnectIntervalMs} ms.`);
    }
    this.current = 'waiting';
    this.retry = this.m.clock.setTimeout(() => this.attempt(), c.reconnectIntervalMs);
  }

  private closed(abrupt: boolean): void {
    this.link = undefined;
    this.session.detach();
    if (this.current === 'stopped') return;
    if (abrupt) {
      this.m.log.add('WARNING', 'res_http_websocket.c', 'Web socket closed abruptly');
      this.m.log.add('WARNING', 'ari/ari_websockets.c', 'WebSocket read error: Broken pipe');
    }
    this.m.log.add('WARNING', 'ari/ari_websockets.c', `${this.config.id}: Websocket disconnected.  Reconnecting`);
    this.attempt();
  }
}
