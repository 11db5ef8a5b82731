import * as http from 'node:http';
import * as https from 'node:https';
import { createRequire } from 'node:module';
import * as ariClient from 'ari-client';
import { AbortError, systemClock, type Clock } from '../core/clock';
import { VoxtraError, isVoxtraError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import type { AriClient, AriClientModule, AriClientOperation, SwaggerModule } from './ari-client-types';
import { errorBodyMessage, requestFailed } from './ari-errors';
import { EventsSocket } from './events-socket';
import { executeHttp, type HttpCall } from './http-executor';
import { OperationComposer } from './operation-composer';
import { redactError, redactText, redactUrl } from '../core/redact';
import { isRetryable } from './request-policy';
import { Listeners } from '../core/listeners';
import { Semaphore } from '../core/semaphore';
import { SwaggerRequestRouter } from './swagger-request-router';
import type { AriEvent, AriOperation, AriParams, AriRequestOptions, AriTransport, TransportState } from './transport';

// ari-client talks to Asterisk through its own copy of swagger-client; the
// router must sit on that very module object.
const ariRequire = createRequire(require.resolve('ari-client'));
const swaggerModule = ariRequire('swagger-client') as SwaggerModule;
const router = SwaggerRequestRouter.install(swaggerModule);
silenceSwaggerConsole();

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
}

/** Pool counters, for metrics and the session-limit tests. */
export interface TransportStats {
  readonly inFlight: number;
  readonly queued: number;
  readonly peakInFlight: number;
  readonly maxInFlight: number;
}

interface ConnectAttempt {
  abandoned: boolean;
  socket?: EventsSocket;
}

type StateListener = (state: TransportState, detail?: { error?: Error }) => void;

/**
 * {@link AriTransport} over `ari-client`. ari-client loads Asterisk's API
 * description and composes each request (paths, query, JSON body) exactly as
 * it always has, or, for the operations without a body, the transport builds
 * the same request from that description ({@link OperationComposer}); the
 * transport then sends it itself, which is what gives it
 * per-server credentials, a deadline on every request, the HTTP status of
 * failures, a bounded keep-alive pool, and one retry for idempotent
 * operations. The events socket is ours too (see {@link EventsSocket}). This
 * is the only module that imports `ari-client`.
 */
export class AriClientTransport implements AriTransport {
  readonly name: string;
  private current: TransportState = 'disconnected';
  private readonly base: URL;
  private readonly authorization: string;
  private readonly secrets: string[];
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly requestTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly idleSocketMs: number;
  private readonly semaphore: Semaphore;
  private agent: http.Agent | undefined;
  private api: AriClient | undefined;
  private composer: OperationComposer | undefined;
  private socket: EventsSocket | undefined;
  private apps: readonly string[] = [];
  private readonly replacedApps = new Set<string>();
  // Apps handed from a socket to its successor by updateApps(): Asterisk tells
  // the old socket ApplicationReplaced for them, which is our own doing.
  private readonly handedOver = new WeakMap<EventsSocket, ReadonlySet<string>>();
  private appChange: Promise<void> = Promise.resolve();
  private generation = 0;
  private abortConnect: ((err: Error) => void) | undefined;
  private readonly eventListeners = new Listeners<AriEvent>((err, event) => this.logger.error({ err, type: event.type }, 'ARI event listener threw'));
  private readonly stateListeners = new Listeners<TransportState, { error?: Error } | undefined>((err) => this.logger.error({ err }, 'transport state listener threw'));

  constructor(opts: AriClientTransportOptions) {
    this.name = opts.name;
    this.base = normaliseBase(opts.url);
    this.authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    this.secrets = [opts.password, `${opts.username}:${opts.password}`, this.authorization.slice(6)];
    this.clock = opts.clock ?? systemClock;
    this.logger = (opts.logger ?? silentLogger).child({ server: opts.name });
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 5000;
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;
    this.idleSocketMs = opts.idleSocketMs ?? 10_000;
    this.semaphore = new Semaphore(opts.maxInFlight ?? 64);
  }

  get state(): TransportState {
    return this.current;
  }

  /** The base URL (credentials removed), for logs. */
  get url(): string {
    return redactUrl(this.base.origin);
  }

  get stats(): TransportStats {
    return {
      inFlight: this.semaphore.inFlight,
      queued: this.semaphore.queued,
      peakInFlight: this.semaphore.peak,
      maxInFlight: this.semaphore.limit,
    };
  }

  /** Apps that received ApplicationReplaced on the current socket. */
  get replaced(): readonly string[] {
    return [...this.replacedApps];
  }

