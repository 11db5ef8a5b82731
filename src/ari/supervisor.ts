import { systemClock, type Clock, type TimerHandle } from '../core/clock';
import { VoxtraError } from '../core/errors';
import { Listeners } from '../core/listeners';
import { silentLogger, type Logger } from '../core/logger';
import type { ReconcileReport } from './ari-gateway';
import { backoffDelay, type BackoffOptions } from './backoff';
import type { AriTransport, TransportState } from './transport';

/** A transport that can be pinged and dropped (the ari-client one can; an in-process one need not). */
export interface HeartbeatTransport extends AriTransport {
  ping(): Promise<void>;
  drop(reason: string): void;
}

function hasHeartbeat(t: AriTransport): t is HeartbeatTransport {
  const c = t as Partial<HeartbeatTransport>;
  return typeof c.ping === 'function' && typeof c.drop === 'function';
}

/** What the supervisor needs from a gateway ({@link AriGateway} fits). */
export interface SupervisedGateway {
  readonly server: string;
  readonly transport: AriTransport;
  readonly activeApps: readonly string[];
  connect(): Promise<void>;
  reconcile(): Promise<ReconcileReport>;
  close(): Promise<void>;
}

export interface SupervisorOptions {
  readonly gateway: SupervisedGateway;
  readonly clock?: Clock;
  /** Uniform random source in [0, 1) for backoff jitter. */
  readonly random?: () => number;
  readonly logger?: Logger;
  readonly backoff?: BackoffOptions;
  /** Bound on one connect attempt. Default 10000 ms. */
  readonly connectTimeoutMs?: number;
  /** WebSocket ping period while connected. Default 10000 ms; 0 disables. */
  readonly pingIntervalMs?: number;
  /** No pong within this long means the socket is dead. Default 5000 ms. */
  readonly pongTimeoutMs?: number;
  /**
   * Runs after every successful connect (the first one too: a restarted
   * Voxtra finds calls the previous process left in Stasis) with what
   * reconciliation found. The runtime applies its orphan policy here.
   */
  readonly onReconciled?: (report: ReconcileReport) => void | Promise<void>;
}

/** Connection status for `/readyz` and metrics. */
export interface SupervisorStatus {
  readonly server: string;
  readonly state: TransportState;
  /** Clock time the state was entered. */
  readonly since: number;
  /** Failed connect attempts since the last success. */
  readonly attempts: number;
  /** Successful connects after the first. */
  readonly reconnects: number;
  readonly lastError?: string;
  /** Delay before the next attempt, when one is scheduled. */
  readonly retryInMs?: number;
}

/**
 * Keeps one gateway connected forever: bounded connect attempts, exponential
 * backoff with full jitter between failures (never giving up), WebSocket pings
 * to find dead sockets, and reconciliation after every connect. It does not
 * reconnect after ApplicationReplaced: fighting another client for the app
 * name would flap both.
 */
export class AriSupervisor {
  private readonly gateway: SupervisedGateway;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly logger: Logger;
  private readonly connectTimeoutMs: number;
  private readonly pingIntervalMs: number;
  private readonly pongTimeoutMs: number;
  private current: SupervisorStatus;
  private phase: 'idle' | 'connecting' | 'connected' | 'waiting' | 'replaced' | 'stopped' = 'idle';
  private retryTimer: TimerHandle | undefined;
  private pingTimer: TimerHandle | undefined;
  private pongTimer: TimerHandle | undefined;
  private connectedOnce = false;
  private readonly listeners = new Listeners<SupervisorStatus>((err) => this.logger.error({ err }, 'supervisor status listener threw'));
  private readonly unsubscribeState: () => void;

  constructor(private readonly opts: SupervisorOptions) {
    this.gateway = opts.gateway;
    this.clock = opts.clock ?? systemClock;
    this.random = opts.random ?? Math.random;
    this.logger = (opts.logger ?? silentLogger).child({ server: opts.gateway.server });
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;
    this.pingIntervalMs = opts.pingIntervalMs ?? 10_000;
    this.pongTimeoutMs = opts.pongTimeoutMs ?? 5000;
    this.current = { server: this.gateway.server, state: 'disconnected', since: this.clock.now(), attempts: 0, reconnects: 0 };
    this.unsubscribeState = this.gateway.transport.onState((state, detail) => this.onTransportState(state, detail?.error));
  }

  get status(): SupervisorStatus {
    return this.current;
  }

  /** True while the events socket is up. */
  get ready(): boolean {
    return this.current.state === 'connected';
  }

