import { performance } from 'node:perf_hooks';
import { isVoxtraError } from '../core/errors';
import { ariStatus } from './ari-errors';
import type { AriEvent, AriOperation, AriParams, AriRequestOptions, AriTransport, TransportState } from './transport';

/** One finished ARI request, as metrics see it. */
export interface AriRequestRecord {
  readonly server: string;
  readonly operation: AriOperation;
  /** Real (wall-clock) milliseconds, whatever clock the runtime runs on. */
  readonly durationMs: number;
  /** HTTP status (e.g. 404) or error code (e.g. `ARI_TIMEOUT`) of a failed request; absent on success. */
  readonly error?: number | string;
}

/**
 * A transport that reports every request's latency and outcome and otherwise
 * is the transport it wraps. Optional capabilities (`ping`/`drop` for the
 * supervisor's heartbeat, `updateApps`) exist only when the wrapped transport
 * has them, so the supervisor treats both alike.
 */
export class MeteredTransport implements AriTransport {
  readonly ping?: () => Promise<void>;
  readonly drop?: (reason: string) => void;
  readonly updateApps?: (apps: readonly string[]) => Promise<void>;
  readonly requestWaitMs?: () => number;
  readonly requestsInFlight?: () => number;

  constructor(
    private readonly inner: AriTransport,
    private readonly observe: (record: AriRequestRecord) => void,
  ) {
    const optional = inner as AriTransport & { ping?: () => Promise<void>; drop?: (reason: string) => void };
    if (typeof optional.ping === 'function' && typeof optional.drop === 'function') {
      const { ping, drop } = optional;
      this.ping = () => ping.call(inner);
      this.drop = (reason) => drop.call(inner, reason);
    }
    const update = inner.updateApps;
    if (typeof update === 'function') this.updateApps = (apps) => update.call(inner, apps);
    const wait = inner.requestWaitMs;
    if (typeof wait === 'function') this.requestWaitMs = () => wait.call(inner);
    const inFlight = inner.requestsInFlight;
    if (typeof inFlight === 'function') this.requestsInFlight = () => inFlight.call(inner);
  }

  get name(): string {
    return this.inner.name;
  }

  get state(): TransportState {
    return this.inner.state;
  }

  /** The transport underneath (for its own counters, e.g. pool stats). */
  get wrapped(): AriTransport {
    return this.inner;
  }

  connect(apps: readonly string[]): Promise<void> {
    return this.inner.connect(apps);
  }

  async request<T = unknown>(op: AriOperation, params?: AriParams, opts?: AriRequestOptions): Promise<T> {
    const started = performance.now();
    try {
      const result = await this.inner.request<T>(op, params, opts);
      this.report({ server: this.inner.name, operation: op, durationMs: performance.now() - started });
      return result;
    } catch (err) {
      const error = ariStatus(err) ?? (isVoxtraError(err) ? err.code : 'error');
      this.report({ server: this.inner.name, operation: op, durationMs: performance.now() - started, error });
      throw err;
    }
  }

  onEvent(listener: (event: AriEvent) => void): () => void {
    return this.inner.onEvent(listener);
  }

  onState(listener: (state: TransportState, detail?: { error?: Error }) => void): () => void {
    return this.inner.onState(listener);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private report(record: AriRequestRecord): void {
    try {
      this.observe(record);
    } catch {
      // Metrics must never break a call.
    }
  }
}