  async connect(apps: readonly string[]): Promise<void> {
    if (apps.length === 0) throw new VoxtraError('ARI_NOT_CONNECTED', 'connect needs at least one Stasis app');
    const gen = ++this.generation;
    this.abortConnect?.(new VoxtraError('ARI_NOT_CONNECTED', 'connect superseded by a newer attempt'));
    this.socket?.close();
    this.socket = undefined;
    this.replacedApps.clear();
    this.apps = [...apps];
    this.setState('connecting');
    const attempt: ConnectAttempt = { abandoned: false };
    const origin = this.base.origin;
    const loadSettings = {
      authorization: this.authorization,
      timeoutMs: this.connectTimeoutMs,
      onLoadError: (err: unknown) => this.logger.warn({ err: redactError(err, this.secrets) }, 'ARI API description failed to load'),
    };
    try {
      await this.withConnectDeadline(attempt, async () => {
        router.setOrigin(origin, loadSettings);
        let client: AriClient;
        try {
          client = await (ariClient as unknown as AriClientModule).connect(origin, '', '');
        } finally {
          router.removeOrigin(origin, loadSettings);
        }
        this.ensureCurrent(gen, attempt);
        this.api = client;
        this.composer = OperationComposer.fromClient(client);
        attempt.socket = this.createSocket(apps, gen);
        await attempt.socket.open();
        this.ensureCurrent(gen, attempt);
      });
    } catch (err) {
      attempt.abandoned = true;
      attempt.socket?.close();
      const error = this.connectError(err);
      if (gen === this.generation && this.current === 'connecting') this.setState('disconnected', error);
      throw error;
    }
    const socket = attempt.socket as EventsSocket;
    this.socket = socket;
    this.ensureAgent();
    this.setState('connected');
    this.logger.info({ url: this.url, apps: this.apps }, 'ARI events socket connected');
  }

  /**
   * Moves the events socket to a new app list, make-before-break: the new
   * socket opens first, so Asterisk hands it the apps both lists share (their
   * calls' events go wherever the app is registered, with no gap) and tells
   * the old socket ApplicationReplaced, which is ignored here; then the old
   * socket closes, which unregisters only the apps that were dropped. While
   * not connected it only records the list for the next {@link connect}.
   * Changes run one at a time.
   */
  updateApps(apps: readonly string[]): Promise<void> {
    const run = this.appChange.then(() => this.moveSocket([...apps]));
    this.appChange = run.catch(() => undefined);
    return run;
  }

  private async moveSocket(apps: string[]): Promise<void> {
    if (apps.length === 0) throw new VoxtraError('ARI_NOT_CONNECTED', 'the events socket needs at least one Stasis app');
    const old = this.socket;
    if (this.current !== 'connected' || !old) {
      this.apps = apps;
      return;
    }
    if (apps.length === this.apps.length && apps.every((a) => this.apps.includes(a))) return;
    const gen = this.generation;
    this.handedOver.set(old, new Set(apps));
    const socket = this.createSocket(apps, gen);
    try {
      await socket.open();
    } catch (err) {
      this.handedOver.delete(old);
      socket.close();
      throw this.connectError(err);
    }
    if (gen !== this.generation || this.socket !== old || this.current !== 'connected') {
      // Dropped, reconnected or closed meanwhile: the supervisor's next connect uses the new list.
      socket.close();
      this.apps = apps;
      return;
    }
    this.socket = socket;
    this.apps = apps;
    this.replacedApps.clear();
    old.close();
    this.logger.info({ apps }, 'ARI events socket moved to a new app list');
  }

