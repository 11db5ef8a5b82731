import type { Clock, TimerHandle } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { IncomingCall } from '../../control/incoming-call';
import { AriGateway, type ReconcileReport } from '../ari-gateway';
import { MeteredTransport, type AriRequestRecord } from '../metered-transport';
import type { HttpRequestExecutor } from '../http-request-executor';
import type { AriEvent } from '../transport';
import type { AcceptedSocket } from './accepted-socket';
import { PeerTransport } from './peer-transport';
import type { ConnectionKind, StasisAppNames } from './stasis-app-names';

/** How long a listener waits for the things Asterisk does on its own (see docs/ari-adapter.md). */
export interface ListenTimings {
  /** A socket with no first frame after this long is closed. Default 10 s. */
  readonly firstFrameMs: number;
  /**
   * A per-call connection whose StasisStart has not come this long after it
   * opened (normally ~500 ms) is a reconnect of a call begun elsewhere:
   * reconciliation finds the channel and the runtime applies its policy.
   * Default 3 s.
   */
  readonly perCallStartMs: number;
  /** After a per-call connection's call ended, Asterisk closes it (~3.5 s); past this we close it. Default 10 s. */
  readonly lingerMs: number;
  /** A per-call connection lost with its call in progress: how long Asterisk has to reconnect it to us. Default 5 s. */
  readonly reattachMs: number;
}

export const DEFAULT_LISTEN_TIMINGS: ListenTimings = { firstFrameMs: 10_000, perCallStartMs: 3000, lingerMs: 10_000, reattachMs: 5000 };

/** Where a peer hands what it finds. */
export interface PeerHandlers {
  /** A call's StasisStart on one of the peer's sockets (`kind`: the peer's kind). */
  incoming(call: IncomingCall, kind: ConnectionKind): void;
  orphan(orphan: ReconcileReport['unknown'][number]): void;
  /** The peer let go of everything (a per-call peer whose call and socket are over). */
  ended(peer: ListenPeer): void;
}

export interface ListenPeerOptions {
  readonly server: string;
  readonly kind: ConnectionKind;
  /** Registry key: the Asterisk id (persistent) or Asterisk id and per-call app name. */
  readonly key: string;
  readonly asteriskId: string;
  /** The Stasis app name of the first frame. */
  readonly stasisApp: string;
  readonly names: () => StasisAppNames;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly requestTimeoutMs: number;
  readonly maxInFlight: number;
  readonly secrets: readonly string[];
  /** Asterisk's HTTP ARI (persistent connections only). */
  readonly http?: HttpRequestExecutor;
  readonly timings: ListenTimings;
  readonly handlers: PeerHandlers;
  /** Called after every ARI request with its latency and outcome (metrics). */
  readonly onRequest?: (record: AriRequestRecord) => void;
}

/**
 * What one Asterisk's connections to a listener drive: a gateway (calls,
 * controls, reconciliation) over a {@link PeerTransport}. A persistent peer
 * lives as long as the listener: Asterisk reconnects every ~1.5 s and first
 * replays the events it queued (new calls' StasisStart included), then sends
 * a fresh ApplicationRegistered, on which the peer reconciles once (calls a
 * previous process left, calls that vanished). A per-call peer is one call's
 * whole life: it ends when the call ended and the socket closed (closing it
 * itself if Asterisk does not), and survives a socket drop only if Asterisk
 * reconnects it here within `reattachMs`.
 */
export class ListenPeer {
  readonly kind: ConnectionKind;
  readonly key: string;
  readonly asteriskId: string;
  readonly transport: PeerTransport;
  readonly gateway: AriGateway;
  /** Remote address of the newest socket. */
  remote = '';
  /** When the peer last changed between connected and not. */
  since: number;
  private readonly log: Logger;
  private timer: TimerHandle | undefined;
  private sawCall = false;
  private reconciling: Promise<void> | undefined;
  private reconcileAgain = false;
  private ended = false;

  constructor(private readonly opts: ListenPeerOptions) {
    this.kind = opts.kind;
    this.key = opts.key;
    this.asteriskId = opts.asteriskId;
    this.since = opts.clock.now();
    this.log = opts.logger.child({ server: opts.server, asterisk: opts.asteriskId, ...(opts.kind === 'per_call' ? { stasisApp: opts.stasisApp } : {}) });
    const perCall = opts.kind === 'per_call';
    this.transport = new PeerTransport({
      name: opts.server,
      clock: opts.clock,
      logger: this.log,
      requestTimeoutMs: opts.requestTimeoutMs,
      maxInFlight: opts.maxInFlight,
      // A per-call socket carries one call from whichever Asterisk: everything goes on it, and waits while Asterisk reconnects it.
      ...(!perCall && opts.http ? { http: opts.http } : {}),
      shared: !perCall,
      whileDown: perCall ? 'wait' : 'fail',
      secrets: opts.secrets,
    });
    this.gateway = new AriGateway({
      server: opts.server,
      transport: opts.onRequest ? new MeteredTransport(this.transport, opts.onRequest) : this.transport,
      apps: [opts.stasisApp],
      clock: opts.clock,
      logger: opts.logger,
      appOf: (name) => opts.names().appOf(name),
    });
    this.gateway.onIncoming((call) => {
      this.sawCall = true;
      this.clearTimer();
      opts.handlers.incoming(call, opts.kind);
    });
    if (perCall) this.transport.onEvent((event) => this.perCallEvent(event));
  }

