import type { TimerHandle } from '../../core/clock';
import type { AriRouter } from '../http/ari-router';
import type { AppRegistration } from '../model/apps';
import type { AsteriskModel } from '../model/asterisk-model';
import type { Channel } from '../model/channel';
import type { ConnectFailure, OutboundConnector, OutboundLink } from './connector';
import type { ResolvedOutboundConfig } from './outbound-config';
import { OutboundSession } from './outbound-session';

/** Stasis() checks whether the per-call thread connected every 500 ms (ast_ari_create_per_call_websocket). */
const POLL_MS = 500;
/** After StasisEnd, the close is scheduled after one more 500 ms poll and then waits 3 s (STASIS_END_POST_WAIT_US). */
const CLOSE_AFTER_STASIS_END_MS = 3500;

type Phase = 'connecting' | 'in-stasis' | 'closing' | 'done';

/**
 * One call's `per_call_config` outbound WebSocket. Stasis(<app>) for an
 * app no socket holds creates the app `<app>:<channel name>` (its
 * ApplicationRegistered queued), and connects to the configured URI as-is,
 * `reconnect_attempts` times `reconnect_interval` apart. Stasis() polls
 * every 500 ms: once connected, the call enters Stasis (StasisStart ~500 ms
 * after the socket opened); once the attempts are used up, Stasis()
 * returns STASISSTATUS=FAILED (2.5 s for 3 tries 1 s apart) and the
 * dialplan goes on. The socket carries only this call's frames; after
 * StasisEnd the dialplan resumes 500 ms later and Asterisk closes the
 * socket with 1000 3.5 s after StasisEnd, without ApplicationUnregistered.
 * A socket lost during the call is reconnected the same way; if that
 * fails, the call leaves Stasis for the dialplan with STASISSTATUS=FAILED.
 */
export class PerCallConnection {
  private readonly appId: string;
  private readonly sessionId: string;
  private readonly session: OutboundSession;
  private registration?: AppRegistration;
  private pending?: { cancel(): void };
  private retry?: TimerHandle;
  private link?: OutboundLink;
  private tries = 0;
  private connectedOnce = false;
  private connected = false;
  /** The connecting thread gave up. */
  private gaveUp = false;
  private phase: Phase = 'connecting';
  private readonly startedAt: number;

  constructor(
    private readonly m: AsteriskModel,
    private readonly config: ResolvedOutboundConfig,
    private readonly connector: OutboundConnector,
    rest: { readonly router: AriRouter; readonly responseDelayMs: number },
    private readonly ch: Channel,
    private readonly app: string,
    private readonly args: readonly string[],
    private readonly appData: string,
    private readonly next: () => void,
    private readonly ended: (c: PerCallConnection) => void,
  ) {
    this.appId = `${app}:${ch.name}`;
    this.sessionId = `${config.id}:${ch.name}`;
    this.startedAt = m.now();
    this.session = new OutboundSession({ model: m, router: rest.router, responseDelayMs: rest.responseDelayMs, remote: config.remote, appName: this.appId });
  }

  get open(): boolean {
    return this.connected;
  }

  get configId(): string {
    return this.config.id;
  }

  start(): void {
    const m = this.m;
    m.setVar(this.ch, 'STASISSTATUS', '');
    m.log.add('VERBOSE', 'stasis/app.c', `Creating Stasis app '${this.appId}'`);
    this.registration = m.apps.register([this.appId], this.session.sink, this.config.subscribeAll);
    this.session.appNotice('ApplicationRegistered', this.appId);
    this.ch.cleanups.push(() => {
      if (this.phase === 'connecting') this.finish();
    });
    this.attempt();
    // Stasis()'s first look comes before the new thread can have connected: the first that can succeed is 500 ms on.
    this.m.channelTimer(this.ch, POLL_MS, () => this.poll());
  }

  /** The simulator stops: ApplicationUnregistered on an open socket, then close 1000. */
  shutdown(): void {
    if (this.phase === 'done') return;
    if (this.link) this.session.appNotice('ApplicationUnregistered', this.appId);
    this.finish();
  }

  private attempt(): void {
    this.retry = undefined;
    if (this.phase === 'done' || this.phase === 'closing') return;
    this.tries++;
    this.pending = this.session.dial(this.connector, this.config, { opened: (link) => this.opened(link), failed: (f) => this.failed(f), closed: (abrupt) => this.closed(abrupt) });
  }

  private opened(link: OutboundLink): void {
    this.pending = undefined;
    if (this.phase === 'done') {
      link.close(1000);
      return;
    }
    this.link = link;
    this.connected = true;
    this.tries = 0;
    this.session.attach(link, this.ch.name, this.config.uri);
    if (this.connectedOnce) this.session.appNotice('ApplicationRegistered', this.appId);
    this.connectedOnce = true;
    if (this.phase === 'closing') link.close(1000);
  }

