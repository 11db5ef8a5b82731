import { randomUUID } from 'node:crypto';
import { CancelSource } from '../core/cancel-source';
import { systemClock, type Clock, type TimerHandle } from '../core/clock';
import { VoxtraError } from '../core/errors';
import { Listeners, type AnyListener } from '../core/listeners';
import { silentLogger, type Logger } from '../core/logger';
import type {
  Bridge,
  CallControl,
  CallEnd,
  DialplanTarget,
  HangupReason,
  OriginateOptions,
  OutboundLeg,
  Playback,
  Recording,
  RecordOptions,
} from '../control/call-control';
import { ariMessage, ariStatus, channelGone, channelGoneReason, isChannelGone } from './ari-errors';
import { AriBridge } from './ari-bridge';
import { AriOutboundLeg } from './ari-outbound-leg';
import { AriPlayback } from './ari-playback';
import { AriRecording } from './ari-recording';
import { ChannelEndState, channelEndTransition, hasEnded } from './channel-end-state';
import { dialLegAppArgs } from './dial-leg';
import type { DemuxSubscription, EventDemux } from './event-demux';
import type { AriEvent, AriOperation, AriParams, AriRequestOptions, AriTransport } from './transport';

/** Default interval of the unfinished-playback check. */
export const DEFAULT_PLAYBACK_CHECK_MS = 3000;
// A PlaybackFinished may be on its way when the GET answers 404; give it this long.
const PLAYBACK_GONE_GRACE_MS = 500;

interface HangupRequest {
  readonly cause?: number;
  readonly soft?: boolean;
}
const NO_HANGUP_REQUEST: HangupRequest = Object.freeze({});
// play names its playback itself: the Playback Asterisk echoes back is never read, so it is not parsed either.
const IGNORE_BODY: AriRequestOptions = Object.freeze({ ignoreBody: true });

/** Where the control tells the gateway which channel ids are its dial legs. */
export interface DialLegRegistry {
  add(legId: string, parentId: string): void;
  delete(legId: string): void;
}

export interface AriCallControlOptions {
  readonly transport: AriTransport;
  readonly demux: EventDemux;
  readonly channelId: string;
  /** Our Stasis app the channel is in; originated legs enter it too. */
  readonly app: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly dialLegs?: DialLegRegistry;
  /** Called once, when the control has released everything (with the control). */
  readonly onDisposed?: (control: AriCallControl) => void;
  /**
   * After ARI said the channel is gone (404/409/412) we wait this long for
   * StasisEnd before ending the control ourselves (events may have been lost
   * with a dropped socket). Default 2000 ms.
   */
  readonly goneGraceMs?: number;
  /** Id generator for playbacks, legs and bridges (tests make it predictable). */
  readonly newId?: () => string;
  /**
   * How often an unfinished playback is checked with `GET /playbacks/{id}`
   * (Asterisk never finishes a playback of an unknown scheme or a missing
   * recording; it just forgets it). Default 3000 ms; 0 turns the check off.
   */
  readonly playbackCheckMs?: number;
}

/**
 * {@link CallControl} for one channel in Stasis, over any {@link AriTransport}.
 *
 * Hangup handling follows what Asterisk does on the wire: ChannelHangupRequest
 * aborts `signal` at once (requests sent after it get 404), StasisEnd settles
 * `ended` and releases every listener. After `signal` aborts, channel
 * operations reject with `ARI_CHANNEL_GONE` without sending anything. The
 * steps of the channel's end are a {@link ChannelEndState}, changed only in
 * `enter()`.
 */
export class AriCallControl implements CallControl {
  readonly channelId: string;
  /** The end as a cheap signal; `signal`'s AbortController is made from it on first read. */
  readonly ending = new CancelSource();
  private controller: AbortController | undefined;
  // `ended` is made on first read (the runtime never reads it; a promise and its resolvers per call in progress did
  // show in heap snapshots): until then the end is only recorded here.
  private endedPromise: Promise<CallEnd> | undefined;
  private resolveEnded: ((end: CallEnd) => void) | undefined;
  private end: CallEnd | undefined;
  private state = ChannelEndState.Live;
  /** The first ChannelHangupRequest's cause and `soft` (set on entering HangupRequested). */
  private hangupRequest: HangupRequest | undefined;
  // What the app asked for, to tell who ended the call (`ended.by`); both may be true.
  private hangupCalled = false;
  private continueCalled = false;
  private goneTimer: TimerHandle | undefined;
  private readonly channelEvents: DemuxSubscription;
  private readonly dtmfListeners = new Listeners<string>(this.dtmfListenerFailed, this);
  // Made on first use: most calls never record, dial or bridge, and a Set each per call was a measurable part of its heap.
  private playbacks: Set<AriPlayback> | undefined;
  private recordings: Set<AriRecording> | undefined;
  private legs: Set<AriOutboundLeg> | undefined;
  private bridges: Set<AriBridge> | undefined;
  private readonly transport: AriTransport;
  private readonly demux: EventDemux;
  private readonly app: string;
  private readonly clock: Clock;
  private readonly baseLogger: Logger;
  private lazyLogger: Logger | undefined;
  private readonly goneGraceMs: number;
  private readonly playbackCheckMs: number;
  private readonly newId: () => string;
  private readonly dialLegs: DialLegRegistry | undefined;
  private readonly onDisposed: ((control: AriCallControl) => void) | undefined;

