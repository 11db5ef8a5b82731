import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { IncomingCall } from '../control/incoming-call';
import type { RestMode } from '../ari/ari-client-transport';
import { createAriServer, type AriServer } from '../ari/ari-server';
import type { ReconcileReport } from '../ari/ari-gateway';
import type { BackoffOptions } from '../ari/backoff';
import { AriListener } from '../ari/listen/ari-listener';
import type { ListenTimings } from '../ari/listen/listen-peer';
import { StasisAppNames, type ConnectionKind } from '../ari/listen/stasis-app-names';
import type { AriTransport } from '../ari/transport';
import type { Metrics } from '../observability/metrics';
import type { ListenAddress } from '../ops-server/listen-address';
import type { AppReadiness, ServerReadiness } from '../ops-server/readiness';
import type { BroadcastClaims } from './broadcast-claims';
import { listenerReadiness, serverReadiness } from './server-readiness';

/** A server entry with `listen`: Asterisk connects to Voxtra (see {@link AriListener}). */
export interface RuntimeListen {
  readonly address: ListenAddress;
  /** URL path of Asterisk's websocket_client `uri`. */
  readonly path: string;
  /** The credentials Asterisk presents. */
  readonly username: string;
  readonly password: string;
  /** What provision writes; the listener accepts both kinds. */
  readonly connection: 'per_call' | 'persistent';
  /** PEM certificate and key: wss://. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Asterisk's HTTP ARI for requests of persistent connections that must not share the socket. */
  readonly http?: { readonly url: string; readonly username: string; readonly password: string };
}

/** One Asterisk server the runtime connects to, or a listener Asterisk servers connect to. */
export interface RuntimeServer {
  readonly name: string;
  readonly url?: string;
  readonly username?: string;
  readonly password?: string;
  /** A ready transport instead of url/credentials (the simulator's in-process one). */
  readonly transport?: AriTransport;
  /** ARI requests in flight at once to this server; overrides `ari.maxInFlight`. */
  readonly maxInFlight?: number;
  /** How REST requests travel to a server with `url` (default `http`). */
  readonly rest?: RestMode;
  /** Accept Asterisk's connections instead of connecting. */
  readonly listen?: RuntimeListen;
}

/** Deadlines and limits of the ARI connections (see src/ari). */
export interface FleetAriOptions {
  readonly requestTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly maxInFlight?: number;
  readonly pingIntervalMs?: number;
  readonly pongTimeoutMs?: number;
  readonly backoff?: BackoffOptions;
  /** How long listeners wait for what Asterisk does on its own (tests shorten them). */
  readonly listenTimings?: Partial<ListenTimings>;
}

/** A channel found in our apps after a (re)connect that no session runs. */
export type OrphanChannel = ReconcileReport['unknown'][number];

export interface ServerFleetOptions {
  readonly servers: readonly RuntimeServer[];
  readonly clock: Clock;
  readonly random?: () => number;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  readonly ari?: FleetAriOptions;
  /** StasisBroadcast pools: their names are registered on every server Voxtra connects to, and their offers claimed. */
  readonly claims?: BroadcastClaims;
  /**
   * False when no flow places calls: the servers' event filters keep the
   * events only outbound legs read off the sockets too, until
   * {@link ServerFleet.allowLegEvents}. Default true.
   */
  readonly legEvents?: boolean;
}

/** Where the fleet hands what its servers find. */
export interface FleetHandlers {
  /** A call entered one of our apps (the per-call path); `connection`: the kind of Asterisk connection it came on (listen servers). */
  readonly incoming: (call: IncomingCall, connection?: ConnectionKind) => void;
  /** A channel in our apps that no session runs, found after a (re)connect. */
  readonly orphan: (server: string, orphan: OrphanChannel) => void;
}

/**
 * The ARI servers: the supervised connections Voxtra opens, one per server
 * with `url` (they reconnect forever), and the listeners that accept
 * Asterisk's own connections, one per server with `listen`. Readiness, the
 * Stasis app list each server carries (broadcast pool names included), and
 * reconciliation after a (re)connect.
 */
