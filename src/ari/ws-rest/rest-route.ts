import { isVoxtraError, type VoxtraError } from '../../core/errors';
import type { HttpRequestExecutor } from '../http-request-executor';
import type { ComposedRequest } from '../operation-composer';
import { waitsForChannel } from '../operations';
import type { ExecutorAnswer, RequestExecutor } from '../request-pipeline';
import type { AriOperation } from '../transport';
import type { SocketRequestExecutor } from './socket-request-executor';

export interface RestRouteOptions {
  readonly socket: SocketRequestExecutor;
  /** Asterisk's HTTP ARI, when the server has a `url`. */
  readonly http?: HttpRequestExecutor;
  /**
   * The socket carries many calls (an inbound events socket, a persistent
   * outbound one): an operation that waits for its channel must not go on it.
   * A per-call socket carries one call and is not shared.
   */
  readonly shared: boolean;
}

/**
 * REST over WebSocket with the head-of-line rule: Asterisk serves one
 * socket's requests one at a time, in order, and answers an operation that
 * waits for its channel (answer, setChannelVar, bridge add/remove: the
 * catalogue's `waitsForChannel`) only once the channel's thread ran it, e.g.
 * after a playback. On a shared socket such a request would stall every
 * other call's requests behind it, so it goes over HTTP; so does every
 * request while no socket is open (Asterisk keeps calls in Stasis working
 * over REST). Without HTTP everything goes on the socket, which then decides
 * ({@link SocketRequestExecutor}'s `whileDown`). One set lookup per request.
 */
export class RestRouteExecutor implements RequestExecutor {
  private readonly socket: SocketRequestExecutor;
  private readonly http: HttpRequestExecutor | undefined;
  private readonly shared: boolean;

  constructor(opts: RestRouteOptions) {
    this.socket = opts.socket;
    this.http = opts.http;
    this.shared = opts.shared;
  }

  /** Where `op` goes now. */
  routeOf(op: AriOperation): 'http' | 'socket' {
    if (this.http === undefined) return 'socket';
    return !this.socket.connected || (this.shared && waitsForChannel(op)) ? 'http' : 'socket';
  }

  send(request: ComposedRequest, signal: AbortSignal, op: AriOperation): Promise<ExecutorAnswer> {
    const http = this.http;
    if (http !== undefined && (!this.socket.connected || (this.shared && waitsForChannel(op)))) return http.send(request, signal);
    return this.socket.send(request, signal);
  }

  isLowerFailure(err: unknown): err is VoxtraError {
    return isVoxtraError(err, 'ARI_CONNECTION_LOST') || isVoxtraError(err, 'ARI_TRANSPORT');
  }
}