  private failed(f: ConnectFailure): void {
    this.pending = undefined;
    if (this.phase === 'done') return;
    const c = this.config;
    if (this.tries < c.reconnectAttempts) {
      this.retry = this.m.clock.setTimeout(() => this.attempt(), c.reconnectIntervalMs);
      return;
    }
    this.m.log.add('WARNING', 'res_websocket_client.c', `${this.appId}: Websocket connection to ${c.uri} failed after ${c.reconnectAttempts} tries: ${f.asteriskResult}.  Hanging up after exhausting retries.`);
    this.gaveUp = true;
    if (this.phase === 'in-stasis') {
      // outbound_session_handler_thread: mark the control failed and continue the channel in the dialplan.
      this.returnToDialplan();
      return;
    }
    this.releaseApp();
  }

  private closed(abrupt: boolean): void {
    this.link = undefined;
    this.connected = false;
    this.session.detach();
    if (this.phase === 'closing' || this.phase === 'done') {
      this.finish();
      return;
    }
    if (abrupt) this.m.log.add('WARNING', 'res_http_websocket.c', 'Web socket closed abruptly');
    this.m.log.add('WARNING', 'ari/ari_websockets.c', `${this.sessionId}: Websocket disconnected.  Reconnecting`);
    this.attempt();
  }

  /** Stasis()'s wait for the connection: a check now and every 500 ms, with Asterisk's fail-safe bound. */
  private poll(): void {
    if (this.phase !== 'connecting') return;
    if (this.connected) {
      this.enterStasis();
      return;
    }
    const c = this.config;
    const failSafe = (c.connectionTimeoutMs + c.reconnectIntervalMs) * (c.reconnectAttempts + 3);
    if (this.gaveUp || this.m.now() - this.startedAt > failSafe) {
      this.fail();
      return;
    }
    this.m.channelTimer(this.ch, POLL_MS, () => this.poll());
  }

  private enterStasis(): void {
    const { m, ch } = this;
    this.phase = 'in-stasis';
    ch.resumeDelayMs = POLL_MS;
    ch.onStasisEnd = () => this.stasisEnded();
    m.note(ch, { kind: 'outbound-connected', app: this.appId, uri: this.config.uri });
    m.enterStasis(ch, this.appId, this.args, this.appData, false);
  }

  private fail(): void {
    const { m, ch } = this;
    if (!this.gaveUp) this.pending?.cancel();
    this.finish();
    m.log.add('WARNING', 'ari/ari_websockets.c', `${this.sessionId}: Failed to create per call websocket thread`);
    m.log.add('WARNING', 'app_stasis.c', `${ch.name}: Stasis app '${this.app}' doesn't exist`);
    m.note(ch, { kind: 'stasis-failed', app: this.app, reason: `per-call WebSocket to ${this.config.uri} failed` });
    m.setVar(ch, 'STASISSTATUS', 'FAILED');
    this.next();
  }

  private stasisEnded(): void {
    if (this.phase !== 'in-stasis') return;
    this.phase = 'closing';
    // Not a channel timer: the socket outlives a hung-up channel by these 3.5 s.
    this.m.clock.setTimeout(() => {
      if (this.link) this.link.close(1000);
      else this.finish();
    }, CLOSE_AFTER_STASIS_END_MS);
  }

  private returnToDialplan(): void {
    const { m, ch } = this;
    if (!ch.stasis || ch.hungUp) return;
    const { context, exten, priority } = ch.dialplan;
    m.leaveStasis(ch);
    m.setVar(ch, 'STASISSTATUS', 'FAILED');
    m.channelTimer(ch, POLL_MS, () => m.runDialplan(ch, context, exten, priority + 1));
  }

  /** The session is over: timers and attempts stop, the app goes. */
  private finish(): void {
    if (this.phase === 'done') return;
    this.phase = 'done';
    if (this.retry !== undefined) this.m.clock.clearTimeout(this.retry);
    this.retry = undefined;
    this.pending?.cancel();
    this.pending = undefined;
    const link = this.link;
    this.link = undefined;
    this.session.detach();
    this.session.discard();
    if (link) link.close(1000);
    this.releaseApp();
    this.ended(this);
  }

  private releaseApp(): void {
    const reg = this.registration;
    if (!reg) return;
    this.registration = undefined;
    this.m.log.add('VERBOSE', 'stasis/app.c', `Deactivating Stasis app '${this.appId}'`);
    this.m.log.add('VERBOSE', 'res_stasis.c', `Shutting down application '${this.appId}'`);
    this.m.apps.unregister(reg, (a) => this.m.appInUse(a));
    this.m.pruneApp(this.appId);
  }
}
