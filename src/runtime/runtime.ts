import { systemClock, type Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { IncomingCall } from '../control/incoming-call';
import { createAriServer, type AriServer } from '../ari/ari-server';
import type { AriTransport } from '../ari/transport';
import type { AppSnapshot } from '../ir/types';
import type { HttpRouter } from '../routing/http-router-types';
import { createHttpRouter } from '../routing/http-router';
import { runCallSession, type ForwardHandler, type SessionResult } from '../session/call-session';
import type { SessionObserver } from '../session/observer';
import type { StepServices } from '../steps/step-definition';

/** One Asterisk server the runtime connects to. */
export interface RuntimeServer {
  readonly name: string;
  readonly url?: string;
  readonly username?: string;
  readonly password?: string;
  /** A ready transport instead of url/credentials (the simulator's in-process one). */
  readonly transport?: AriTransport;
}

export interface RuntimeOptions {
  readonly servers: readonly RuntimeServer[];
  /** The compiled apps to run; each becomes a Stasis app on every server. */
  readonly snapshots: readonly AppSnapshot[];
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly services?: StepServices;
  readonly httpRouter?: HttpRouter;
  readonly forward?: ForwardHandler;
  /** Extra observer for every call (tests, `voxtra test`, metrics). */
  readonly observer?: SessionObserver;
  readonly ari?: {
    readonly requestTimeoutMs?: number;
    readonly connectTimeoutMs?: number;
    readonly maxInFlight?: number;
    readonly pingIntervalMs?: number;
    readonly pongTimeoutMs?: number;
  };
  /** Called when each call ends (metrics, tests). */
  readonly onCallEnded?: (info: { app: string; server: string; channelId: string; result: SessionResult }) => void;
}

interface LiveCall {
  readonly app: string;
  readonly server: string;
  readonly channelId: string;
  readonly version: string;
  readonly done: Promise<SessionResult>;
}

/**
 * The running product: one supervised connection per Asterisk server, one
 * current snapshot per app, one session per call. A call runs to its end on
 * the snapshot that was current when it arrived.
 */
export class Runtime {
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly snapshots = new Map<string, AppSnapshot>();
  private readonly servers: AriServer[] = [];
  private readonly live = new Map<string, LiveCall>();
  private readonly httpRouter: HttpRouter;
  private started = false;

  constructor(private readonly opts: RuntimeOptions) {
    this.clock = opts.clock ?? systemClock;
    this.log = opts.logger;
    for (const s of opts.snapshots) this.snapshots.set(s.app, s);
    this.httpRouter = opts.httpRouter ?? createHttpRouter({ clock: this.clock, logger: this.log });
  }

  /** Apps this runtime serves. */
  get apps(): string[] {
    return [...this.snapshots.keys()];
  }

  /** The snapshot new calls to `app` get. */
  snapshot(app: string): AppSnapshot | undefined {
    return this.snapshots.get(app);
  }

  /** Calls in progress. */
  get activeCalls(): number {
    return this.live.size;
  }

  get ariServers(): readonly AriServer[] {
    return this.servers;
  }

  /** Creates the server connections and starts supervising them (they reconnect forever). */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const spec of this.opts.servers) {
      const server = createAriServer({
        name: spec.name,
        apps: this.apps,
        url: spec.url,
        username: spec.username,
        password: spec.password,
        transport: spec.transport,
        clock: this.clock,
        random: this.opts.random,
        logger: this.log.child({ server: spec.name }),
        ...this.opts.ari,
      });
      server.gateway.onIncoming((call) => this.handle(call));
      server.supervisor.start();
      this.servers.push(server);
    }
  }

  /** Resolves once every server is connected, or rejects after `timeoutMs`. */
  async waitUntilConnected(timeoutMs: number): Promise<void> {
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve, reject) => {
            if (server.supervisor.ready) return resolve();
            const timer = this.clock.setTimeout(() => {
              off();
              reject(new Error(`ARI server ${server.gateway.server} is not connected after ${timeoutMs} ms (${server.supervisor.status.lastError ?? server.supervisor.status.state})`));
            }, timeoutMs);
            const off = server.supervisor.onStatus(() => {
              if (!server.supervisor.ready) return;
              this.clock.clearTimeout(timer);
              off();
              resolve();
            });
          }),
      ),
    );
  }

  /** Swaps an app's snapshot atomically: new calls get it, calls in progress keep theirs. */
  swapSnapshot(snapshot: AppSnapshot): void {
    const old = this.snapshots.get(snapshot.app);
    this.snapshots.set(snapshot.app, snapshot);
    if (old?.version !== snapshot.version) this.log.info({ app: snapshot.app, from: old?.version, to: snapshot.version }, `app ${snapshot.app} now runs version ${snapshot.version}`);
  }

  /** Waits for every call in progress to end (used by shutdown and tests). */
  async drain(): Promise<void> {
    while (this.live.size > 0) await Promise.all([...this.live.values()].map((c) => c.done));
  }

  /** Stops the servers (closing their sockets). Calls in progress are not waited for: see {@link drain}. */
  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.supervisor.stop()));
  }

  private handle(incoming: IncomingCall): void {
    const snapshot = this.snapshots.get(incoming.app);
    const channelId = incoming.control.channelId;
    const ch = incoming.channel;
    const log = this.log.child({ callId: channelId, app: incoming.app, server: incoming.server, version: snapshot?.version, caller: ch.callerNumber, extension: ch.extension });
    if (!snapshot) {
      log.warn('call for an app this runtime does not serve; hanging up');
      incoming.control.hangup('unallocated').catch(() => undefined);
      return;
    }
    log.info({ channel: ch.name, callerName: ch.callerName, args: incoming.args }, 'call arrived');
    let routed: Logger = log;
    const done = runCallSession({
      incoming,
      snapshot,
      clock: this.clock,
      log,
      httpRouter: this.httpRouter,
      services: this.opts.services,
      observer: this.opts.observer,
      forward: this.opts.forward,
      onRouted: ({ route, flow, decision }) => {
        routed = log.child({ route, flow });
        routed.info({ decision }, route ? `routed by ${route}${flow ? ` to flow ${flow}` : ''}` : 'no route matched');
      },
    }).then((result) => {
      routed.info({ outcome: result.outcome, steps: result.steps, durationMs: result.durationMs, ...(result.error ? { error: result.error } : {}) }, `call ended: ${result.outcome}`);
      return result;
    });
    const entry: LiveCall = { app: incoming.app, server: incoming.server, channelId, version: snapshot.version, done };
    const key = `${incoming.server}/${channelId}`;
    this.live.set(key, entry);
    void done.then((result) => {
      this.live.delete(key);
      this.opts.onCallEnded?.({ app: incoming.app, server: incoming.server, channelId, result });
    });
  }
}
