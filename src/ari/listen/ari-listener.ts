import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { systemClock, type Clock, type TimerHandle } from '../../core/clock';
import { Listeners } from '../../core/listeners';
import { silentLogger, type Logger } from '../../core/logger';
import { redactText } from '../../core/redact';
import type { IncomingCall } from '../../control/incoming-call';
import { formatListen, type ListenAddress } from '../../ops-server/listen-address';
import type { GatewayCounts, ReconcileReport } from '../ari-gateway';
import type { AriRequestRecord } from '../metered-transport';
import { HttpRequestExecutor } from '../http-request-executor';
import type { AriEvent } from '../transport';
import { AcceptedSocket, type AcceptedSocketHandler } from './accepted-socket';
import { DEFAULT_LISTEN_TIMINGS, ListenPeer, type ListenTimings, type PeerHandlers } from './listen-peer';
import { StasisAppNames, type ConnectionKind } from './stasis-app-names';
import { basicAuthorization, checkUpgrade, refusalResponse, type UpgradeRefusal } from './upgrade-check';

/** Counts connections for metrics (`voxtra_ws_connections`, `voxtra_ws_connections_total`). */
export interface ListenObserver {
  /** A connection was taken on as `kind` (after its first frame). */
  accepted(server: string, kind: ConnectionKind): void;
  /** A connection was refused: at the upgrade (kind unknown) or after its first frame. */
  refused(server: string, kind: ConnectionKind | undefined): void;
  /** An accepted connection closed. */
  closed(server: string, kind: ConnectionKind): void;
}

export interface AriListenerOptions {
  /** Server name (the config's `ari` entry). */
  readonly name: string;
  readonly listen: ListenAddress;
  /** URL path of Asterisk's websocket_client `uri` (query strings are accepted). */
  readonly path: string;
  /** The credentials Asterisk presents (websocket_client.conf `username`/`password`). */
  readonly username: string;
  readonly password: string;
  /** PEM certificate and key: the listener speaks wss://. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** The apps served, and aliases such as broadcast pool names. */
  readonly names: StasisAppNames;
  /** Asterisk's HTTP ARI, for requests of persistent connections that must not share the socket. */
  readonly http?: { readonly url: string; readonly username: string; readonly password: string };
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly requestTimeoutMs?: number;
  readonly maxInFlight?: number;
  readonly timings?: Partial<ListenTimings>;
  readonly observer?: ListenObserver;
  /** Called after every ARI request with its latency and outcome (metrics). */
  readonly onRequest?: (record: AriRequestRecord) => void;
}

/** One persistent peer in `/readyz`. */
export interface ListenPeerStatus {
  readonly asterisk: string;
  readonly remote: string;
  readonly connected: boolean;
  /** ISO time of the last change between connected and not. */
  readonly since: string;
  readonly activeCalls: number;
}

/** What `/readyz` says about a listener. */
export interface ListenStatus {
  readonly listening: boolean;
  /** `host:port/path` the listener binds (with the real port). */
  readonly address: string;
  readonly since: number;
  /** Open connections by kind (not yet classified ones are left out). */
  readonly connections: { readonly persistent: number; readonly per_call: number };
  /** Asterisk servers holding (or having held) a persistent connection. */
  readonly persistent: readonly ListenPeerStatus[];
}

/**
 * Accepts the WebSocket connections Asterisk opens to Voxtra (`ari.conf`
 * `type=outbound_websocket`), from any number of Asterisk servers:
 * checks the path, Basic credentials and subprotocol `ari` at the upgrade
 * (401/404/400 otherwise), tells a persistent connection from a per-call one
 * by the app name of its first frame (`<app>` or `<app>:<channel name>`), and
 * hands each to its {@link ListenPeer} (one per Asterisk for persistent
 * connections, one per call otherwise), which runs the calls. Unknown app
 * names and frames that are not ARI events close the connection with a reason.
 * {@link stopAccepting} closes the listening socket at once (a load balancer
 * then sends new calls elsewhere); connections already open go on.
 */
