import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { LabelValues } from './label-values';
import { PreboundHistogram, PreboundValue, type HistogramSeries, type ValueSeries } from './prebound-metrics';

/**
 * How a call ended, as counted in `voxtra_calls_total`. The listed values are
 * the ones the docs describe; others are accepted but count towards the
 * label's bound.
 */
export type CallOutcome = 'completed' | 'caller_hangup' | 'transferred' | 'rejected' | 'no_route' | 'failed' | 'shutdown' | 'over_capacity' | (string & {});

export type ReloadResult = 'accepted' | 'rejected';

/** How a StasisBroadcast claim went: `won` (204), `lost` (409 another replica was first, or 404 the offer ended), `error`. */
export type ClaimResult = 'won' | 'lost' | 'error';

/** An Asterisk connection to a listener: persistent or per call (`unknown` when refused before its first frame). */
export type WsConnectionKind = 'persistent' | 'per_call';

/** Why a new call was turned away: `max_calls`, `event_loop_lag` or `request_wait` (overload), or `shutdown` (stopping, or its app is being removed). */
export type TurnAwayReason = 'max_calls' | 'event_loop_lag' | 'request_wait' | 'shutdown';

/** What the overload gauges read at each scrape (the call admission). */
export interface OverloadSource {
  /** Calls in progress in this process. */
  callsInProgress(): number;
  /** `runtime.max_calls`; undefined: no bound. */
  maxCalls(): number | undefined;
  /** The event-loop lag the admission reads, ms. */
  eventLoopLagMs(): number;
  /** `runtime.overload.max_event_loop_lag`, ms; 0: no bound. */
  maxEventLoopLagMs(): number;
  /** Each server's oldest ARI request queued for a slot: how long it has waited, ms. */
  requestWaits(): Iterable<readonly [server: string, ms: number]>;
  /** `runtime.overload.max_request_wait`, ms; 0: no bound. */
  maxRequestWaitMs(): number;
  /** Each server's ARI requests not yet answered (queued ones included). */
  requestsInFlight?(): Iterable<readonly [server: string, requests: number]>;
}

export interface AriRequestSample {
  server: string;
  /** ARI operation name, e.g. `channels.answer` (from code, never from input). */
  operation: string;
  durationMs: number;
  /** HTTP status or error code when the request failed; absent on success. */
  error?: number | string;
}

/** The runtime's metrics, recorded through methods so label names stay consistent. */
export interface Metrics {
  /** The dedicated registry (not prom-client's global one). */
  readonly registry: Registry;
  /** Content type of {@link Metrics.render}'s text. */
  readonly contentType: string;
  callStarted(app: string): void;
  /** `route` is the configured route name (undefined before routing → `none`). */
  callEnded(call: { app: string; route?: string; outcome: CallOutcome }): void;
  observeStep(stepType: string, durationMs: number): void;
  /** A new call of `app` turned away, and why. */
  countTurnedAway(app: string, reason: TurnAwayReason): void;
  /** Reads calls in progress, the bound, the event-loop lag and its bound at each scrape. */
  trackOverload(source: OverloadSource): void;
  observeAriRequest(sample: AriRequestSample): void;
  setAriConnected(server: string, up: boolean): void;
  countAriReconnect(server: string): void;
  observeReload(result: ReloadResult, durationMs: number): void;
  /** One StasisBroadcast claim of `app` (the served app) and how it went. */
  countBroadcastClaim(app: string, result: ClaimResult): void;
  /** A listener took on a connection from Asterisk (after its first frame). */
  wsConnectionAccepted(server: string, kind: WsConnectionKind): void;
  /** A listener refused a connection (at the upgrade: kind unknown). */
  wsConnectionRefused(server: string, kind: WsConnectionKind | undefined): void;
  /** An accepted connection closed. */
  wsConnectionClosed(server: string, kind: WsConnectionKind): void;
  /** Marks `version` as the live snapshot of `app`, dropping the app's previous version series. */
  setSnapshot(app: string, version: string): void;
  /** Forgets an app's snapshot series (app removed from the config). */
  removeApp(app: string): void;
  /** The registry in Prometheus text exposition format. */
  render(): Promise<string>;
}

export interface MetricsOptions {
  /** Process and Node.js metrics (`process_*`, `nodejs_*`) on the same registry. Default true. */
  defaultMetrics?: boolean;
}

/** Step durations: from a 1 ms `set` to a minute-long prompt or dial. */
export const STEP_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** ARI round trips: loopback requests take about a millisecond. */
export const ARI_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Reloads: parse, validate and compile the whole project. */
export const RELOAD_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

// Bounds on distinct values per label. Apps, servers and step types are few;
// routes and ARI operations are many but finite.
const LIMITS = { app: 100, server: 50, route: 1000, outcome: 20, step: 100, operation: 200, code: 100 } as const;