export class ServerFleet {
  private readonly list: AriServer[] = [];
  private readonly listeners = new Map<string, AriListener>();
  private readonly listening: Array<Promise<void>> = [];
  private readonly log: Logger;
  private names: StasisAppNames = StasisAppNames.of([]);
  private legEvents: boolean;

  constructor(private readonly opts: ServerFleetOptions) {
    this.log = opts.logger;
    this.legEvents = opts.legEvents !== false;
  }

  /** True once the servers' event filters let the events of outbound legs through (from the start, or since {@link allowLegEvents}). */
  get legEventsAllowed(): boolean {
    return this.legEvents;
  }

  /** Lets the events of outbound legs reach every server's socket from now on; resolves once each server's filter was set (or could not be: its next connect sets it). */
  async allowLegEvents(): Promise<void> {
    if (this.legEvents) return;
    this.legEvents = true;
    await Promise.all(this.list.map((server) => server.allowLegEvents?.()));
  }

  /** The servers Voxtra connects to. */
  get servers(): readonly AriServer[] {
    return this.list;
  }

  /** The listeners Asterisk servers connect to. */
  get listenServers(): readonly AriListener[] {
    return [...this.listeners.values()];
  }

  /** Binds every listener's address (before {@link start}, so that a taken port stops the start); rejects with the first failure. */
  async bind(): Promise<void> {
    for (const spec of this.opts.servers) if (spec.listen) await this.listenerFor(spec, spec.listen).bind();
  }

  /** Creates the connections for `apps` and starts supervising them; listeners start accepting. */
  start(apps: readonly string[], handlers: FleetHandlers): void {
    const { backoff, listenTimings: _timings, ...ari } = this.opts.ari ?? {};
    const metrics = this.opts.metrics;
    const claims = this.opts.claims;
    this.names = this.appNames(apps);
    const stasisApps = this.serverApps(apps);
    for (const spec of this.opts.servers) {
      if (spec.listen) {
        this.startListener(spec, spec.listen, handlers);
        continue;
      }
      const server = createAriServer({
        name: spec.name,
        apps: stasisApps,
        url: spec.url,
        username: spec.username,
        password: spec.password,
        transport: spec.transport,
        clock: this.opts.clock,
        random: this.opts.random,
        // The ARI modules bind `server` themselves; a bound logger here printed the key twice on every line.
        logger: this.log,
        ...ari,
        ...(spec.maxInFlight !== undefined ? { maxInFlight: spec.maxInFlight } : {}),
        ...(spec.rest ? { rest: spec.rest } : {}),
        // The events no flow reads stay on Asterisk's side (a plain call's 5 ChannelVarset events are half its bytes).
        eventFilter: true,
        ...(this.legEvents ? {} : { legEvents: false }),
        ...(claims ? { appOf: (name: string) => this.names.appOf(name) } : {}),
        ...(backoff ? { backoff } : {}),
        onReconciled: (report) => this.reconciled(spec.name, report, handlers),
        ...(metrics ? { onRequest: (r: { server: string; operation: string; durationMs: number; error?: number | string }) => metrics.observeAriRequest(r) } : {}),
      });
      server.gateway.onIncoming(handlers.incoming);
      server.gateway.onReplaced((app) => {
        this.log.error({ server: spec.name, app }, `/readyz now reports not ready: app ${app} on server ${spec.name} belongs to another ARI client`);
      });
      if (claims) claims.watch(spec.name, server.transport);
      if (metrics) meterServer(server, metrics);
      if (!spec.transport) {
        const rest = spec.rest ?? 'http';
        this.log.info(
          { server: spec.name, rest, apps: stasisApps },
          rest === 'http'
            ? `ARI server ${spec.name}: REST requests over HTTP, events over the WebSocket`
            : `ARI server ${spec.name}: REST requests over the events WebSocket; requests that wait for their channel, and requests while the socket is down, over HTTP`,
        );
      }
      server.supervisor.start();
      this.list.push(server);
    }
  }

