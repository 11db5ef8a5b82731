import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { AriClientTransport, type AriClientTransportOptions, type RestMode } from './ari-client-transport';
import { AriGateway } from './ari-gateway';
import type { BackoffOptions } from './backoff';
import { MeteredTransport, type AriRequestRecord } from './metered-transport';
import { AriSupervisor, type SupervisorOptions } from './supervisor';
import type { AriTransport } from './transport';

export interface AriServerOptions {
  /** Server name from the config (logs, metrics, `/readyz`). */
  readonly name: string;
  /** Stasis apps to register on it. */
  readonly apps: readonly string[];
  /** Connection settings for a real Asterisk (or the simulator over loopback)... */
  readonly url?: string;
  readonly username?: string;
  readonly password?: string;
  /** ...or a ready transport (e.g. the simulator's in-process one). */
  readonly transport?: AriTransport;
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly logger?: Logger;
  readonly requestTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly maxInFlight?: number;
  /** How REST requests travel (default `http`); see {@link AriClientTransportOptions.rest}. */
  readonly rest?: RestMode;
  /** See {@link AriClientTransportOptions.eventFilter}. */
  readonly eventFilter?: boolean;
  /** See {@link AriClientTransportOptions.legEvents}. */
  readonly legEvents?: boolean;
  /** See `AriGatewayOptions.appOf`. */
  readonly appOf?: (stasisApp: string) => string | undefined;
  readonly backoff?: BackoffOptions;
  readonly pingIntervalMs?: number;
  readonly pongTimeoutMs?: number;
  readonly onReconciled?: SupervisorOptions['onReconciled'];
  /** Called after every ARI request with its latency and outcome (metrics). */
  readonly onRequest?: (record: AriRequestRecord) => void;
}

/** The three pieces that make one Asterisk server usable by the runtime. */
export interface AriServer {
  readonly transport: AriTransport;
  /** How REST requests travel; undefined for a given transport (the in-process simulator). */
  readonly rest?: RestMode;
  readonly gateway: AriGateway;
  readonly supervisor: AriSupervisor;
  /** See `AriClientTransport.allowLegEvents`; absent for a given transport (nothing filters its events). */
  readonly allowLegEvents?: () => Promise<void>;
}

/**
 * Wires transport → gateway → supervisor for one server. Call
 * `gateway.onIncoming(...)` then `supervisor.start()`; `supervisor.stop()`
 * closes everything.
 */
export function createAriServer(opts: AriServerOptions): AriServer {
  const client = opts.transport ? undefined : new AriClientTransport(transportOptions(opts));
  const base = opts.transport ?? (client as AriClientTransport);
  const transport = opts.onRequest ? new MeteredTransport(base, opts.onRequest) : base;
  const gateway = new AriGateway({ server: opts.name, transport, apps: opts.apps, clock: opts.clock, logger: opts.logger, ...(opts.appOf ? { appOf: opts.appOf } : {}) });
  const supervisor = new AriSupervisor({
    gateway,
    clock: opts.clock,
    random: opts.random,
    logger: opts.logger,
    backoff: opts.backoff,
    connectTimeoutMs: opts.connectTimeoutMs,
    pingIntervalMs: opts.pingIntervalMs,
    pongTimeoutMs: opts.pongTimeoutMs,
    onReconciled: opts.onReconciled,
  });
  return { transport, gateway, supervisor, ...(client ? { rest: opts.rest ?? 'http', allowLegEvents: () => client.allowLegEvents() } : {}) };
}

function transportOptions(opts: AriServerOptions): AriClientTransportOptions {
  if (!opts.url) throw new TypeError(`ARI server ${opts.name}: url is required when no transport is given`);
  return {
    name: opts.name,
    url: opts.url,
    username: opts.username ?? '',
    password: opts.password ?? '',
    clock: opts.clock,
    logger: opts.logger,
    requestTimeoutMs: opts.requestTimeoutMs,
    connectTimeoutMs: opts.connectTimeoutMs,
    maxInFlight: opts.maxInFlight,
    ...(opts.rest ? { rest: opts.rest } : {}),
    ...(opts.eventFilter ? { eventFilter: true } : {}),
    ...(opts.legEvents === false ? { legEvents: false } : {}),
  };
}
