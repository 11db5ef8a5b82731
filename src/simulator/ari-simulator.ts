import { systemClock, type TimerHandle } from '../core/clock';
import { VoxtraError } from '../core/errors';
import type { CallSummary, SimulatorControl, SimulatorStats } from './control-types';
import { AriRouter } from './http/ari-router';
import { SimulatorHttpServer } from './http/server';
import { InProcessEventsSocket, type InProcessEventsSocketOptions } from './in-process-events-socket';
import { InProcessTransport, type InProcessHost, type InProcessTransportOptions } from './in-process-transport';
import { AsteriskModel, type QueueBehaviour } from './model/asterisk-model';
import { callerHangup, placeCall, sendDigits, shutdown, type DtmfOptions, type PlaceCallOptions } from './model/caller';
import type { Channel } from './model/channel';
import type { EndpointBehaviour } from './model/endpoints';
import type { TranscriptEntry } from './model/transcript';
import type { AsteriskLogEntry } from './model/asterisk-log';
import type { SimulatorOptions } from './options';
import type { OutboundWebSocketConfig } from './outbound/outbound-config';
import { OutboundConnections } from './outbound/outbound-connections';
import type { OutboundStatus } from './outbound/persistent-connection';
import { wsConnector } from './outbound/ws-connector';

const NO_SESSIONS = { current: 0, peak: 0, refused: 0, total: 0 };

/**
 * Voxtra's stand-in for Asterisk 22's ARI. `start()` serves it over HTTP and
 * WebSocket on 127.0.0.1 (for `voxtra run --simulator`, end-to-end tests and
 * benchmarks); `createInProcess()` gives the same model without a server,
 * reached through {@link AriSimulator.createTransport} (for `voxtra test`).
 */
export class AriSimulator implements SimulatorControl, InProcessHost {
  readonly model: AsteriskModel;
  private readonly outboundWs: OutboundConnections;
  private http?: SimulatorHttpServer;
  private readonly transports = new Set<InProcessTransport>();
  private readonly eventSockets = new Set<InProcessEventsSocket>();
  private stopped = false;

  private constructor(readonly options: SimulatorOptions) {
    this.model = new AsteriskModel({
      clock: options.clock ?? systemClock,
      timeScale: options.timeScale ?? 1,
      epochMs: options.epochMs,
      asteriskId: options.asteriskId,
      sounds: options.sounds,
      remoteMedia: options.remoteMedia,
      dialplan: options.dialplan,
      inboundContext: options.inboundContext,
      queuesContext: options.queuesContext,
      agentsContext: options.agentsContext,
      defaultApp: options.apps?.[0],
      endpoints: options.endpoints,
      queues: options.queues,
      maxEndedCalls: options.maxEndedCalls,
      fallback: options.fallback,
    });
    if (options.onLog) this.model.log.onEntry(options.onLog);
    this.outboundWs = new OutboundConnections(this.model, options.outboundConnector ?? wsConnector, { router: new AriRouter(), responseDelayMs: options.responseDelayMs ?? 0 });
    this.model.perCallStasis = this.outboundWs;
    for (const [id, cfg] of Object.entries(options.outbound ?? {})) this.outboundWs.set(id, cfg);
  }

  /** Starts the HTTP + WebSocket server (port 0 = any free port). */
  static async start(opts: SimulatorOptions = {}): Promise<AriSimulator> {
    const sim = new AriSimulator(opts);
    sim.http = new SimulatorHttpServer(sim.model, sim, {
      host: opts.host ?? '127.0.0.1',
      port: opts.port ?? 0,
      credentials: { username: opts.username ?? 'voxtra', password: opts.password ?? 'voxtra' },
      sessionLimit: opts.sessionLimit ?? 100,
      keepAliveMs: opts.keepAliveMs ?? 15000,
      responseDelayMs: opts.responseDelayMs ?? 0,
    });
    await sim.http.listen();
    return sim;
  }

  /** A simulator with no server; connect with {@link createTransport}. */
  static createInProcess(opts: SimulatorOptions = {}): AriSimulator {
    return new AriSimulator(opts);
  }

  /** Base URL without /ari, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    if (!this.http) throw new VoxtraError('SIMULATOR', 'an in-process simulator has no URL');
    return `http://${this.options.host ?? '127.0.0.1'}:${this.http.port}`;
  }

  get running(): boolean {
    return !this.stopped;
  }

  /** An ARI transport bound to this simulator's model (no network). */
  createTransport(opts: InProcessTransportOptions = {}): InProcessTransport {
    return new InProcessTransport(this, opts);
  }

  /**
   * An events WebSocket for `apps` without a network (REST over it with
   * RESTRequest frames), for clients tested on a FakeClock.
   */
  openEventsSocket(apps: readonly string[], opts: InProcessEventsSocketOptions = {}): InProcessEventsSocket {
    if (apps.length === 0) throw new VoxtraError('SIMULATOR', 'an events socket needs at least one app', { status: 400 });
    if (this.stopped) throw new VoxtraError('SIMULATOR', 'the simulator is stopped', { status: 503 });
    const socket = new InProcessEventsSocket(this.model, apps, opts);
    this.eventSockets.add(socket);
    socket.onClose(() => this.eventSockets.delete(socket));
    return socket;
  }