  get connected(): boolean {
    return this.transport.state === 'connected';
  }

  /** Calls (channel controls) this peer runs. */
  get liveCalls(): number {
    return this.gateway.counts.liveControls;
  }

  /** A socket of this peer opened (the first, or Asterisk's reconnect). */
  attach(socket: AcceptedSocket): void {
    this.clearTimer();
    this.remote = socket.remote;
    if (!this.connected) this.since = this.opts.clock.now();
    this.transport.attach(socket);
    if (this.kind === 'per_call' && !this.sawCall) this.schedule(this.opts.timings.perCallStartMs, () => this.adoptOrphan());
  }

  /** One frame of one of its sockets. */
  frame(event: AriEvent): void {
    if (event.type === 'ApplicationRegistered' && this.kind === 'persistent') {
      this.registered(typeof event.application === 'string' ? event.application : '');
    }
    this.transport.deliver(event);
  }

  /** One of its sockets closed. */
  closed(socket: AcceptedSocket, code: number, reason: string): void {
    this.transport.detach(socket, `closed ${code}${reason ? ` ${reason}` : ''}`);
    if (this.connected) return;
    this.since = this.opts.clock.now();
    if (this.kind === 'persistent') {
      this.log.warn({ code, reason, activeCalls: this.liveCalls }, 'persistent connection from Asterisk closed; its calls go on (requests over HTTP), Asterisk reconnects and replays what it queued');
      return;
    }
    if (this.liveCalls === 0) {
      this.end();
      return;
    }
    this.log.warn({ code, reason, reattachMs: this.opts.timings.reattachMs }, 'per-call connection lost with its call in progress; waiting for Asterisk to reconnect it');
    this.schedule(this.opts.timings.reattachMs, () => {
      this.log.warn({}, 'per-call connection did not come back; letting go of its call');
      this.end();
    });
  }

  /** Closes its sockets and gateway (the listener stops). */
  async close(code: number, reason: string, sockets: readonly AcceptedSocket[]): Promise<void> {
    for (const s of sockets) s.close(code, reason);
    await this.finish();
  }

  private registered(stasisApp: string): void {
    if (stasisApp && !this.gateway.activeApps.includes(stasisApp)) void this.gateway.setApps([...this.gateway.activeApps, stasisApp]);
    // After a reconnect the fresh ApplicationRegistered follows the replayed events: now is the time to compare.
    void this.reconcile();
  }

  private reconcile(): Promise<void> {
    if (this.reconciling) {
      this.reconcileAgain = true;
      return this.reconciling;
    }
    this.reconciling = (async () => {
      do {
        this.reconcileAgain = false;
        try {
          const report = await this.gateway.reconcile();
          for (const orphan of report.unknown) this.opts.handlers.orphan(orphan);
        } catch (err) {
          this.log.warn({ err }, 'reconciliation after Asterisk connected failed');
        }
      } while (this.reconcileAgain && !this.ended);
    })().finally(() => (this.reconciling = undefined));
    return this.reconciling;
  }

  private perCallEvent(event: AriEvent): void {
    if (event.type !== 'StasisEnd' || this.liveCalls > 0) return;
    // The call is over: Asterisk closes the socket ~3.5 s later; if it does not, we do.
    this.schedule(this.opts.timings.lingerMs, () => {
      this.log.debug({}, 'per-call connection still open after its call ended; closing it');
      void this.finish();
    });
  }

  private adoptOrphan(): void {
    if (this.sawCall || this.ended) return;
    this.log.warn({}, 'per-call connection without a StasisStart: a call Asterisk reconnected after losing its connection elsewhere');
    void this.reconcile().then(() => {
      if (this.liveCalls === 0 && !this.ended) this.schedule(this.opts.timings.lingerMs, () => void this.finish());
    });
  }

  private end(): void {
    void this.finish();
  }

  private async finish(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.clearTimer();
    await this.gateway.close();
    this.opts.handlers.ended(this);
  }

  private schedule(ms: number, fn: () => void): void {
    this.clearTimer();
    this.timer = this.opts.clock.setTimeout(() => {
      this.timer = undefined;
      fn();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.opts.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
