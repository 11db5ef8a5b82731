import type { AriEvent, AriOperation, AriParams, AriRequestOptions, AriTransport, TransportState } from '../ari/transport';
import { VoxtraError } from '../core/errors';
import { ignoreListenerError, Listeners } from '../core/listeners';
import { invokeOp } from './api/dispatch';
import type { AppRegistration } from './model/apps';
import type { AsteriskModel } from './model/asterisk-model';
import { wireCopy, type JsonObject } from './model/json';
import { errorMessage } from './model/result';

/** What an in-process transport needs from its simulator. */
export interface InProcessHost {
  readonly model: AsteriskModel;
  /** False while the simulator is stopped: requests fail and reconnects wait. */
  readonly running: boolean;
  attach(t: InProcessTransport): void;
  detach(t: InProcessTransport): void;
}

export interface InProcessTransportOptions {
  readonly name?: string;
  /** Simulated ms between reconnect attempts after a drop (default 100). */
  readonly reconnectDelayMs?: number;
}

/**
 * An {@link AriTransport} bound straight to the simulator's model: no
 * network, so `voxtra test` can run calls on a FakeClock. Requests and
 * events are delivered on microtasks like network I/O would be; payloads
 * are copied through JSON. Failures reject exactly as the ari-client
 * transport's do: `VoxtraError('ARI_REQUEST_FAILED', '<op> failed: <status>
 * <message>', { status, message, operation })`.
 */
export class InProcessTransport implements AriTransport {
  readonly name: string;
  private current: TransportState = 'disconnected';
  private apps: readonly string[] = [];
  private registration?: AppRegistration;
  // A listener's failure must not stop delivery to the others, and is not the simulator's to report.
  private readonly eventListeners = new Listeners<AriEvent>(ignoreListenerError);
  private readonly stateListeners = new Listeners<TransportState, { error?: Error } | undefined>(ignoreListenerError);
  private readonly reconnectDelayMs: number;
  private reconnectPending = false;
  private connectedOnce = false;

  constructor(
    private readonly host: InProcessHost,
    opts: InProcessTransportOptions = {},
  ) {
    this.name = opts.name ?? 'simulator';
    this.reconnectDelayMs = opts.reconnectDelayMs ?? 100;
  }

  get state(): TransportState {
    return this.current;
  }

  async connect(apps: readonly string[]): Promise<void> {
    await Promise.resolve();
    if (this.current === 'closed') throw new VoxtraError('ARI_NOT_CONNECTED', 'transport is closed');
    if (!this.host.running) throw new VoxtraError('ARI_TRANSPORT', 'connect ECONNREFUSED (simulator stopped)');
    this.apps = [...apps];
    this.unregister();
    this.host.attach(this);
    this.register();
  }

  /**
   * Changes the registered apps in place (as the ari-client transport's
   * make-before-break move does): kept apps stay on this sink, added ones are
   * registered, dropped ones released. While not connected it only records the list.
   */
  async updateApps(apps: readonly string[]): Promise<void> {
    await Promise.resolve();
    const previous = this.apps;
    this.apps = [...apps];
    const reg = this.registration;
    if (!reg || this.current === 'closed') return;
    this.registration = this.host.model.apps.register(this.apps, reg.sink, false);
    const removed = previous.filter((a) => !apps.includes(a));
    if (removed.length > 0) this.host.model.apps.unregister({ apps: removed, sink: reg.sink }, (a) => this.host.model.appInUse(a));
  }

  request<T = unknown>(op: AriOperation, params: AriParams = {}, _opts?: AriRequestOptions): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queueMicrotask(() => {
        if (this.current === 'closed' || !this.connectedOnce) {
          reject(new VoxtraError('ARI_NOT_CONNECTED', `${op}: transport is not connected`));
          return;
        }
        if (!this.host.running) {
          reject(new VoxtraError('ARI_TRANSPORT', `${op}: connection refused (simulator stopped)`));
          return;
        }
        let result;
        try {
          result = invokeOp(this.host.model, op, params);
        } catch (err) {
          reject(new VoxtraError('ARI_TRANSPORT', `${op}: ${err instanceof Error ? err.message : String(err)}`, {}, { cause: err }));
          return;
        }
        if (result.status >= 200 && result.status < 300) {
          resolve(wireCopy(result.body) as T);
          return;
        }
        const message = errorMessage(result);
        reject(new VoxtraError('ARI_REQUEST_FAILED', `${op} failed: ${result.status} ${message}`, { status: result.status, message, operation: op }));
      });
    });
  }

  onEvent(listener: (event: AriEvent) => void): () => void {
    return this.eventListeners.add(listener);
  }

  onState(listener: (state: TransportState, detail?: { error?: Error }) => void): () => void {
    return this.stateListeners.add(listener);
  }

  async close(): Promise<void> {
    this.unregister();
    this.host.detach(this);
    this.setState('closed');
  }

  /** The simulator dropped the events connection: disconnected, then reconnect after a delay. */
  drop(error?: Error): void {
    if (this.current === 'closed') return;
    this.unregister();
    this.setState('disconnected', error ? { error } : undefined);
    this.scheduleReconnect();
  }

  private register(): void {
    this.registration = this.host.model.apps.register(this.apps, { send: (e) => this.deliver(e) }, false);
    this.connectedOnce = true;
    this.setState('connected');
  }

  private unregister(): void {
    const reg = this.registration;
    this.registration = undefined;
    if (reg) this.host.model.apps.unregister(reg, (a) => this.host.model.appInUse(a));
  }

  private scheduleReconnect(): void {
    if (this.reconnectPending) return;
    this.reconnectPending = true;
    this.setState('connecting');
    this.host.model.clock.setTimeout(() => {
      this.reconnectPending = false;
      if (this.current === 'closed' || this.registration) return;
      if (this.host.running) this.register();
      else this.scheduleReconnect();
    }, this.reconnectDelayMs);
  }

  private deliver(event: JsonObject): void {
    const copy = wireCopy(event) as AriEvent;
    if (copy.type === 'ApplicationReplaced') {
      queueMicrotask(() => this.setState('replaced'));
    }
    queueMicrotask(() => {
      this.eventListeners.emit(copy);
    });
  }

  private setState(state: TransportState, detail?: { error?: Error }): void {
    if (this.current === state) return;
    this.current = state;
    this.stateListeners.emit(state, detail);
  }
}
