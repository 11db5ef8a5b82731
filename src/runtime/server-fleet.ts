import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { IncomingCall } from '../control/incoming-call';
import { createAriServer, type AriServer } from '../ari/ari-server';
import type { ReconcileReport } from '../ari/ari-gateway';
import type { BackoffOptions } from '../ari/backoff';
import type { AriTransport } from '../ari/transport';
import type { Metrics } from '../observability/metrics';
import type { AppReadiness, ServerReadiness } from '../ops-server/readiness';
import { serverReadiness } from './server-readiness';

/** One Asterisk server the runtime connects to. */
export interface RuntimeServer {
  readonly name: string;
  readonly url?: string;
  readonly username?: string;
  readonly password?: string;
  /** A ready transport instead of url/credentials (the simulator's in-process one). */
  readonly transport?: AriTransport;
  /** ARI requests in flight at once to this server; overrides `ari.maxInFlight`. */
  readonly maxInFlight?: number;
}

/** Deadlines and limits of the ARI connections (see src/ari). */
export interface FleetAriOptions {
  readonly requestTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly maxInFlight?: number;
  readonly pingIntervalMs?: number;
  readonly pongTimeoutMs?: number;
  readonly backoff?: BackoffOptions;
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
}

/** Where the fleet hands what its servers find. */
export interface FleetHandlers {
  /** A call entered one of our apps (the per-call path). */
  readonly incoming: (call: IncomingCall) => void;
  /** A channel in our apps that no session runs, found after a (re)connect. */
  readonly orphan: (server: string, orphan: OrphanChannel) => void;
}

/**
 * The supervised connections, one per Asterisk server: connecting (they
 * reconnect forever), readiness, the Stasis app list each events socket
 * carries, and reconciliation after a (re)connect.
 */
export class ServerFleet {
  private readonly list: AriServer[] = [];
  private readonly log: Logger;

  constructor(private readonly opts: ServerFleetOptions) {
    this.log = opts.logger;
  }

  get servers(): readonly AriServer[] {
    return this.list;
  }

  /** Creates the connections for `apps` and starts supervising them. */
  start(apps: readonly string[], handlers: FleetHandlers): void {
    const { backoff, ...ari } = this.opts.ari ?? {};
    const metrics = this.opts.metrics;
    for (const spec of this.opts.servers) {
      const server = createAriServer({
        name: spec.name,
        apps: [...apps],
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
        ...(backoff ? { backoff } : {}),
        onReconciled: (report) => this.reconciled(spec.name, report, handlers),
        ...(metrics ? { onRequest: (r: { server: string; operation: string; durationMs: number; error?: number | string }) => metrics.observeAriRequest(r) } : {}),
      });
      server.gateway.onIncoming(handlers.incoming);
      server.gateway.onReplaced((app) => {
        this.log.error({ server: spec.name, app }, `/readyz now reports not ready: app ${app} on server ${spec.name} belongs to another ARI client`);
      });
      if (metrics) meterServer(server, metrics);
      server.supervisor.start();
      this.list.push(server);
    }
  }

  /** Resolves once every server is connected, or rejects after `timeoutMs` on `clock`. */
  async waitUntilConnected(timeoutMs: number, clock: Clock): Promise<void> {
    await Promise.all(
      this.list.map(
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
    );
  }

  /** Moves every server's events socket to `apps` (make-before-break); a server that cannot reconnects with them. */
  async setApps(apps: readonly string[]): Promise<void> {
    await Promise.all(
      this.list.map(async (server) => {
        try {
          await server.gateway.setApps(apps);
        } catch (err) {
          // The socket could not move; reconnecting registers the full list.
          this.log.warn({ err, server: server.gateway.server, apps }, 'could not change the Stasis apps on the live connection; reconnecting with the new list');
          const transport = server.gateway.transport as AriTransport & { drop?: (reason: string) => void };
          transport.drop?.('app list change failed');
        }
      }),
    );
  }

  /** Closes every connection. */
  async stop(): Promise<void> {
    await Promise.all(this.list.map((s) => s.supervisor.stop()));
  }

  /** Channel controls, dial legs and event listeners still held, summed over servers. */
  counts(): { liveControls: number; dialLegs: number; demuxListeners: number } {
    const sum = { liveControls: 0, dialLegs: 0, demuxListeners: 0 };
    for (const s of this.list) {
      const c = s.gateway.counts;
      sum.liveControls += c.liveControls;
      sum.dialLegs += c.dialLegs;
      sum.demuxListeners += c.demuxListeners;
    }
    return sum;
  }

  /** Each server's `/readyz` entry. */
  readiness(activeCalls: (server: string) => number): ServerReadiness[] {
    return this.list.map((s) => serverReadiness(s, activeCalls(s.gateway.server)));
  }

  /** A served app's registration: taken over by another ARI client somewhere, on every connected server, or not yet. */
  registration(app: string): AppReadiness['state'] {
    if (this.list.some((s) => s.gateway.replacedApps.includes(app))) return 'replaced';
    if (this.list.length > 0 && this.list.every((s) => s.supervisor.ready && s.gateway.activeApps.includes(app))) return 'registered';
    return 'pending';
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