  // The options are read here and not kept: a gateway's controls share their parts, not an options object each.
  constructor(opts: AriCallControlOptions) {
    this.channelId = opts.channelId;
    this.transport = opts.transport;
    this.demux = opts.demux;
    this.app = opts.app;
    this.clock = opts.clock ?? systemClock;
    this.baseLogger = opts.logger ?? silentLogger;
    this.goneGraceMs = opts.goneGraceMs ?? 2000;
    this.playbackCheckMs = opts.playbackCheckMs ?? DEFAULT_PLAYBACK_CHECK_MS;
    this.newId = opts.newId ?? randomUUID;
    this.dialLegs = opts.dialLegs;
    this.onDisposed = opts.onDisposed;
    this.channelEvents = this.demux.subscribe('channel', this.channelId, this.onChannelEvent, this);
  }

  get ended(): Promise<CallEnd> {
    if (this.endedPromise === undefined) {
      const end = this.end;
      this.endedPromise = end !== undefined ? Promise.resolve(end) : new Promise<CallEnd>((resolve) => (this.resolveEnded = resolve));
    }
    return this.endedPromise;
  }

  // Built on first use: most calls never log here, and a child logger per call is a measurable cost at high call rates.
  private get logger(): Logger {
    return (this.lazyLogger ??= this.baseLogger.child({ channelId: this.channelId }));
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.ending.aborted) this.controller.abort(this.ending.reason);
    }
    return this.controller.signal;
  }

  /** True once the control released its listeners. */
  get isDisposed(): boolean {
    return this.state === ChannelEndState.Released;
  }

  /** Dial legs still being followed (for reconciliation). */
  get liveLegIds(): string[] {
    return [...(this.legs ?? [])].map((l) => l.channelId);
  }

  answer(): Promise<void> {
    return this.channelOp('channels.answer', {});
  }

  async hangup(reason?: HangupReason): Promise<void> {
    this.guard();
    this.hangupCalled = true;
    await this.channelOp('channels.hangup', { reason });
  }

  async play(media: readonly string[], opts: { lang?: string } = {}): Promise<Playback> {
    this.guard();
    if (media.length === 0) throw new VoxtraError('UNSAFE_INPUT', 'play needs at least one media URI');
    // ARI takes a list as one comma-separated parameter; a comma inside a URI would split it.
    const bad = media.find((m) => m === '' || m.includes(','));
    if (bad !== undefined) throw new VoxtraError('UNSAFE_INPUT', `media URI ${JSON.stringify(bad)} is empty or contains a comma`);
    const checkMs = this.playbackCheckMs;
    const watchdog = checkMs > 0 ? { clock: this.clock, checkMs, graceMs: PLAYBACK_GONE_GRACE_MS } : undefined;
    const playback = new AriPlayback(this.newId(), this.transport, this.demux, (pb) => this.playbackDone(pb), watchdog);
    (this.playbacks ??= new Set()).add(playback);
    try {
      await this.channelOp('channels.play', { media: media.join(','), lang: opts.lang, playbackId: playback.id }, IGNORE_BODY);
    } catch (err) {
      playback.settle(isChannelGone(err) ? 'hangup' : 'failed');
      throw err;
    }
    playback.watch();
    return playback;
  }

  onDtmf(listener: AnyListener<string>): () => void {
    return this.dtmfListeners.add(listener);
  }

  offDtmf(listener: AnyListener<string>): void {
    this.dtmfListeners.delete(listener);
  }

  async getVariable(name: string): Promise<string | undefined> {
    try {
      const body = await this.channelOp<{ value?: unknown } | undefined>('channels.getChannelVar', { variable: name });
      return typeof body?.value === 'string' ? body.value : undefined;
    } catch (err) {
      // 404 "Provided variable was not found": unset, not an error.
      if (ariStatus(err) === 404 && /variable/i.test(ariMessage(err))) return undefined;
      throw err;
    }
  }

  setVariable(name: string, value: string): Promise<void> {
    return this.channelOp('channels.setChannelVar', { variable: name, value });
  }

  async continueInDialplan(target: DialplanTarget): Promise<void> {
    this.guard();
    this.continueCalled = true;
    await this.channelOp('channels.continueInDialplan', {
      context: target.context,
      extension: target.extension,
      priority: target.priority,
      label: target.label,
    });
  }

  sendDtmf(dtmf: string, opts: { betweenMs?: number; durationMs?: number } = {}): Promise<void> {
    return this.channelOp('channels.sendDTMF', { dtmf, between: opts.betweenMs, duration: opts.durationMs });
  }

  startMoh(mohClass?: string): Promise<void> {
    return this.channelOp('channels.startMoh', { mohClass });
  }

  stopMoh(): Promise<void> {
    return this.channelOp('channels.stopMoh', {});
  }

  ring(): Promise<void> {
    return this.channelOp('channels.ring', {});
  }

  ringStop(): Promise<void> {
    return this.channelOp('channels.ringStop', {});
  }

  async record(opts: RecordOptions): Promise<Recording> {
    this.guard();
    if (opts.name === '' || opts.name.startsWith('/') || opts.name.split('/').includes('..')) {
      throw new VoxtraError('UNSAFE_INPUT', `recording name ${JSON.stringify(opts.name)} is not a safe relative name`);
    }
    const recording = new AriRecording(opts, this.transport, this.demux, this.clock, (r) => this.recordings?.delete(r));
    (this.recordings ??= new Set()).add(recording);
    try {
      await this.channelOp('channels.record', {
        name: opts.name,
        format: opts.format,
        maxDurationSeconds: opts.maxDurationSeconds,
        maxSilenceSeconds: opts.maxSilenceSeconds,
        beep: opts.beep,
        terminateOn: opts.terminateOn,
        ifExists: opts.ifExists,
      });
    } catch (err) {
      recording.settle(isChannelGone(err) ? 'hangup' : 'failed', isChannelGone(err) ? undefined : ariMessage(err));
      throw err;
    }
    return recording;
  }

  async originate(opts: OriginateOptions): Promise<OutboundLeg> {
    this.guard();
    const legId = this.newId();
    const leg = new AriOutboundLeg(legId, this.transport, this.demux, (l) => {
      this.legs?.delete(l);
      this.dialLegs?.delete(l.channelId);
    });
    (this.legs ??= new Set()).add(leg);
    this.dialLegs?.add(legId, this.channelId);
    try {
      await this.transport.request('channels.originate', {
        endpoint: opts.endpoint,
        app: this.app,
        appArgs: dialLegAppArgs(this.channelId),
        callerId: opts.callerId,
        timeout: opts.timeoutSeconds,
        variables: opts.variables,
        channelId: legId,
        originator: this.channelId,
      });
    } catch (err) {
      leg.end('failed');
      throw err;
    }
    return leg;
  }

  async createBridge(): Promise<Bridge> {
    const bridgeId = this.newId();
    await this.transport.request('bridges.create', { type: 'mixing', bridgeId, name: `voxtra-${this.channelId}` });
    const bridge = new AriBridge(bridgeId, this.transport);
    (this.bridges ??= new Set()).add(bridge);
    return bridge;
  }

  /**
   * Ends the control from outside: reconciliation found the channel gone or
   * out of our app while no events could reach us.
   */
  markEnded(end: CallEnd): void {
    this.finish(end);
  }

  /** Ends legs that reconciliation no longer finds in our app (only those in `candidates`, known before it asked). */
  reconcileLegs(present: ReadonlySet<string>, candidates?: ReadonlySet<string>): void {
    for (const leg of [...(this.legs ?? [])]) {
      if (candidates && !candidates.has(leg.channelId)) continue;
      if (!present.has(leg.channelId)) leg.end('hangup');
    }
  }

  dispose(): void {
    // Let go before the channel ended (shutdown): from here on nothing is sent through this control.
    this.finish({ kind: 'left', by: 'app' });
  }

  /** Lets go of everything the call held, once it ended. */
  private release(): void {
    this.enter(ChannelEndState.Released);
    this.demux.unsubscribe(this.channelEvents);
    if (this.goneTimer !== undefined) this.clock.clearTimeout(this.goneTimer);
    for (const pb of [...(this.playbacks ?? [])]) pb.settle('hangup');
    for (const rec of [...(this.recordings ?? [])]) {
      rec.noteHangup();
      rec.settle('hangup');
    }
    this.dtmfListeners.clear();
    // Safety net: legs and bridges of a finished call would otherwise live on in Asterisk.
    for (const leg of [...(this.legs ?? [])]) {
      leg.hangup().catch((err: unknown) => this.logger.warn({ err, legId: leg.channelId }, 'could not hang up a dial leg of an ended call'));
      leg.end('hangup');
    }
    for (const bridge of [...(this.bridges ?? [])]) {
      if (!bridge.isDestroyed) bridge.destroy().catch((err: unknown) => this.logger.warn({ err, bridgeId: bridge.id }, 'could not destroy the bridge of an ended call'));
    }
    this.bridges?.clear();
    this.onDisposed?.(this);
  }

  private dtmfListenerFailed(err: unknown): void {
    this.logger.error({ err }, 'DTMF listener threw');
  }

  private onChannelEvent(event: AriEvent): void {
    if (idOf(event.channel) !== this.channelId) return; // Dial events where we are the caller
    switch (event.type) {
      case 'ChannelDtmfReceived': {
        const digit = typeof event.digit === 'string' ? event.digit : '';
        if (!digit || this.state !== ChannelEndState.Live) return;
        if (this.recordings) for (const rec of this.recordings) rec.noteDigit(digit);
        this.dtmfListeners.emit(digit);
        return;
      }
      case 'ChannelHangupRequest':
        // Shutdown sends a second request ({cause: 0}); the first says who asked.
        if (this.state === ChannelEndState.Live || this.state === ChannelEndState.Gone) {
          this.hangupRequest = {
            ...(typeof event.cause === 'number' ? { cause: event.cause } : {}),
            ...(typeof event.soft === 'boolean' ? { soft: event.soft } : {}),
          };
          this.enter(ChannelEndState.HangupRequested);
        }
        this.settleMedia();
        return;
      case 'StasisEnd':
        this.finish(this.state === ChannelEndState.HangupRequested ? this.hangupEnd() : { kind: 'left', by: this.continueCalled ? 'app' : 'unknown' });
        return;
      case 'ChannelDestroyed':
        this.finish({ kind: 'hangup', ...(typeof event.cause === 'number' ? { cause: event.cause } : {}), by: this.hangupCalled ? 'app' : 'unknown' });
        return;
      default:
        return;
    }
  }

  private hangupEnd(): CallEnd {
    const req = this.hangupRequest ?? NO_HANGUP_REQUEST;
    const by: CallEnd['by'] = this.hangupCalled ? 'app' : req.soft ? 'server' : 'caller';
    return { kind: 'hangup', ...(req.cause !== undefined ? { cause: req.cause } : {}), by };
  }

  /**
   * The one place the end state changes. Leaving `Live` aborts `signal`
   * (with `cause`, the "gone" answer that showed it, if any): waits end and
   * nothing more is sent.
   */
  private enter(next: ChannelEndState, cause?: unknown): void {
    const from = this.state;
    this.state = channelEndTransition(from, next);
    if (from === ChannelEndState.Live) {
      const reason = channelGoneReason(this.channelId, cause);
      this.ending.cancel(reason);
      this.controller?.abort(reason);
    }
  }

  // The set goes once empty: a call waits for its digits long after its prompt, and an empty Set keeps its table.
  private playbackDone(pb: AriPlayback): void {
    if (this.playbacks?.delete(pb) && this.playbacks.size === 0) this.playbacks = undefined;
  }

  /** The channel is going: running playbacks end as `hangup`, recordings learn why they will stop. */
  private settleMedia(): void {
    if (this.playbacks) for (const pb of [...this.playbacks]) pb.settle('hangup');
    if (this.recordings) for (const rec of this.recordings) rec.noteHangup();
  }

  private finish(end: CallEnd): void {
    if (hasEnded(this.state)) return;
    this.enter(ChannelEndState.Ended);
    this.settleMedia();
    this.end = end;
    this.resolveEnded?.(end);
    this.resolveEnded = undefined;
    this.release();
  }

  private guard(): void {
    if (this.state !== ChannelEndState.Live) throw channelGone(this.channelId);
  }

  private async channelOp<T = void>(op: AriOperation, params: AriParams, opts?: AriRequestOptions): Promise<T> {
    this.guard();
    try {
      return await this.transport.request<T>(op, Object.assign({ channelId: this.channelId }, params), opts);
    } catch (err) {
      if (!isChannelGone(err)) throw err;
      this.noteGoneByRequest(err);
      throw channelGone(this.channelId, err);
    }
  }

  /** ARI says the channel is gone; StasisEnd should follow, but it may have been lost with a socket. */
  private noteGoneByRequest(err: unknown): void {
    if (this.state === ChannelEndState.Live) this.enter(ChannelEndState.Gone, err);
    this.settleMedia();
    if (hasEnded(this.state) || this.goneTimer !== undefined) return;
    const kind: CallEnd['kind'] = ariStatus(err) === 409 ? 'left' : 'hangup';
    this.goneTimer = this.clock.setTimeout(() => {
      this.goneTimer = undefined;
      this.finish(kind === 'hangup' && this.state === ChannelEndState.HangupRequested ? this.hangupEnd() : { kind, by: 'unknown' });
    }, this.goneGraceMs);
  }
}

function idOf(value: unknown): string | undefined {
  const id = (value as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}
