import { broadcastAppName } from '../config/broadcast-settings';
import type { AppConfig } from '../config/config-types';
import type { Logger } from '../core/logger';
import { ariStatus } from '../ari/ari-errors';
import type { AriEvent, AriTransport } from '../ari/transport';
import type { Metrics } from '../observability/metrics';

/** One app's part in StasisBroadcast pools on this replica. */
export interface BroadcastPool {
  /** The served app. */
  readonly app: string;
  /** The Stasis app this replica registers for it, `<app>-<instance>`. */
  readonly stasisApp: string;
  /** Claim only below this many calls in progress; undefined: `runtime.max_calls` (neither: always claim). */
  readonly maxCalls?: number;
}

export interface BroadcastClaimsOptions {
  readonly pools: readonly BroadcastPool[];
  /** Calls in progress in this process. */
  readonly activeCalls: () => number;
  /** `runtime.max_calls` now (it can change on reload). */
  readonly maxCalls: () => number | undefined;
  /** False once shutdown began: a draining replica claims nothing. */
  readonly taking: () => boolean;
  readonly logger: Logger;
  readonly metrics?: Metrics;
}

/**
 * Takes part in StasisBroadcast pools: a `CallBroadcast` offer to one of our
 * pool names is claimed (`POST /events/claim`) only while this process takes
 * calls (not once shutdown began) and has capacity (calls in progress plus
 * claims in flight below the pool's bound), so a busy or stopping replica
 * leaves the call to the others. The first claim wins
 * (204) and the call's StasisStart follows like any call of the app; a late
 * one gets 409 and an offer that already ended 404, both quietly (debug).
 * Results count in `voxtra_broadcast_claims_total`.
 */
export class BroadcastClaims {
  private pools: ReadonlyMap<string, BroadcastPool>;
  private inFlight = 0;

  constructor(private readonly opts: BroadcastClaimsOptions) {
    this.pools = new Map(opts.pools.map((p) => [p.stasisApp, p]));
  }

  /** The pool names to register on every server that Voxtra connects to. */
  get stasisApps(): string[] {
    return [...this.pools.keys()];
  }

  /** Pool name → served app, for mapping the claimed calls' StasisStart. */
  get aliases(): ReadonlyMap<string, string> {
    return new Map([...this.pools].map(([name, pool]) => [name, pool.app]));
  }

  setPools(pools: readonly BroadcastPool[]): void {
    this.pools = new Map(pools.map((p) => [p.stasisApp, p]));
  }

  /** Claims offers arriving on `transport` (server `server`); returns the unsubscribe function. */
  watch(server: string, transport: AriTransport): () => void {
    return transport.onEvent((event) => {
      if (event.type === 'CallBroadcast') this.offer(server, transport, event);
    });
  }

  private offer(server: string, transport: AriTransport, event: AriEvent): void {
    const stasisApp = typeof event.application === 'string' ? event.application : '';
    const pool = this.pools.get(stasisApp);
    const channel = event.channel as { id?: unknown } | undefined;
    const channelId = typeof channel?.id === 'string' ? channel.id : '';
    if (!pool || channelId === '') return;
    const log = this.opts.logger;
    if (!this.opts.taking()) {
      log.debug({ server, app: pool.app, channelId }, 'broadcast offer left to other replicas: shutting down');
      return;
    }
    const bound = pool.maxCalls ?? this.opts.maxCalls();
    const busy = this.opts.activeCalls() + this.inFlight;
    if (bound !== undefined && busy >= bound) {
      log.debug({ server, app: pool.app, channelId, busy, bound }, 'broadcast offer left to other replicas: at capacity');
      return;
    }
    this.inFlight++;
    transport.request('events.claimChannel', { channelId, application: stasisApp }).then(
      () => {
        this.inFlight--;
        this.opts.metrics?.countBroadcastClaim(pool.app, 'won');
        log.debug({ server, app: pool.app, channelId }, 'broadcast claim won');
      },
      (err: unknown) => {
        this.inFlight--;
        const status = ariStatus(err);
        if (status === 409 || status === 404) {
          this.opts.metrics?.countBroadcastClaim(pool.app, 'lost');
          log.debug({ server, app: pool.app, channelId, status }, status === 409 ? 'broadcast claim lost: another replica was first' : 'broadcast claim too late: the offer ended');
          return;
        }
        this.opts.metrics?.countBroadcastClaim(pool.app, 'error');
        log.warn({ server, app: pool.app, channelId, err }, 'broadcast claim failed');
      },
    );
  }
}

/** The pools the config's apps take part in (`apps[].broadcast`). */
export function broadcastPools(apps: readonly AppConfig[]): BroadcastPool[] {
  return apps.flatMap((a) => (a.broadcast ? [{ app: a.name, stasisApp: broadcastAppName(a.name, a.broadcast), ...(a.broadcast.maxCalls !== undefined ? { maxCalls: a.broadcast.maxCalls } : {}) }] : []));
}