/** Creates the metric set on a fresh registry. */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const labels = {
    app: new LabelValues(LIMITS.app),
    server: new LabelValues(LIMITS.server),
    route: new LabelValues(LIMITS.route),
    outcome: new LabelValues(LIMITS.outcome),
    step: new LabelValues(LIMITS.step),
    operation: new LabelValues(LIMITS.operation),
    code: new LabelValues(LIMITS.code),
  };

  // Updated on every call, step and ARI request: series bound once per label values (see prebound-metrics.ts).
  const callsActive = new PreboundValue(registry, 'gauge', { name: 'voxtra_calls_active', help: 'Calls currently running a flow.', labelNames: ['app'] });
  const callsTotal = new PreboundValue(registry, 'counter', { name: 'voxtra_calls_total', help: 'Calls that ended, by route and outcome.', labelNames: ['app', 'route', 'outcome'] });
  const stepDuration = new PreboundHistogram(registry, { name: 'voxtra_step_duration_seconds', help: 'Time spent in one step.', labelNames: ['step'], buckets: STEP_BUCKETS });
  const ariLatency = new PreboundHistogram(registry, { name: 'voxtra_ari_request_duration_seconds', help: 'ARI request round-trip time.', labelNames: ['server', 'operation'], buckets: ARI_BUCKETS });
  const ariErrors = new Counter({ name: 'voxtra_ari_request_errors_total', help: 'ARI requests that failed, by HTTP status or error code.', labelNames: ['server', 'operation', 'code'], registers });
  const ariUp = new Gauge({ name: 'voxtra_ari_connection_up', help: '1 while the ARI event connection to a server is up.', labelNames: ['server'], registers });
  const ariReconnects = new Counter({ name: 'voxtra_ari_reconnects_total', help: 'Reconnections to an ARI server.', labelNames: ['server'], registers });
  const reloads = new Counter({ name: 'voxtra_reloads_total', help: 'Configuration and flow reloads.', labelNames: ['result'], registers });
  const reloadDuration = new Histogram({ name: 'voxtra_reload_duration_seconds', help: 'Time to load, validate and compile a reload.', labelNames: ['result'], buckets: RELOAD_BUCKETS, registers });
  const claims = new Counter({ name: 'voxtra_broadcast_claims_total', help: 'StasisBroadcast claims, by result (won, lost, error).', labelNames: ['app', 'result'], registers });
  const wsOpen = new Gauge({ name: 'voxtra_ws_connections', help: 'Open WebSocket connections from Asterisk to a listen server, by kind.', labelNames: ['server', 'kind'], registers });
  const wsTotal = new Counter({
    name: 'voxtra_ws_connections_total',
    help: 'WebSocket connections from Asterisk to a listen server, accepted or refused, by kind (unknown: refused before its first frame).',
    labelNames: ['server', 'kind', 'result'],
    registers,
  });
  const snapshotInfo = new Gauge({ name: 'voxtra_snapshot_info', help: 'The live snapshot version of each app (always 1).', labelNames: ['app', 'version'], registers });
  const turnedAway = new Counter({
    name: 'voxtra_calls_turned_away_total',
    help: 'New calls turned away at once by a policy, by reason: max_calls, event_loop_lag or request_wait (overload), shutdown (stopping, or the app is being removed).',
    labelNames: ['app', 'reason'],
    registers,
  });
  let overload: OverloadSource | undefined;
  // Read at scrape time: nothing on the call path.
  const scraped = (name: string, help: string, read: (o: OverloadSource) => number | undefined): void => {
    const gauge: Gauge = new Gauge({
      name,
      help,
      registers,
      collect() {
        gauge.set((overload === undefined ? undefined : read(overload)) ?? 0);
      },
    });
  };
  scraped('voxtra_calls_in_progress', 'Calls in progress in this process (what runtime.max_calls bounds).', (o) => o.callsInProgress());
  scraped('voxtra_calls_max', 'runtime.max_calls: the most calls in progress this process takes (0: no bound).', (o) => o.maxCalls());
  scraped('voxtra_event_loop_lag_seconds', 'Event-loop lag the call admission reads: the median delay of a 100 ms probe over the last half second.', (o) => o.eventLoopLagMs() / 1000);
  scraped('voxtra_event_loop_lag_max_seconds', 'runtime.overload.max_event_loop_lag: new calls are turned away above it (0: no bound).', (o) => o.maxEventLoopLagMs() / 1000);
  const requestWait: Gauge = new Gauge({
    name: 'voxtra_ari_request_wait_seconds',
    help: 'How long the oldest ARI request queued for a request slot (max_requests) of a server has waited (0: none waits).',
    labelNames: ['server'],
    registers,
    collect() {
      requestWait.reset();
      if (overload !== undefined) for (const [server, ms] of overload.requestWaits()) requestWait.set({ server: labels.server.value(server) }, ms / 1000);
    },
  });
  const inFlight: Gauge = new Gauge({
    name: 'voxtra_ari_requests_in_flight',
    help: 'ARI requests made to a server and not yet answered, queued ones included (what max_requests bounds, with its queue).',
    labelNames: ['server'],
    registers,
    collect() {
      inFlight.reset();
      const read = overload?.requestsInFlight;
      if (read) for (const [server, n] of read.call(overload)) inFlight.set({ server: labels.server.value(server) }, n);
    },
  });
  scraped('voxtra_ari_request_wait_max_seconds', "runtime.overload.max_request_wait: new calls on a server are turned away while its oldest queued ARI request has waited longer (0: no bound).", (o) => o.maxRequestWaitMs() / 1000);
  const liveVersions = new Map<string, string>();
  // The series each raw value maps to, found without label work; bounded like the labels themselves.
  const activeOf = new SeriesCache<ValueSeries>(LIMITS.app, (app) => callsActive.with(labels.app.value(app)));
  const endedOf = new SeriesCache<ValueSeries>(LIMITS.app * 20, (key) => {
    const [app, route, outcome] = key.split('\u0001');
    return callsTotal.with(labels.app.value(app), labels.route.value(route === '' ? undefined : route), labels.outcome.value(outcome));
  });
  const stepOf = new SeriesCache<HistogramSeries>(LIMITS.step, (step) => stepDuration.with(labels.step.value(step)));
  const requestOf = new SeriesCache<HistogramSeries>(LIMITS.server * 20, (key) => {
    const [server, operation] = key.split('\u0001');
    return ariLatency.with(labels.server.value(server), labels.operation.value(operation));
  });

  return {
    registry,
    contentType: registry.contentType,
    callStarted: (app) => activeOf.get(app).inc(),
    callEnded: ({ app, route, outcome }) => {
      activeOf.get(app).dec();
      endedOf.get(`${app}\u0001${route ?? ''}\u0001${outcome}`).inc();
    },
    countTurnedAway: (app, reason) => turnedAway.inc({ app: labels.app.value(app), reason }),
    trackOverload: (source) => {
      overload = source;
    },
    observeStep: (stepType, durationMs) => {
      const seconds = toSeconds(durationMs);
      if (seconds !== undefined) stepOf.get(stepType).observe(seconds);
    },
    observeAriRequest: ({ server, operation, durationMs, error }) => {
      const seconds = toSeconds(durationMs);
      if (seconds !== undefined) requestOf.get(`${server}\u0001${operation}`).observe(seconds);
      if (error !== undefined) ariErrors.inc({ server: labels.server.value(server), operation: labels.operation.value(operation), code: labels.code.value(error) });
    },
    setAriConnected: (server, up) => ariUp.set({ server: labels.server.value(server) }, up ? 1 : 0),
    countAriReconnect: (server) => ariReconnects.inc({ server: labels.server.value(server) }),
    observeReload: (result, durationMs) => {
      reloads.inc({ result });
      const seconds = toSeconds(durationMs);
      if (seconds !== undefined) reloadDuration.observe({ result }, seconds);
    },
    countBroadcastClaim: (app, result) => claims.inc({ app: labels.app.value(app), result }),
    wsConnectionAccepted: (server, kind) => {
      const serverLabel = labels.server.value(server);
      wsOpen.inc({ server: serverLabel, kind });
      wsTotal.inc({ server: serverLabel, kind, result: 'accepted' });
    },
    wsConnectionRefused: (server, kind) => wsTotal.inc({ server: labels.server.value(server), kind: kind ?? 'unknown', result: 'refused' }),
    wsConnectionClosed: (server, kind) => wsOpen.dec({ server: labels.server.value(server), kind }),
    setSnapshot: (app, version) => {
      const appLabel = labels.app.value(app);
      const previous = liveVersions.get(appLabel);
      if (previous !== undefined && previous !== version) snapshotInfo.remove({ app: appLabel, version: previous });
      liveVersions.set(appLabel, version);
      snapshotInfo.set({ app: appLabel, version }, 1);
    },
    removeApp: (app) => {
      const appLabel = labels.app.value(app);
      const previous = liveVersions.get(appLabel);
      if (previous !== undefined) snapshotInfo.remove({ app: appLabel, version: previous });
      liveVersions.delete(appLabel);
    },
    render: () => registry.metrics(),
  };
}

/**
 * Series by raw key (a label value, or several joined with U+0001), made
 * through `make` on first use. Bounded: past `limit` keys it starts over (the
 * series stay; only the shortcut to them is rebuilt).
 */
class SeriesCache<S> {
  private readonly map = new Map<string, S>();

  constructor(
    private readonly limit: number,
    private readonly make: (key: string) => S,
  ) {}

  get(key: string): S {
    let series = this.map.get(key);
    if (series === undefined) {
      series = this.make(key);
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(key, series);
    }
    return series;
  }
}

function toSeconds(ms: number): number | undefined {
  return Number.isFinite(ms) ? Math.max(0, ms) / 1000 : undefined;
}