  attach(t: InProcessTransport): void {
    this.transports.add(t);
  }

  detach(t: InProcessTransport): void {
    this.transports.delete(t);
  }

  placeCall(opts: PlaceCallOptions): string {
    return placeCall(this.model, opts).id;
  }

  sendDtmf(channelId: string, digits: string, opts: DtmfOptions = {}): void {
    sendDigits(this.model, this.live(channelId), digits, opts);
  }

  hangup(channelId: string): void {
    callerHangup(this.model, this.live(channelId));
  }

  transcript(channelId: string): TranscriptEntry[] {
    const entries = this.model.calls.entries(channelId);
    if (!entries) throw new VoxtraError('SIMULATOR', `unknown call ${channelId}`, { status: 404 });
    return [...entries];
  }

  async waitForEnd(channelId: string, opts: { timeoutMs?: number } = {}): Promise<TranscriptEntry[]> {
    const rec = this.model.calls.get(channelId);
    if (!rec) throw new VoxtraError('SIMULATOR', `unknown call ${channelId}`, { status: 404 });
    if (opts.timeoutMs !== undefined && !rec.ended) {
      let timer: TimerHandle | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = this.model.clock.setTimeout(
          () => reject(new VoxtraError('SIMULATOR', `call ${channelId} did not end within ${opts.timeoutMs} ms`, { status: 408, reason: 'timeout' })),
          opts.timeoutMs ?? 0,
        );
      });
      try {
        await Promise.race([rec.done, timeout]);
      } finally {
        if (timer !== undefined) this.model.clock.clearTimeout(timer);
      }
    } else {
      await rec.done;
    }
    return [...rec.transcript.entries];
  }

  setEndpoint(endpoint: string, behaviour: EndpointBehaviour): void {
    if (!['answer', 'busy', 'no-answer', 'unavailable'].includes(behaviour.kind)) {
      throw new VoxtraError('SIMULATOR', `unknown endpoint behaviour ${JSON.stringify(behaviour.kind)}`, { status: 400 });
    }
    if (!/^PJSIP\//i.test(endpoint)) throw new VoxtraError('SIMULATOR', `only PJSIP endpoints can be configured, got ${endpoint}`, { status: 400 });
    this.model.endpoints.set(endpoint, behaviour);
  }

  setQueue(name: string, behaviour: QueueBehaviour): void {
    this.model.queues.set(name, behaviour);
  }

  dropEventSockets(): void {
    this.http?.events.dropAll();
    for (const s of [...this.eventSockets]) s.drop();
    for (const t of [...this.transports]) t.drop(new Error('events connection dropped by the simulator'));
  }

  setOutbound(id: string, config: OutboundWebSocketConfig): OutboundStatus {
    return this.outboundWs.set(id, config);
  }

  removeOutbound(id: string): boolean {
    return this.outboundWs.remove(id);
  }

  outbound(): OutboundStatus[] {
    return this.outboundWs.list();
  }

  asteriskLog(): AsteriskLogEntry[] {
    return this.model.log.entries();
  }

  calls(): CallSummary[] {
    return this.model.calls.list().map((r) => ({ channelId: r.channelId, name: r.channelName, placed: r.placed, ended: r.ended }));
  }

  stats(): SimulatorStats {
    return {
      sessions: this.http?.sessions() ?? NO_SESSIONS,
      eventSockets: this.http?.events.count ?? [...this.transports].filter((t) => t.state === 'connected').length + this.eventSockets.size,
      outboundSockets: this.outboundWs.openSockets,
      activeChannels: [...this.model.channels.values()].filter((c) => !c.hungUp).length,
      channelsCreated: this.model.counters.channels,
      placedCalls: this.model.counters.placedCalls,
      eventsSent: this.model.counters.events,
      firstRequest: this.model.firstRequests.summary(),
    };
  }

  /**
   * Stops like `core stop now`: channels get HangupRequest{4}/{0} and
   * StasisEnd, events connections drop without a close frame, and the port
   * stops answering until {@link restart}.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    shutdown(this.model);
    this.outboundWs.suspend();
    this.stopped = true;
    for (const t of [...this.transports]) t.drop(new Error('simulator stopped'));
    for (const s of [...this.eventSockets]) s.drop();
    if (this.http) {
      // Let the shutdown events reach the sockets before they are cut.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await this.http.close();
    }
  }

  /** Listens again on the same port (or reopens in-process transports) with an empty server. */
  async restart(): Promise<void> {
    if (!this.stopped) await this.stop();
    this.stopped = false;
    await this.http?.listen();
    this.outboundWs.resume();
  }

  private live(channelId: string): Channel {
    const ch = this.model.liveChannel(channelId);
    if (!ch) throw new VoxtraError('SIMULATOR', `no live call ${channelId}`, { status: 404 });
    return ch;
  }
}
