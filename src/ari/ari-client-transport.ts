import { systemClock, type Clock } from '../core/clock';
import { CATALOGUE_API, CATALOGUE_COMPOSER } from './catalogue-api';
import { VoxtraError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import { loadAriClientApi, prepareAriClient } from './ari-client';
import { connectFailure } from './connect-failure';
import { ConnectionLifecycle } from './connection-lifecycle';
import type { EventsSocket } from './events-socket';
import { EventsSocketHandover } from './events-socket-handover';
import { EVENT_FILTER_BODY, EVENT_FILTER_WITHOUT_LEGS_BODY } from './event-filter';
import { HttpRequestExecutor } from './http-request-executor';
import { redactUrl } from '../core/redact';
import { RequestPipeline, type RequestExecutor, type TransportStats } from './request-pipeline';
import type { AriEvent, AriOperation, AriParams, AriRequestOptions, AriTransport, TransportState } from './transport';
import { RestRouteExecutor } from './ws-rest/rest-route';
import { SocketRequestExecutor } from './ws-rest/socket-request-executor';

/** How REST requests reach an inbound server: HTTP (the default) or RESTRequest frames on the events socket. */
export type RestMode = 'http' | 'websocket';

export interface AriClientTransportOptions {
  /** Server name from the config, for logs and metrics. */
  readonly name: string;
  /** Asterisk's HTTP server, e.g. `http://127.0.0.1:8088` (a trailing `/ari` is accepted). */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Default deadline of one request, queueing and one retry included. Default 5000 ms. */
  readonly requestTimeoutMs?: number;
  /** Deadline of one connect (API description + events socket). Default 10000 ms. */
  readonly connectTimeoutMs?: number;
  /**
   * Requests in flight at once; more wait in FIFO order. Default 64: under
   * Asterisk's default `sessionlimit` (100) with room for the events socket
   * and other clients, and enough for a PBX that takes 20 ms a request at
   * 400 calls/s (bench/calls --pbx-delay 20ms: 32 queued first requests ~200 ms).
   */
  readonly maxInFlight?: number;
  /** Idle pooled sockets are closed after this long (below Asterisk's 15 s `session_keep_alive`). Default 10000 ms. */
  readonly idleSocketMs?: number;
  /**
   * `http` (default): every request is an HTTP request on the bounded pool.
   * `websocket`: requests travel as RESTRequest frames on the events socket
   * (Asterisk 20.14 / 21.9 / 22.4 and later), composed from the operation
   * catalogue (no API description is loaded); the requests that wait for
   * their channel, and every request while the socket is down, still go over
   * HTTP (see `ws-rest/rest-route.ts`).
   */
  readonly rest?: RestMode;
  /**
   * On every connect, set each app's event filter so that the events no part
   * of Voxtra reads stay off the socket (see event-filter.ts). Default off:
   * the runtime turns it on.
   */
  readonly eventFilter?: boolean;
  /**
   * With `eventFilter`: false keeps the events only outbound legs read
   * (`LEG_EVENT_TYPES`) off the socket too, until {@link AriClientTransport.allowLegEvents}.
   * Default true. The runtime passes false when no flow places calls.
   */
  readonly legEvents?: boolean;
}

/**
 * {@link AriTransport} over HTTP and the events WebSocket, with Asterisk's
 * API description loaded by `ari-client` (`./ari-client`, the only code that
 * knows it). It wires three parts: the connection lifecycle (state, connect
 * attempts with their deadline), the events socket and its make-before-break
 * handover, and the request pipeline (deadline, bounded in-flight,
 * composition, one retry for idempotent operations, error mapping) over an
 * HTTP executor with per-server credentials and a bounded keep-alive pool.
 */
export class AriClientTransport implements AriTransport {
  readonly name: string;
  private readonly base: URL;
  private readonly authorization: string;
  private readonly secrets: string[];
  private readonly logger: Logger;
  private readonly connectTimeoutMs: number;
  private readonly lifecycle: ConnectionLifecycle;
  private readonly events: EventsSocketHandover;
  private readonly executor: HttpRequestExecutor;
  private readonly pipeline: RequestPipeline;
  private readonly eventFilter: boolean;
  private legEvents: boolean;
  /** The socket side of REST over WebSocket (`rest: websocket`). */
  private readonly socketRequests: SocketRequestExecutor | undefined;
  private readonly clock: Clock;
  private readonly requestTimeoutMs: number;

  constructor(opts: AriClientTransportOptions) {
    this.eventFilter = opts.eventFilter === true;
    this.legEvents = opts.legEvents !== false;
    this.name = opts.name;
    this.base = normaliseBase(opts.url);
    this.authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    this.secrets = [opts.password, `${opts.username}:${opts.password}`, this.authorization.slice(6)];
    const clock = opts.clock ?? systemClock;
    this.logger = (opts.logger ?? silentLogger).child({ server: opts.name });
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;
    const maxInFlight = opts.maxInFlight ?? 64;
    this.clock = clock;
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 5000;
    this.lifecycle = new ConnectionLifecycle(clock, this.logger);
    this.executor = new HttpRequestExecutor({ base: this.base, authorization: this.authorization, maxSockets: maxInFlight, idleSocketMs: opts.idleSocketMs ?? 10_000 });
    let executor: RequestExecutor = this.executor;
    if (opts.rest === 'websocket') {
      this.socketRequests = new SocketRequestExecutor({ logger: this.logger, whileDown: 'fail', name: this.name });
      executor = new RestRouteExecutor({ socket: this.socketRequests, http: this.executor, shared: true });
    } else {
      // Each connect reads the API description through ari-client: loaded now, with the rest of start-up, not at the first connect.
      prepareAriClient();
    }
    this.pipeline = new RequestPipeline(executor, { clock, logger: this.logger, requestTimeoutMs: this.requestTimeoutMs, maxInFlight, secrets: this.secrets });
    const socketRequests = this.socketRequests;
    this.events = new EventsSocketHandover({
      name: this.name,
      base: this.base,
      authorization: this.authorization,
      handshakeTimeoutMs: this.connectTimeoutMs,
      secrets: this.secrets,
      logger: this.logger,
      lifecycle: this.lifecycle,
      onSocketLost: () => this.executor.dropIdleSockets(),
      ...(socketRequests
        ? {
            rest: {
              onResponse: (frame) => socketRequests.accept(frame),
              onSocket: (socket) => socketRequests.attach(socket),
              onSocketGone: (socket, reason) => socketRequests.detach(socket, reason),
              drained: (socket) => this.drained(socketRequests, socket),
            },
          }
        : {}),
    });
  }

  /** How REST requests travel to this server. */
  get rest(): RestMode {
    return this.socketRequests ? 'websocket' : 'http';
  }

  get state(): TransportState {
    return this.lifecycle.state;
  }

  /** The base URL (credentials removed), for logs. */
  get url(): string {
    return redactUrl(this.base.origin);
  }

  get stats(): TransportStats {
    return this.pipeline.stats;
  }

  requestWaitMs(): number {
    return this.pipeline.requestWaitMs();
  }

  requestsInFlight(): number {
    return this.pipeline.requestsInFlight();
  }

  /** Apps that received ApplicationReplaced on the current socket. */
  get replaced(): readonly string[] {
    return this.events.replaced;
  }

  async connect(apps: readonly string[]): Promise<void> {
    if (apps.length === 0) throw new VoxtraError('ARI_NOT_CONNECTED', 'connect needs at least one Stasis app');
    const attempt = this.lifecycle.begin();
    this.events.reset(apps);
    this.lifecycle.set('connecting');
    const opened: { socket?: EventsSocket } = {};
    const timeout = (): Error => new VoxtraError('ARI_TIMEOUT', `connect to ${this.name} took longer than ${this.connectTimeoutMs} ms`, { timeoutMs: this.connectTimeoutMs });
    try {
      await this.lifecycle.run(attempt, this.connectTimeoutMs, timeout, async () => {
        if (this.socketRequests) {
          // Composed from the catalogue, bodies included: nothing to load.
          this.pipeline.use(CATALOGUE_API, CATALOGUE_COMPOSER);
          opened.socket = this.events.create(apps, attempt.generation);
          await opened.socket.open();
          this.lifecycle.ensureCurrent(attempt);
          return;
        }
        const api = await loadAriClientApi({
          name: this.name,
          origin: this.base.origin,
          authorization: this.authorization,
          timeoutMs: this.connectTimeoutMs,
          secrets: this.secrets,
          logger: this.logger,
        });
        this.lifecycle.ensureCurrent(attempt);
        this.pipeline.use(api);
        opened.socket = this.events.create(apps, attempt.generation);
        await opened.socket.open();
        this.lifecycle.ensureCurrent(attempt);
      });
    } catch (err) {
      opened.socket?.close();
      const error = connectFailure(this.name, this.secrets, err);
      this.lifecycle.failed(attempt, error);
      throw error;
    }
    this.events.adopt(opened.socket as EventsSocket);
    this.executor.pool();
    this.lifecycle.set('connected');
    this.logger.info({ url: this.url, apps: this.events.appList, rest: this.rest }, 'ARI events socket connected');
    if (this.eventFilter) void this.filterEvents(apps);
  }

  /** See {@link EventsSocketHandover.updateApps}: make-before-break, one change at a time. */
  async updateApps(apps: readonly string[]): Promise<void> {
    await this.events.updateApps(apps);
    if (this.eventFilter) void this.filterEvents(apps);
  }

  /**
   * Keeps the events nothing reads off the socket (see event-filter.ts), for
   * each app, on every connect: an app Asterisk made anew has no filter.
   * Connects and app changes do not await it: calls may arrive meanwhile, and
   * an Asterisk without the filter (before 16.3) just keeps sending
   * everything. Resolves once every app's request has settled.
   */
  private filterEvents(apps: readonly string[]): Promise<unknown> {
    const body = this.legEvents ? EVENT_FILTER_BODY : EVENT_FILTER_WITHOUT_LEGS_BODY;
    return Promise.all(
      apps.map((app) =>
        this.request('applications.filter', { applicationName: app }, { rawBody: body }).catch((err: unknown) =>
          this.logger.debug({ err, app }, 'could not set the application event filter; every event keeps arriving'),
        ),
      ),
    );
  }

  /**
   * Lets the events of outbound legs through from now on (a reloaded flow
   * places calls): resolves once every app's filter was set again, or could
   * not be (then the next connect sets it). Never narrows again: a call in
   * progress on an older snapshot may still dial.
   */
  async allowLegEvents(): Promise<void> {
    if (this.legEvents) return;
    this.legEvents = true;
    if (this.eventFilter && this.lifecycle.state === 'connected') await this.filterEvents(this.events.appList);
  }

  request<T = unknown>(op: AriOperation, params: AriParams = {}, opts: AriRequestOptions = {}): Promise<T> {
    if (this.lifecycle.state === 'closed' || !this.pipeline.ready) return Promise.reject(new VoxtraError('ARI_NOT_CONNECTED', `${op}: not connected to ${this.name}`, { operation: op }));
    return this.pipeline.request<T>(op, params, opts);
  }

  onEvent(listener: (event: AriEvent) => void): () => void {
    return this.events.onEvent(listener);
  }

  onState(listener: (state: TransportState, detail?: { error?: Error }) => void): () => void {
    return this.lifecycle.onState(listener);
  }

  /** Sends a WebSocket ping; resolves on the pong. The caller bounds the wait. */
  ping(): Promise<void> {
    return this.events.ping();
  }

  /**
   * Drops the events socket (or abandons a connect in progress) and reports
   * `disconnected`, e.g. when pings go unanswered. The transport stays usable:
   * `connect()` again to reconnect.
   */
  drop(reason: string): void {
    if (this.lifecycle.state === 'connecting') {
      this.lifecycle.abort(new VoxtraError('ARI_TRANSPORT', reason));
      return;
    }
    this.events.drop(reason);
  }

  async close(): Promise<void> {
    this.lifecycle.retire('transport closed');
    this.events.close();
    this.socketRequests?.close('transport closed');
    this.executor.close();
    this.lifecycle.set('closed');
  }

  /** Resolves once no request sent on `socket` waits for an answer, or after one request deadline. */
  private async drained(requests: SocketRequestExecutor, socket: EventsSocket): Promise<void> {
    const until = this.clock.now() + this.requestTimeoutMs;
    while (requests.sentOn(socket) > 0 && this.clock.now() < until) await new Promise<void>((resolve) => this.clock.setTimeout(resolve, 10));
  }
}

function normaliseBase(raw: string): URL {
  const url = new URL(raw);
  url.username = '';
  url.password = '';
  url.pathname = url.pathname.replace(/\/+$/, '').replace(/\/ari$/, '') || '/';
  return url;
}