  async request<T = unknown>(op: AriOperation, params: AriParams = {}, opts: AriRequestOptions = {}): Promise<T> {
    if (this.current === 'closed' || !this.api) throw new VoxtraError('ARI_NOT_CONNECTED', `${op}: not connected to ${this.name}`, { operation: op });
    const timeoutMs = opts.timeoutMs ?? this.requestTimeoutMs;
    const controller = new AbortController();
    const timer = this.clock.setTimeout(() => controller.abort(new VoxtraError('ARI_TIMEOUT', `${op} got no answer within ${timeoutMs} ms`, { operation: op, timeoutMs })), timeoutMs);
    let release: (() => void) | undefined;
    try {
      // The common case composes and takes a slot synchronously: no turn of the event loop before the request goes out.
      const call = this.composeDirect(op, params) ?? (await this.compose(op, params));
      release = this.semaphore.tryAcquire() ?? (await this.semaphore.acquire(controller.signal));
      const agent = this.ensureAgent();
      const attempts = isRetryable(op, call.method) ? 2 : 1;
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await executeHttp(call, agent, controller.signal);
          if (res.status >= 200 && res.status < 300) return parseBody(res.body) as T;
          throw requestFailed(op, res.status, errorBodyMessage(res.body, http.STATUS_CODES[res.status] ?? 'error'));
        } catch (err) {
          if (!isVoxtraError(err, 'ARI_TRANSPORT')) throw err;
          if (attempt < attempts && !controller.signal.aborted) {
            this.logger.debug({ op, code: err.details.code }, 'ARI request failed below HTTP; retrying once');
            continue;
          }
          throw new VoxtraError('ARI_TRANSPORT', `${op}: ${redactText(err.message, this.secrets)}`, { operation: op, code: err.details.code });
        }
      }
    } catch (err) {
      if (err instanceof AbortError && isVoxtraError(controller.signal.reason)) throw controller.signal.reason;
      throw err;
    } finally {
      release?.();
      this.clock.clearTimeout(timer);
    }
  }

  onEvent(listener: (event: AriEvent) => void): () => void {
    return this.eventListeners.add(listener);
  }

  onState(listener: StateListener): () => void {
    return this.stateListeners.add(listener);
  }

  /** Sends a WebSocket ping; resolves on the pong. The caller bounds the wait. */
  ping(): Promise<void> {
    if (!this.socket) return Promise.reject(new VoxtraError('ARI_NOT_CONNECTED', 'no events socket'));
    return this.socket.ping();
  }

  /**
   * Drops the events socket (or abandons a connect in progress) and reports
   * `disconnected`, e.g. when pings go unanswered. The transport stays usable:
   * `connect()` again to reconnect.
   */
  drop(reason: string): void {
    if (this.current === 'connecting') {
      this.abortConnect?.(new VoxtraError('ARI_TRANSPORT', reason));
      return;
    }
    if (this.socket && this.current === 'connected') this.socket.drop(reason);
  }

  async close(): Promise<void> {
    this.generation++;
    this.abortConnect?.(new VoxtraError('ARI_NOT_CONNECTED', 'transport closed'));
    this.socket?.close();
    this.socket = undefined;
    this.agent?.destroy();
    this.agent = undefined;
    this.setState('closed');
  }

  /** The request composed from the API description without swagger-client, when the operation allows it (see {@link OperationComposer}). */
  private composeDirect(op: AriOperation, params: AriParams): HttpCall | undefined {
    const composed = this.composer?.compose(op, params);
    if (!composed) return undefined;
    return { method: composed.method, url: new URL(composed.pathAndQuery, this.base.origin), headers: { ...composed.headers, Authorization: this.authorization } };
  }

  private async compose(op: AriOperation, params: AriParams): Promise<HttpCall> {
    const [resourceName, nickname] = op.split('.');
    const resource = (this.api as AriClient)[resourceName] as Record<string, unknown> | undefined;
    const fn = resource?.[nickname];
    if (typeof fn !== 'function') throw new VoxtraError('ARI_REQUEST_FAILED', `${op} is not in ${this.name}'s ARI API`, { operation: op, message: 'unknown operation' });
    const args: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(params)) if (value !== undefined) args[key] = value;
    const { result, request } = router.capture(() => (fn as AriClientOperation).call(resource, args));
    if (!request) {
      // swagger-client refused to compose it (e.g. a missing path parameter) and rejected with its reason.
      const reason = await Promise.resolve(result).then(
        () => 'no request composed',
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      );
      throw new VoxtraError('ARI_REQUEST_FAILED', `${op}: ${reason}`, { operation: op, message: reason });
    }
    const source = new URL(request.url);
    const url = new URL(source.pathname + source.search, this.base.origin);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(request.headers)) {
      if (key.toLowerCase() === 'authorization') continue;
      if (key.toLowerCase() === 'content-type' && request.body === undefined) continue;
      headers[key] = String(value);
    }
    headers.Authorization = this.authorization;
    return { method: request.method, url, headers, ...(request.body !== undefined ? { body: request.body } : {}) };
  }

  private createSocket(apps: readonly string[], gen: number): EventsSocket {
    const wsUrl = new URL('/ari/events', this.base.origin);
    wsUrl.protocol = this.base.protocol === 'https:' ? 'wss:' : 'ws:';
    const query = `app=${apps.map(encodeURIComponent).join(',')}`;
    const url = `${wsUrl.origin}${wsUrl.pathname}?${query}`;
    const socket = new EventsSocket(
      { url, authorization: this.authorization, handshakeTimeoutMs: this.connectTimeoutMs },
      {
        onEvent: (event) => this.deliver(event, socket),
        onClosed: ({ code, reason, error }) => {
          if (gen !== this.generation || this.socket !== socket) return;
          this.socket = undefined;
          this.dropIdleSockets();
          const err = error ? redactError(error, this.secrets) : new Error(`events socket closed (${code}${reason ? ` ${reason}` : ''})`);
          this.logger.warn({ code, reason, err }, 'ARI events socket closed');
          if (this.current === 'connected') this.setState('disconnected', err);
        },
        onBadFrame: (text) => this.logger.warn({ frame: redactText(text.slice(0, 200), this.secrets) }, 'ignored a non-event frame on the ARI events socket'),
      },
    );
    return socket;
  }

  private deliver(event: AriEvent, from: EventsSocket): void {
    if (event.type === 'ApplicationReplaced') {
      if (typeof event.application === 'string' && this.handedOver.get(from)?.has(event.application)) return;
      this.noteReplaced(event);
    }
    this.eventListeners.emit(event);
  }

  private noteReplaced(event: AriEvent): void {
    const app = typeof event.application === 'string' ? event.application : '';
    if (!this.apps.includes(app)) return;
    this.replacedApps.add(app);
    this.logger.error({ app }, 'another ARI client registered this Stasis app: this connection no longer receives its calls');
    if (this.apps.every((a) => this.replacedApps.has(a)) && this.current === 'connected') {
      // Asterisk keeps the old socket open but silent; holding it helps no one.
      this.socket?.close();
      this.socket = undefined;
      this.setState('replaced');
    }
  }

  private withConnectDeadline(attempt: ConnectAttempt, work: () => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const settle = (fn: () => void): void => {
        if (done) return;
        done = true;
        attempt.abandoned = true;
        this.clock.clearTimeout(timer);
        if (this.abortConnect === abort) this.abortConnect = undefined;
        fn();
      };
      const abort = (err: Error): void => settle(() => reject(err));
      const timer = this.clock.setTimeout(
        () => abort(new VoxtraError('ARI_TIMEOUT', `connect to ${this.name} took longer than ${this.connectTimeoutMs} ms`, { timeoutMs: this.connectTimeoutMs })),
        this.connectTimeoutMs,
      );
      this.abortConnect = abort;
      work().then(
        () => settle(resolve),
        (err: unknown) => settle(() => reject(err)),
      );
    });
  }

  private ensureCurrent(gen: number, attempt: ConnectAttempt): void {
    if (gen !== this.generation || attempt.abandoned) throw new VoxtraError('ARI_NOT_CONNECTED', 'connect attempt abandoned');
  }

  private connectError(err: unknown): VoxtraError {
    if (isVoxtraError(err)) {
      const message = redactText(err.message, this.secrets);
      return message === err.message ? err : new VoxtraError(err.code, message, err.details);
    }
    const clean = redactError(err, this.secrets);
    // swagger-client reports a failed API-description load as "401 : Unauthorized <url>".
    const status = /^(\d{3}) : /.exec(clean.message);
    if (status) {
      const code = Number(status[1]);
      return new VoxtraError('ARI_REQUEST_FAILED', `connect to ${this.name} failed: ${clean.message}`, { status: code, message: clean.message, operation: 'api-docs' });
    }
    return new VoxtraError('ARI_TRANSPORT', `connect to ${this.name} failed: ${clean.message}`, { code: (clean as { code?: string }).code });
  }

  private ensureAgent(): http.Agent {
    if (!this.agent) {
      const opts: http.AgentOptions = {
        keepAlive: true,
        maxSockets: this.semaphore.limit,
        maxFreeSockets: this.semaphore.limit,
        timeout: this.idleSocketMs,
        scheduling: 'lifo',
      };
      this.agent = this.base.protocol === 'https:' ? new https.Agent(opts) : new http.Agent(opts);
    }
    return this.agent;
  }

  /** After the socket drops the server may have restarted; pooled sockets to it are likely dead. */
  private dropIdleSockets(): void {
    const free = this.agent?.freeSockets ?? {};
    for (const list of Object.values(free)) for (const s of list ?? []) s.destroy();
  }

  private setState(state: TransportState, error?: Error): void {
    if (this.current === state && !error) return;
    this.current = state;
    this.stateListeners.emit(state, error ? { error } : undefined);
  }
}

function normaliseBase(raw: string): URL {
  const url = new URL(raw);
  url.username = '';
  url.password = '';
  url.pathname = url.pathname.replace(/\/+$/, '').replace(/\/ari$/, '') || '/';
  return url;
}

function parseBody(body: string): unknown {
  if (body === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/**
 * swagger-client 2.0.26 defines a global `log` that prints to stdout (a
 * deprecation notice on every connect to an ARI server), which would corrupt
 * our JSON log lines. Only that function is replaced.
 */
function silenceSwaggerConsole(): void {
  const g = globalThis as { log?: unknown };
  if (typeof g.log === 'function' && /log\.history/.test(String(g.log))) g.log = () => undefined;
}