  onStatus(listener: (status: SupervisorStatus) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Starts connecting; returns at once. */
  start(): void {
    if (this.phase !== 'idle') return;
    this.attempt();
  }

  /** Stops reconnecting and closes the gateway. */
  async stop(): Promise<void> {
    if (this.phase === 'stopped') return;
    this.phase = 'stopped';
    this.clearTimers();
    this.unsubscribeState();
    this.update({ state: 'closed' });
    await this.gateway.close();
  }

  private attempt(): void {
    if (this.phase === 'stopped' || this.phase === 'replaced') return;
    this.retryTimer = undefined;
    if (this.gateway.activeApps.length === 0) {
      this.enterReplaced();
      return;
    }
    this.phase = 'connecting';
    this.update({ state: 'connecting', retryInMs: undefined });
    let settled = false;
    const timer = this.clock.setTimeout(() => {
      if (settled) return;
      settled = true;
      const transport = this.gateway.transport;
      if (hasHeartbeat(transport)) transport.drop('connect attempt timed out');
      this.failed(new VoxtraError('ARI_TIMEOUT', `connect attempt took longer than ${this.connectTimeoutMs} ms`));
    }, this.connectTimeoutMs);
    this.gateway.connect().then(
      () => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(timer);
        this.connected();
      },
      (err: unknown) => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(timer);
        this.failed(err);
      },
    );
  }

  private connected(): void {
    if (this.phase === 'stopped') return;
    if (this.gateway.transport.state === 'replaced') {
      this.enterReplaced();
      return;
    }
    this.phase = 'connected';
    const reconnects = this.connectedOnce ? this.current.reconnects + 1 : this.current.reconnects;
    this.connectedOnce = true;
    this.update({ state: 'connected', attempts: 0, reconnects, retryInMs: undefined });
    this.logger.info({ apps: this.gateway.activeApps, reconnects }, 'ARI connected');
    this.schedulePing();
    void this.reconcile();
  }

  private async reconcile(): Promise<void> {
    try {
      const report = await this.gateway.reconcile();
      await this.opts.onReconciled?.(report);
    } catch (err) {
      this.logger.warn({ err }, 'reconciliation after connect failed');
    }
  }

  private failed(err: unknown): void {
    if (this.phase === 'stopped' || this.phase === 'replaced') return;
    if (this.gateway.transport.state === 'replaced') {
      this.enterReplaced();
      return;
    }
    const attempts = this.current.attempts + 1;
    const message = err instanceof Error ? err.message : String(err);
    this.scheduleRetry(attempts, message);
  }

  private scheduleRetry(attempts: number, lastError: string): void {
    this.phase = 'waiting';
    this.clearTimers();
    const delay = backoffDelay(attempts, this.random, this.opts.backoff);
    this.update({ state: 'disconnected', attempts, lastError, retryInMs: delay });
    this.logger.warn({ attempts, retryInMs: delay, error: lastError }, 'ARI not connected; retrying');
    this.retryTimer = this.clock.setTimeout(() => this.attempt(), delay);
  }

  private onTransportState(state: TransportState, error?: Error): void {
    if (state === 'replaced') {
      this.enterReplaced();
      return;
    }
    if (state === 'disconnected' && this.phase === 'connected') {
      this.scheduleRetry(1, error?.message ?? 'events socket closed');
    }
  }

  private enterReplaced(): void {
    if (this.phase === 'stopped' || this.phase === 'replaced') return;
    this.phase = 'replaced';
    this.clearTimers();
    this.update({ state: 'replaced', retryInMs: undefined });
    this.logger.error({ apps: this.gateway.activeApps }, 'every Stasis app of this server was taken over by another ARI client; not reconnecting');
  }

  private schedulePing(): void {
    const transport = this.gateway.transport;
    if (this.pingIntervalMs <= 0 || !hasHeartbeat(transport)) return;
    this.pingTimer = this.clock.setTimeout(() => {
      this.pingTimer = undefined;
      if (this.phase !== 'connected') return;
      let answered = false;
      this.pongTimer = this.clock.setTimeout(() => {
        this.pongTimer = undefined;
        if (answered || this.phase !== 'connected') return;
        this.logger.warn({ pongTimeoutMs: this.pongTimeoutMs }, 'no pong from Asterisk; dropping the events socket');
        transport.drop(`no pong within ${this.pongTimeoutMs} ms`);
      }, this.pongTimeoutMs);
      transport.ping().then(
        () => {
          answered = true;
          if (this.pongTimer !== undefined) this.clock.clearTimeout(this.pongTimer);
          this.pongTimer = undefined;
          if (this.phase === 'connected') this.schedulePing();
        },
        () => undefined, // the socket is closing; the state change drives the reconnect
      );
    }, this.pingIntervalMs);
  }

  private clearTimers(): void {
    for (const t of [this.retryTimer, this.pingTimer, this.pongTimer]) if (t !== undefined) this.clock.clearTimeout(t);
    this.retryTimer = this.pingTimer = this.pongTimer = undefined;
  }

  private update(patch: Partial<Omit<SupervisorStatus, 'server'>>): void {
    const stateChanged = patch.state !== undefined && patch.state !== this.current.state;
    const next: SupervisorStatus = { ...this.current, ...patch, since: stateChanged ? this.clock.now() : this.current.since };
    if (next.retryInMs === undefined) delete (next as { retryInMs?: number }).retryInMs;
    this.current = next;
    this.listeners.emit(next);
  }
}
