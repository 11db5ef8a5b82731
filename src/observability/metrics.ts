import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { LabelValues } from './label-values';

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

  const callsActive = new Gauge({ name: 'voxtra_calls_active', help: 'Calls currently running a flow.', labelNames: ['app'], registers });
  const callsTotal = new Counter({ name: 'voxtra_calls_total', help: 'Calls that ended, by route and outcome.', labelNames: ['app', 'route', 'outcome'], registers });
  const stepDuration = new Histogram({ name: 'voxtra_step_duration_seconds', help: 'Time spent in one step.', labelNames: ['step'], buckets: STEP_BUCKETS, registers });
  const ariLatency = new Histogram({ name: 'voxtra_ari_request_duration_seconds', help: 'ARI request round-trip time.', labelNames: ['server', 'operation'], buckets: ARI_BUCKETS, registers });
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
  const liveVersions = new Map<string, string>();

  return {
    registry,
    contentType: registry.contentType,
    callStarted: (app) => callsActive.inc({ app: labels.app.value(app) }),
    callEnded: ({ app, route, outcome }) => {
      const appLabel = labels.app.value(app);
      callsActive.dec({ app: appLabel });
      callsTotal.inc({ app: appLabel, route: labels.route.value(route), outcome: labels.outcome.value(outcome) });
    },
    observeStep: (stepType, durationMs) => {
      const seconds = toSeconds(durationMs);
      if (seconds !== undefined) stepDuration.observe({ step: labels.step.value(stepType) }, seconds);
    },
    observeAriRequest: ({ server, operation, durationMs, error }) => {
      const base = { server: labels.server.value(server), operation: labels.operation.value(operation) };
      const seconds = toSeconds(durationMs);
      if (seconds !== undefined) ariLatency.observe(base, seconds);
      if (error !== undefined) ariErrors.inc({ ...base, code: labels.code.value(error) });
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

function toSeconds(ms: number): number | undefined {
  return Number.isFinite(ms) ? Math.max(0, ms) / 1000 : undefined;
}
