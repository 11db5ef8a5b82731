import type { Clock } from '../../core/clock';
import { VoxtraError } from '../../core/errors';
import { Listeners } from '../../core/listeners';
import type { Logger } from '../../core/logger';
import { CATALOGUE_API, CATALOGUE_COMPOSER } from '../catalogue-api';
import type { HttpRequestExecutor } from '../http-request-executor';
import { RequestPipeline, type TransportStats } from '../request-pipeline';
import type { AriEvent, AriOperation, AriParams, AriRequestOptions, AriTransport, TransportState } from '../transport';
import { RestRouteExecutor } from '../ws-rest/rest-route';
import { SocketRequestExecutor, type FrameSink, type WhileDown } from '../ws-rest/socket-request-executor';

export interface PeerTransportOptions {
  /** Server name (the listen entry of the config). */
  readonly name: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly requestTimeoutMs: number;
  readonly maxInFlight: number;
  /** Asterisk's HTTP ARI for the requests that must not share the socket, and while no socket is open. */
  readonly http?: HttpRequestExecutor;
  /** The socket carries many calls (persistent) or one (per call). */
  readonly shared: boolean;
  /** What a request does while no socket is open and there is no HTTP path. */
  readonly whileDown: WhileDown;
  /** Redacted from lower failures. */
  readonly secrets: readonly string[];
}

/**
 * {@link AriTransport} over the WebSocket(s) Asterisk opened to us: events
 * are the frames the listener hands in ({@link deliver}), requests travel
 * as RESTRequest frames on the newest open socket (composed from the
 * operation catalogue), with the head-of-line rule of
 * {@link RestRouteExecutor}. There is nothing to connect: the transport is
 * `connected` while a socket is attached, `disconnected` between sockets
 * (Asterisk reconnects on its own), `closed` once closed.
 */
export class PeerTransport implements AriTransport {
  readonly name: string;
  private current: TransportState = 'disconnected';
  private readonly sockets: FrameSink[] = [];
  private readonly socketRequests: SocketRequestExecutor;
  private readonly pipeline: RequestPipeline;
  private readonly events: Listeners<AriEvent>;
  private readonly states: Listeners<TransportState, { error?: Error } | undefined>;

  constructor(opts: PeerTransportOptions) {
    this.name = opts.name;
    this.socketRequests = new SocketRequestExecutor({ logger: opts.logger, whileDown: opts.whileDown, name: opts.name });
    const route = new RestRouteExecutor({ socket: this.socketRequests, ...(opts.http ? { http: opts.http } : {}), shared: opts.shared });
    this.pipeline = new RequestPipeline(route, { clock: opts.clock, logger: opts.logger, requestTimeoutMs: opts.requestTimeoutMs, maxInFlight: opts.maxInFlight, secrets: opts.secrets });
    this.pipeline.use(CATALOGUE_API, CATALOGUE_COMPOSER);
    this.events = new Listeners<AriEvent>((err, event) => opts.logger.error({ err, type: event.type }, 'ARI event listener threw'));
    this.states = new Listeners<TransportState, { error?: Error } | undefined>((err) => opts.logger.error({ err }, 'transport state listener threw'));
  }

  get state(): TransportState {
    return this.current;
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

  /** Sockets attached now. */
  get socketCount(): number {
    return this.sockets.length;
  }

  /** Nothing to open: Asterisk connects to us. Resolves at once (the app list is the listener's business). */
  connect(): Promise<void> {
    return this.current === 'closed' ? Promise.reject(new VoxtraError('ARI_NOT_CONNECTED', `${this.name}: transport closed`)) : Promise.resolve();
  }

  request<T = unknown>(op: AriOperation, params: AriParams = {}, opts: AriRequestOptions = {}): Promise<T> {
    if (this.current === 'closed') return Promise.reject(new VoxtraError('ARI_NOT_CONNECTED', `${op}: the connection from ${this.name} is closed`, { operation: op }));
    return this.pipeline.request<T>(op, params, opts);
  }

  onEvent(listener: (event: AriEvent) => void): () => void {
    return this.events.add(listener);
  }

  onState(listener: (state: TransportState, detail?: { error?: Error }) => void): () => void {
    return this.states.add(listener);
  }

  /** A socket from this peer opened: requests go on it from now on (the newest wins). */
  attach(socket: FrameSink): void {
    if (this.current === 'closed') return;
    this.sockets.push(socket);
    this.socketRequests.attach(socket);
    this.set('connected');
  }

  /** A socket closed: requests in flight on it fail (`ARI_CONNECTION_LOST`); requests move to another open socket, if any. */
  detach(socket: FrameSink, reason: string): void {
    const i = this.sockets.indexOf(socket);
    if (i >= 0) this.sockets.splice(i, 1);
    this.socketRequests.detach(socket, reason);
    const next = this.sockets[this.sockets.length - 1];
    if (next !== undefined) this.socketRequests.attach(next);
    else if (this.current === 'connected') this.set('disconnected', new Error(reason));
  }

  /** One frame from a socket of this peer: an answer to a request, or an event for the listeners. */
  deliver(event: AriEvent): void {
    if (event.type === 'RESTResponse') this.socketRequests.accept(event);
    else this.events.emit(event);
  }

  async close(): Promise<void> {
    if (this.current === 'closed') return;
    this.sockets.length = 0;
    this.socketRequests.close('transport closed');
    this.set('closed');
  }

  private set(state: TransportState, error?: Error): void {
    if (this.current === state) return;
    this.current = state;
    this.states.emit(state, error ? { error } : undefined);
  }
}