export class AriListener {
  readonly name: string;
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly authorization: string;
  private readonly timings: ListenTimings;
  private readonly secrets: string[];
  private readonly httpExecutor: HttpRequestExecutor | undefined;
  private names: StasisAppNames;
  private readonly peers = new Map<string, ListenPeer>();
  private readonly sockets = new Map<AcceptedSocket, ListenPeer | undefined>();
  private readonly firstFrameTimers = new Map<AcceptedSocket, TimerHandle>();
  private readonly incoming = new Listeners<IncomingCall, ConnectionKind>((err) => this.log.error({ err }, 'incoming-call listener threw'));
  private readonly orphans = new Listeners<ReconcileReport['unknown'][number]>((err) => this.log.error({ err }, 'orphan listener threw'));
  private readonly tcp = new Set<Socket>();
  private bound: ListenAddress | undefined;
  private binding: Promise<void> | undefined;
  private accepting = false;
  private stopped = false;
  private sinceMs: number;
  private readonly socketHandler: AcceptedSocketHandler;
  private readonly peerHandlers: PeerHandlers;

  constructor(private readonly opts: AriListenerOptions) {
    this.name = opts.name;
    this.clock = opts.clock ?? systemClock;
    this.log = (opts.logger ?? silentLogger).child({ server: opts.name });
    this.authorization = basicAuthorization(opts.username, opts.password);
    this.timings = { ...DEFAULT_LISTEN_TIMINGS, ...opts.timings };
    this.names = opts.names;
    this.sinceMs = this.clock.now();
    this.secrets = [opts.password, this.authorization.slice(6), ...(opts.http ? [opts.http.password] : [])].filter((s) => s !== '');
    if (opts.http) {
      const base = new URL(opts.http.url);
      this.httpExecutor = new HttpRequestExecutor({ base, authorization: basicAuthorization(opts.http.username, opts.http.password), maxSockets: opts.maxInFlight ?? 64, idleSocketMs: 10_000 });
    }
    this.server = opts.tls ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }) : http.createServer();
    this.wss = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      maxPayload: 16 * 1024 * 1024,
      handleProtocols: (protocols) => (protocols.has('ari') ? 'ari' : false),
    });
    this.socketHandler = {
      frame: (socket, event) => this.frame(socket, event),
      badFrame: (socket, text) => this.refuse(socket, 1003, 'not an ARI event', { frame: redactText(text.slice(0, 200), this.secrets) }),
      closed: (socket, code, reason) => this.closed(socket, code, reason),
    };
    this.peerHandlers = {
      incoming: (call, kind) => this.incoming.emit(call, kind),
      orphan: (orphan) => this.orphans.emit(orphan),
      ended: (peer) => this.peerEnded(peer),
    };
    this.server.on('connection', (socket: Socket) => {
      this.tcp.add(socket);
      socket.on('close', () => this.tcp.delete(socket));
    });
    this.server.on('upgrade', (req: http.IncomingMessage, socket: Socket, head: Buffer) => this.upgrade(req, socket, head));
    this.server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
      res.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket', Connection: 'close' });
      res.end('WebSocket endpoint for Asterisk outbound ARI connections\n');
    });
  }

  /** The bound address (the real port when 0 was asked for). */
  get address(): ListenAddress {
    return this.bound ?? this.opts.listen;
  }

  /** `ws(s)://host:port/path`. */
  get url(): string {
    return `${this.opts.tls ? 'wss' : 'ws'}://${formatListen(this.address)}${this.opts.path}`;
  }

  get isListening(): boolean {
    return this.accepting;
  }

  /**
   * Binds the listening socket (once); rejects when the address cannot be
   * bound. Upgrades are refused with 503 until {@link open}: calls must not
   * arrive before someone takes them.
   */
  bind(): Promise<void> {
    this.binding ??= new Promise<void>((resolve, reject) => {
      const { host, port } = this.opts.listen;
      const onError = (err: Error): void => reject(err);
      this.server.once('error', onError);
      this.server.listen({ host, port, ipv6Only: host.includes(':') }, () => {
        this.server.off('error', onError);
        const info = this.server.address() as AddressInfo;
        this.bound = { host: info.address, port: info.port };
        resolve();
      });
    });
    return this.binding;
  }

  /** Binds if needed, then accepts connections. */
  async start(): Promise<void> {
    await this.bind();
    if (this.stopped || this.accepting) return;
    this.accepting = true;
    this.sinceMs = this.clock.now();
    this.log.info({ url: this.url }, 'listening for Asterisk outbound WebSocket connections (REST over the WebSocket)');
  }

  /** Calls arriving on Asterisk's connections, with the kind of connection each came on. */
  onIncoming(listener: (call: IncomingCall, kind: ConnectionKind) => void): () => void {
    return this.incoming.add(listener);
  }

  /** Channels found in our apps (after a persistent connection came, or a per-call one without its StasisStart) that no session runs. */
  onOrphan(listener: (orphan: ReconcileReport['unknown'][number]) => void): () => void {
    return this.orphans.add(listener);
  }

  /** The apps served from now on (a reload added or removed one); connections already classified keep theirs. */
  setNames(names: StasisAppNames): void {
    this.names = names;
  }

  /** Closes the listening socket now: new connections are refused by the OS; open ones go on. */
  stopAccepting(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.accepting = false;
    this.sinceMs = this.clock.now();
    if (this.bound) this.server.close();
    this.log.info({ url: this.url, open: this.sockets.size }, 'stopped accepting Asterisk connections; open ones go on');
  }

  /** Stops accepting and closes every connection (1001) and peer; resolves once they are closed. */
  async close(): Promise<void> {
    this.stopAccepting();
    for (const timer of this.firstFrameTimers.values()) this.clock.clearTimeout(timer);
    this.firstFrameTimers.clear();
    const open = [...this.sockets.keys()].map((s) => s.done);
    const byPeer = new Map<ListenPeer | undefined, AcceptedSocket[]>();
    for (const [socket, peer] of this.sockets) byPeer.set(peer, [...(byPeer.get(peer) ?? []), socket]);
    for (const s of byPeer.get(undefined) ?? []) s.close(1001, 'Voxtra is stopping');
    await Promise.all([...this.peers.values()].map((p) => p.close(1001, 'Voxtra is stopping', byPeer.get(p) ?? [])));
    this.peers.clear();
    // Close handshakes end within AcceptedSocket's own bound (the connection is cut after it).
    await Promise.all(open);
    this.httpExecutor?.close();
    this.wss.close();
    // Connections that never upgraded, or whose close handshake hangs, do not hold the process.
    for (const s of this.tcp) s.destroy();
  }

  status(): ListenStatus {
    const connections = { persistent: 0, per_call: 0 };
    for (const socket of this.sockets.keys()) if (socket.kind) connections[socket.kind]++;
    const persistent: ListenPeerStatus[] = [];
    for (const peer of this.peers.values()) {
      if (peer.kind !== 'persistent') continue;
      persistent.push({ asterisk: peer.asteriskId, remote: peer.remote, connected: peer.connected, since: new Date(peer.since).toISOString(), activeCalls: peer.liveCalls });
    }
    return { listening: this.accepting, address: `${formatListen(this.address)}${this.opts.path}`, since: this.sinceMs, connections, persistent };
  }

  /** Controls, dial legs and event listeners held by every peer. */
  counts(): GatewayCounts {
    const sum = { liveControls: 0, dialLegs: 0, demuxListeners: 0 };
    for (const peer of this.peers.values()) {
      const c = peer.gateway.counts;
      sum.liveControls += c.liveControls;
      sum.dialLegs += c.dialLegs;
      sum.demuxListeners += c.demuxListeners;
    }
    return sum;
  }

  /**
   * The longest wait of an ARI request queued for a slot, over the peers, ms
   * (0: none waits). Each peer has its own slots: a persistent connection's
   * are shared by its calls, a per-call connection's serve one call.
   */
  requestWaitMs(): number {
    let worst = 0;
    for (const peer of this.peers.values()) {
      const ms = peer.transport.requestWaitMs();
      if (ms > worst) worst = ms;
    }
    return worst;
  }

  /** ARI requests not yet answered, over the peers. */
  requestsInFlight(): number {
    let sum = 0;
    for (const peer of this.peers.values()) sum += peer.transport.requestsInFlight();
    return sum;
  }

  /** The peers (tests, metrics). */
  get peerList(): readonly ListenPeer[] {
    return [...this.peers.values()];
  }

  private upgrade(req: http.IncomingMessage, socket: Socket, head: Buffer): void {
    const remote = `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
    const refusal: UpgradeRefusal | undefined = this.accepting ? checkUpgrade(req, { path: this.opts.path, authorization: this.authorization }) : { status: 503, reason: 'not accepting connections yet' };
    if (refusal) {
      this.log.warn({ remote, status: refusal.status, reason: refusal.reason }, 'refused an Asterisk connection at the upgrade');
      this.opts.observer?.refused(this.name, undefined);
      socket.end(refusalResponse(refusal));
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const accepted = new AcceptedSocket(ws, remote, this.clock.now(), this.socketHandler);
      this.sockets.set(accepted, undefined);
      this.firstFrameTimers.set(
        accepted,
        this.clock.setTimeout(() => this.refuse(accepted, 1008, `no frame within ${this.timings.firstFrameMs} ms`), this.timings.firstFrameMs),
      );
      this.log.debug({ remote }, 'Asterisk connected; waiting for its first frame');
    });
  }

  private frame(socket: AcceptedSocket, event: AriEvent): void {
    const peer = this.sockets.get(socket);
    if (peer !== undefined) {
      peer.frame(event);
      return;
    }
    if (!socket.refused) this.first(socket, event);
  }

  /** The first frame tells the kind of connection (`<app>` or `<app>:<channel name>`) and which Asterisk it is. */
  private first(socket: AcceptedSocket, event: AriEvent): void {
    const timer = this.firstFrameTimers.get(socket);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.firstFrameTimers.delete(socket);
    const application = typeof event.application === 'string' ? event.application : '';
    const match = this.names.classify(application);
    if (!match) {
      this.refuse(socket, 1008, application ? `unknown Stasis app ${application.slice(0, 100)}` : 'first frame names no Stasis app', { type: event.type });
      return;
    }
    socket.kind = match.kind;
    socket.stasisApp = application;
    socket.asteriskId = typeof event.asterisk_id === 'string' && event.asterisk_id !== '' ? event.asterisk_id : socket.remote.replace(/:\d+$/, '');
    if (match.kind === 'persistent' && !this.httpExecutor) {
      // A shared socket must never carry a request that waits for its channel; without `url` there is no other way.
      this.refuse(socket, 1008, 'persistent connections need url (Asterisk HTTP ARI) on this server', { app: match.app }, match.kind);
      return;
    }
    const key = match.kind === 'persistent' ? socket.asteriskId : `${socket.asteriskId}|${application}`;
    let peer = this.peers.get(key);
    if (!peer) {
      peer = new ListenPeer({
        server: this.name,
        kind: match.kind,
        key,
        asteriskId: socket.asteriskId,
        stasisApp: application,
        names: () => this.names,
        clock: this.clock,
        logger: this.opts.logger ?? silentLogger,
        requestTimeoutMs: this.opts.requestTimeoutMs ?? 5000,
        maxInFlight: this.opts.maxInFlight ?? 64,
        secrets: this.secrets,
        ...(this.httpExecutor ? { http: this.httpExecutor } : {}),
        timings: this.timings,
        handlers: this.peerHandlers,
        ...(this.opts.onRequest ? { onRequest: this.opts.onRequest } : {}),
      });
      this.peers.set(key, peer);
    }
    this.sockets.set(socket, peer);
    peer.attach(socket);
    this.opts.observer?.accepted(this.name, match.kind);
    const fields = { remote: socket.remote, asterisk: socket.asteriskId, app: match.app, kind: match.kind, stasisApp: application };
    if (match.kind === 'persistent') this.log.info(fields, 'persistent connection from Asterisk accepted');
    else this.log.debug(fields, 'per-call connection from Asterisk accepted');
    peer.frame(event);
  }

  private refuse(socket: AcceptedSocket, code: number, reason: string, fields: Record<string, unknown> = {}, kind?: ConnectionKind): void {
    const timer = this.firstFrameTimers.get(socket);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.firstFrameTimers.delete(socket);
    const peer = this.sockets.get(socket);
    this.log.warn({ remote: socket.remote, code, reason, ...fields }, 'closing an Asterisk connection');
    if (peer === undefined && !socket.refused) {
      // Not taken on: its later frames are dropped, and its close is not counted as an accepted one's.
      socket.refused = true;
      this.sockets.delete(socket);
      this.opts.observer?.refused(this.name, kind);
    }
    socket.close(code, reason);
  }

  private closed(socket: AcceptedSocket, code: number, reason: string): void {
    const timer = this.firstFrameTimers.get(socket);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.firstFrameTimers.delete(socket);
    if (!this.sockets.has(socket)) return;
    const peer = this.sockets.get(socket);
    this.sockets.delete(socket);
    if (peer === undefined || socket.kind === undefined) return;
    this.opts.observer?.closed(this.name, socket.kind);
    this.log.debug({ remote: socket.remote, asterisk: socket.asteriskId, kind: socket.kind, code, reason }, 'Asterisk connection closed');
    peer.closed(socket, code, reason);
  }

  private peerEnded(peer: ListenPeer): void {
    if (this.peers.get(peer.key) === peer) this.peers.delete(peer.key);
    for (const [socket, owner] of this.sockets) if (owner === peer) socket.close(1000, 'call ended');
  }
}