  /** Resolves once every server is connected (a listener: listening), or rejects after `timeoutMs` on `clock`. */
  async waitUntilConnected(timeoutMs: number, clock: Clock): Promise<void> {
    await Promise.all([
      ...this.list.map(
        (server) =>
          new Promise<void>((resolve, reject) => {
            if (server.supervisor.ready) return resolve();
            const timer = clock.setTimeout(() => {
              off();
              reject(new Error(`ARI server ${server.gateway.server} is not connected after ${timeoutMs} ms (${server.supervisor.status.lastError ?? server.supervisor.status.state})`));
            }, timeoutMs);
            const off = server.supervisor.onStatus(() => {
              if (!server.supervisor.ready) return;
              clock.clearTimeout(timer);
              off();
              resolve();
            });
          }),
      ),
      ...this.listening,
    ]);
  }

  /** Moves every server's events socket to `apps` (make-before-break); a server that cannot reconnects with them. Listeners take the new names. */
  async setApps(apps: readonly string[]): Promise<void> {
    this.names = this.appNames(apps);
    for (const listener of this.listeners.values()) listener.setNames(this.names);
    const stasisApps = this.serverApps(apps);
    await Promise.all(
      this.list.map(async (server) => {
        try {
          await server.gateway.setApps(stasisApps);
        } catch (err) {
          // The socket could not move; reconnecting registers the full list.
          this.log.warn({ err, server: server.gateway.server, apps: stasisApps }, 'could not change the Stasis apps on the live connection; reconnecting with the new list');
          const transport = server.gateway.transport as AriTransport & { drop?: (reason: string) => void };
          transport.drop?.('app list change failed');
        }
      }),
    );
  }

  /** Listeners close their listening socket now (a load balancer moves new calls elsewhere); open connections go on. */
  stopAccepting(): void {
    for (const listener of this.listeners.values()) listener.stopAccepting();
  }

  /** Closes every connection and listener. */
  async stop(): Promise<void> {
    await Promise.all([...this.list.map((s) => s.supervisor.stop()), ...[...this.listeners.values()].map((l) => l.close())]);
  }

  /** Channel controls, dial legs and event listeners still held, summed over servers. */
  counts(): { liveControls: number; dialLegs: number; demuxListeners: number } {
    const sum = { liveControls: 0, dialLegs: 0, demuxListeners: 0 };
    const all = [...this.list.map((s) => s.gateway.counts), ...[...this.listeners.values()].map((l) => l.counts())];
    for (const c of all) {
      sum.liveControls += c.liveControls;
      sum.dialLegs += c.dialLegs;
      sum.demuxListeners += c.demuxListeners;
    }
    return sum;
  }

  /** How long the oldest ARI request queued for a slot on `server` has waited, ms (0: none waits, or no such server). */
  requestWaitMs(server: string): number {
    const source: Pick<AriTransport, 'requestWaitMs'> | undefined = this.listeners.get(server) ?? this.list.find((s) => s.gateway.server === server)?.transport;
    return source?.requestWaitMs?.() ?? 0;
  }

  /** ARI requests to `server` not yet answered, queued ones included (0 for a transport that does not count them). */
  requestsInFlight(server: string): number {
    const source: Pick<AriTransport, 'requestsInFlight'> | undefined = this.listeners.get(server) ?? this.list.find((s) => s.gateway.server === server)?.transport;
    return source?.requestsInFlight?.() ?? 0;
  }

  /** The names of the servers started or bound so far. */
  serverNames(): string[] {
    return [...this.list.map((s) => s.gateway.server), ...this.listeners.keys()];
  }

  /** Each server's `/readyz` entry. */
  readiness(activeCalls: (server: string) => number): ServerReadiness[] {
    return [...this.list.map((s) => serverReadiness(s, activeCalls(s.gateway.server))), ...[...this.listeners.values()].map((l) => listenerReadiness(l, activeCalls(l.name)))];
  }

  /** A served app's registration: taken over by another ARI client somewhere, on every connected server (listening listener), or not yet. */
  registration(app: string): AppReadiness['state'] {
    const names = this.registeredAs(app);
    if (this.list.some((s) => names.some((n) => s.gateway.replacedApps.includes(n)))) return 'replaced';
    const total = this.list.length + this.listeners.size;
    if (total > 0 && this.list.every((s) => s.supervisor.ready && names.every((n) => s.gateway.activeApps.includes(n))) && [...this.listeners.values()].every((l) => l.isListening)) return 'registered';
    return 'pending';
  }

  /**
   * The Stasis apps registered on a server Voxtra connects to: an app in a
   * broadcast pool registers only its pool name (`<app>-<instance>`), since
   * Asterisk gives an app name to one socket and every replica of a pool
   * serves the app (the plain name would bounce between them with
   * ApplicationReplaced); the others their own name.
   */
  private serverApps(apps: readonly string[]): string[] {
    const claims = this.opts.claims;
    if (!claims) return [...apps];
    const pooled = new Set(claims.aliases.values());
    return [...apps.filter((a) => !pooled.has(a)), ...claims.stasisApps];
  }

  /** The Stasis names `app` is registered under on servers Voxtra connects to. */
  private registeredAs(app: string): string[] {
    const pools = [...(this.opts.claims?.aliases ?? [])].filter(([, served]) => served === app).map(([name]) => name);
    return pools.length > 0 ? pools : [app];
  }

  private appNames(apps: readonly string[]): StasisAppNames {
    return StasisAppNames.of(apps, this.opts.claims?.aliases);
  }

  private listenerFor(spec: RuntimeServer, listen: RuntimeListen): AriListener {
    let listener = this.listeners.get(spec.name);
    if (listener) return listener;
    const ari = this.opts.ari ?? {};
    const metrics = this.opts.metrics;
    listener = new AriListener({
      name: spec.name,
      listen: listen.address,
      path: listen.path,
      username: listen.username,
      password: listen.password,
      ...(listen.tls ? { tls: listen.tls } : {}),
      names: this.names,
      ...(listen.http ? { http: listen.http } : {}),
      clock: this.opts.clock,
      logger: this.log,
      ...(ari.requestTimeoutMs !== undefined ? { requestTimeoutMs: ari.requestTimeoutMs } : {}),
      ...((spec.maxInFlight ?? ari.maxInFlight) !== undefined ? { maxInFlight: spec.maxInFlight ?? ari.maxInFlight } : {}),
      ...(ari.listenTimings ? { timings: ari.listenTimings } : {}),
      ...(metrics
        ? {
            onRequest: (r: { server: string; operation: string; durationMs: number; error?: number | string }) => metrics.observeAriRequest(r),
            observer: {
              accepted: (server, kind) => metrics.wsConnectionAccepted(server, kind),
              refused: (server, kind) => metrics.wsConnectionRefused(server, kind),
              closed: (server, kind) => metrics.wsConnectionClosed(server, kind),
            },
          }
        : {}),
    });
    this.listeners.set(spec.name, listener);
    return listener;
  }

  private startListener(spec: RuntimeServer, listen: RuntimeListen, handlers: FleetHandlers): void {
    const listener = this.listenerFor(spec, listen);
    listener.setNames(this.names);
    listener.onIncoming(handlers.incoming);
    listener.onOrphan((orphan) => handlers.orphan(spec.name, orphan));
    this.log.info(
      { server: spec.name, listen: listener.url, connection: listen.connection, http: listen.http !== undefined },
      `ARI server ${spec.name}: Asterisk connects to Voxtra (${listen.connection === 'persistent' ? 'persistent connections' : 'a connection per call'}); REST requests over each connection${listen.http ? ', those that wait for their channel over HTTP' : ''}`,
    );
    const started = listener.start();
    started.catch((err: unknown) => this.log.error({ err, server: spec.name }, 'cannot listen for Asterisk connections'));
    this.listening.push(started);
  }

  private reconciled(serverName: string, report: ReconcileReport, handlers: FleetHandlers): void {
    this.log.debug({ server: serverName, continued: report.continued, unknown: report.unknown.map((u) => u.channel.id), vanished: report.vanished }, 'reconciliation after connecting done');
    for (const orphan of report.unknown) handlers.orphan(serverName, orphan);
  }
}

function meterServer(server: AriServer, metrics: Metrics): void {
  let reconnects = server.supervisor.status.reconnects;
  metrics.setAriConnected(server.gateway.server, server.supervisor.ready);
  server.supervisor.onStatus((status) => {
    metrics.setAriConnected(status.server, status.state === 'connected');
    for (; reconnects < status.reconnects; reconnects++) metrics.countAriReconnect(status.server);
  });
}
