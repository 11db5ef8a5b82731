import type { Clock, TimerHandle } from '../../core/clock';
import { AppRegistry, type StasisApp } from './apps';
import { AsteriskLog } from './asterisk-log';
import type { BroadcastOffer } from './broadcast';
import type { Bridge } from './bridge';
import { CallLog } from './call-log';
import type { CallerId } from './caller-id';
import { Channel, type ChannelOrigin, type ChannelState, type ChannelTech, type DialplanLocation } from './channel';
import { Dialplan, defaultDialplan, type DialplanConfig, type DialplanNames } from './dialplan';
import { EndpointRegistry, type EndpointBehaviour } from './endpoints';
import { eventAllowed } from './event-filter';
import { FirstRequestTracker } from './first-request';
import * as ev from './events';
import { IdFactory } from './ids';
import type { JsonObject } from './json';
import { planMedia, type MediaPlan } from './media';
import type { Playback, PlaybackQueue } from './playback';
import type { LiveRecording } from './recording';
import { StoredRecordings } from './recording';
import { ScaledClock } from '../../core/scaled-clock';
import { DEFAULT_SOUNDS } from './sounds';
import { formatAriTimestamp } from './time';
import { Transcript, type HangupParty, type TranscriptEvent } from './transcript';
import * as bridging from './bridging';
import * as lifecycle from './lifecycle';
import * as pbx from './pbx';
import * as teardown from './teardown';
import * as mediaEngine from './media-engine';
import type { TeardownKind } from './teardown';

/** What a simulated queue does when a call joins it. */
export interface QueueBehaviour {
  /** No member ever answers: the caller waits for Queue()'s timeout. */
  readonly noAgents?: boolean;
}

export interface ModelOptions {
  readonly clock: Clock;
  /** Real ms per simulated ms (0.01 makes a 2.8 s prompt take 28 ms). */
  readonly timeScale: number;
  /** Simulated wall clock at start (default: the clock's now, or Date.now() for small fake clocks). */
  readonly epochMs?: number;
  readonly asteriskId?: string;
  /** Extra or overriding sounds: name → length in ms. */
  readonly sounds?: Readonly<Record<string, number>>;
  /** `sound:http(s)://...` media: URL → length in ms (unknown URLs fail like missing files). */
  readonly remoteMedia?: Readonly<Record<string, number>>;
  /** Extra dialplan contexts, merged over the defaults. */
  readonly dialplan?: DialplanConfig;
  readonly inboundContext?: string;
  readonly queuesContext?: string;
  readonly agentsContext?: string;
  /** App placed calls enter when they name none. */
  readonly defaultApp?: string;
  /** Sound the default inbound extensions play when Stasis() fails (then they hang up). */
  readonly fallback?: string;
  /** PJSIP endpoint that inbound calls come from (channel names `PJSIP/<it>-0000000N`). */
  readonly inboundEndpoint?: string;
  readonly endpoints?: Readonly<Record<string, EndpointBehaviour>>;
  readonly queues?: Readonly<Record<string, QueueBehaviour>>;
  /** Transcripts of ended calls kept for later lookup. */
  readonly maxEndedCalls?: number;
}

/**
 * What Stasis() falls back to for an app no socket holds: res_ari's
 * per_call_config outbound WebSockets. `start` returns false when no such
 * connection is configured for `app`; otherwise the call enters Stasis
 * once the per-call socket is up, or `next` runs with STASISSTATUS=FAILED.
 */
export interface PerCallStasis {
  start(ch: Channel, app: string, args: readonly string[], appData: string, next: () => void): boolean;
}

export interface NewChannelSpec {
  readonly tech: ChannelTech;
  readonly resource: string;
  /** Name without the `-0000000N` suffix is built from tech/resource; `nameSuffix` appends `;1`/`;2`. */
  readonly nameSuffix?: string;
  readonly sharedNameCounter?: string;
  readonly origin: ChannelOrigin;
  readonly protocolId: string;
  readonly state: ChannelState;
  readonly caller: CallerId;
  readonly connected: CallerId;
  readonly dialplan: DialplanLocation;
  readonly id?: string;
  readonly placed?: boolean;
}

/**
 * A transport-free model of one Asterisk 22 server: channels, Stasis apps,
 * playbacks, bridges, recordings, dialplan. ARI operations (ops/) read and
 * change it; every event goes out through the registered app sinks.
 */
export class AsteriskModel {
  readonly clock: ScaledClock;
  readonly ids = new IdFactory();
  readonly apps: AppRegistry;
  readonly asteriskId: string;
  readonly startupMs: number;
  readonly channels = new Map<string, Channel>();
  readonly bridges = new Map<string, Bridge>();
  readonly playbacks = new Map<string, Playback[]>();
  readonly liveRecordings = new Map<string, LiveRecording>();
  readonly stored = new StoredRecordings();
  readonly globals = new Map<string, string>();
  readonly names: DialplanNames;
  readonly dialplan: Dialplan;
  readonly endpoints: EndpointRegistry;
  readonly queues = new Map<string, QueueBehaviour>();
  readonly sounds: Record<string, number>;
  readonly remoteMedia: Record<string, number>;
  readonly calls: CallLog;
  readonly counters = { events: 0, channels: 0, placedCalls: 0, broadcasts: 0 };
  /** Channels StasisBroadcast() has on offer, by channel id. */
  readonly broadcasts = new Map<string, BroadcastOffer>();
  /** What Asterisk would write to messages.log about outbound WebSockets, broadcasts and per-call apps. */
  readonly log: AsteriskLog;
  /** Per-call outbound WebSockets (set by the simulator when it has per_call_config connections). */
  perCallStasis?: PerCallStasis;
  /** StasisStart → first request latency (real ms), for benchmarks. */
  readonly firstRequests = new FirstRequestTracker();

  constructor(opts: ModelOptions) {
    const clockNow = opts.clock.now();
    const epoch = opts.epochMs ?? (clockNow > 1e12 ? clockNow : Date.now());
    this.clock = new ScaledClock(opts.timeScale, opts.clock, epoch);
    this.startupMs = this.clock.now();
    this.asteriskId = opts.asteriskId ?? '02:fc:00:00:00:01';
    this.apps = new AppRegistry((sink, app) => {
      if (this.allows(app, 'ApplicationReplaced')) sink.send({ type: 'ApplicationReplaced', timestamp: this.ts(), application: app, asterisk_id: this.asteriskId });
    });
    this.names = {
      inbound: opts.inboundContext ?? 'voxtra-in',
      queues: opts.queuesContext ?? 'voxtra-queues',
      agents: opts.agentsContext ?? 'voxtra-agents',
      defaultApp: opts.defaultApp ?? 'voxtra',
      ...(opts.fallback !== undefined ? { fallback: opts.fallback } : {}),
    };
    this.dialplan = new Dialplan(defaultDialplan(this.names), opts.dialplan);
    this.endpoints = new EndpointRegistry(opts.inboundEndpoint ?? 'sipp', opts.endpoints ?? {});
    for (const [name, q] of Object.entries(opts.queues ?? {})) this.queues.set(name, q);
    this.sounds = { ...DEFAULT_SOUNDS, ...(opts.sounds ?? {}) };
    this.remoteMedia = { ...(opts.remoteMedia ?? {}) };
    this.calls = new CallLog(opts.maxEndedCalls ?? 10_000);
    this.log = new AsteriskLog(() => this.now());
  }

  now(): number {
    return this.clock.now();
  }

  ts(): string {
    return formatAriTimestamp(this.now());
  }

  // ---- events -------------------------------------------------------------

  /** Delivers `event` to each named app that has a socket (others drop it, as Asterisk does) and whose event filter lets it through. */
  emit(event: JsonObject, apps: Iterable<string>): void {
    for (const name of new Set(apps)) {
      const app = this.apps.get(name);
      if (!app?.sink) continue;
      if ((app.eventsAllowed || app.eventsDisallowed) && !eventAllowed(app, event.type as string)) continue;
      this.counters.events++;
      app.sink.send({ ...event, asterisk_id: this.asteriskId, application: name });
    }
  }

  appsForChannel(ch: Channel): Set<string> {
    const out = new Set(ch.subscribedApps);
    if (ch.stasis) out.add(ch.stasis.app);
    for (const app of this.apps.all()) if (app.subscribeAll && app.sink) out.add(app.name);
    return out;
  }

  appsForBridge(bridge: Bridge): Set<string> {
    const out = new Set(bridge.subscribedApps);
    for (const app of this.apps.all()) if (app.subscribeAll && app.sink) out.add(app.name);
    return out;
  }

  emitChannel(ch: Channel, event: JsonObject): void {
    this.emit(event, this.appsForChannel(ch));
  }

  emitDial(status: string, dialstring: string, peer: Channel, caller?: Channel): void {
    const apps = this.appsForChannel(peer);
    if (caller) for (const a of this.appsForChannel(caller)) apps.add(a);
    this.emit(ev.dialEvent(this.ts(), { status, dialstring, peer, caller }), apps);
  }

  /**
   * Whether a frame of `type` may go to `app`'s socket (stasis_app_event_allowed):
   * false for an app that no longer exists, else its event filter decides.
   */
  allows(appName: string, type: string): boolean {
    const app = this.apps.get(appName);
    if (!app) return false;
    return !(app.eventsAllowed || app.eventsDisallowed) || eventAllowed(app, type);
  }

  note(ch: Channel, event: TranscriptEvent): void {
    ch.transcript.add(event);
  }

  /** True while channels or subscriptions still reference the app. */
  appInUse(app: StasisApp): boolean {
    return app.channelIds.size > 0 || app.stasisChannelIds.size > 0 || app.bridgeIds.size > 0 || app.endpointIds.size > 0;
  }

  pruneApp(name: string): void {
    this.apps.prune(name, (a) => this.appInUse(a));
  }

  // ---- timers ---------------------------------------------------------------

  /** A timer owned by `ch`: cancelled when the channel hangs up. */
  channelTimer(ch: Channel, simMs: number, fn: () => void): TimerHandle {
    const handle: TimerHandle = this.clock.setTimeout(() => {
      ch.timers.delete(handle);
      if (!ch.hungUp) fn();
    }, simMs);
    ch.timers.add(handle);
    return handle;
  }

  clearChannelTimers(ch: Channel): void {
    for (const t of ch.timers) this.clock.clearTimeout(t);
    ch.timers.clear();
  }

  // ---- channels -------------------------------------------------------------

  newChannel(spec: NewChannelSpec): Channel {
    const now = this.now();
    const id = spec.id ?? this.ids.channelId(now);
    const counter = spec.sharedNameCounter ?? this.ids.nameSuffix(spec.tech);
    const name = `${spec.tech}/${spec.resource}-${counter}${spec.nameSuffix ?? ''}`;
    const transcript = new Transcript(now, () => this.now());
    const ch = new Channel(id, name, spec.tech, spec.resource, spec.origin, spec.protocolId, now, transcript, spec);
    this.channels.set(id, ch);
    this.calls.open(id, name, transcript, spec.placed ?? false);
    this.counters.channels++;
    return ch;
  }

  /** A channel ARI can still act on (not hung up). */
  liveChannel(id: string | undefined): Channel | undefined {
    if (id === undefined) return undefined;
    const ch = this.channels.get(id);
    return ch && !ch.hungUp ? ch : undefined;
  }

  setState(ch: Channel, state: ChannelState): void {
    lifecycle.setState(this, ch, state);
  }

  setVar(ch: Channel, name: string, value: string | undefined): void {
    lifecycle.setVar(this, ch, name, value);
  }

  readVariable(ch: Channel, name: string): lifecycle.VariableRead {
    return lifecycle.readVariable(this, ch, name);
  }

  answer(ch: Channel): void {
    lifecycle.answer(this, ch);
  }

  enterStasis(ch: Channel, app: string, args: readonly string[], appData: string, announce: boolean, appName?: string): boolean {
    return lifecycle.enterStasis(this, ch, app, args, appData, announce, appName);
  }

  leaveStasis(ch: Channel): void {
    lifecycle.leaveStasis(this, ch);
  }

  runDialplan(ch: Channel, context: string, exten: string, priority: number): void {
    pbx.runDialplan(this, ch, context, exten, priority);
  }

  hangup(ch: Channel, kind: TeardownKind, cause: number, by: HangupParty): void {
    teardown.hangup(this, ch, kind, cause, by);
  }

  // ---- bridges --------------------------------------------------------------

  joinBridge(bridge: Bridge, ch: Channel, opts: bridging.JoinOptions = {}): void {
    bridging.join(this, bridge, ch, opts);
  }

  leaveBridge(ch: Channel): void {
    bridging.leave(this, ch);
  }

  destroyBridge(bridge: Bridge): void {
    bridging.destroy(this, bridge);
  }

  // ---- media ----------------------------------------------------------------

  planMedia(uri: string): MediaPlan {
    return planMedia(uri, {
      sounds: this.sounds,
      remote: this.remoteMedia,
      storedRecordingMs: (name) => this.stored.get(name)?.durationMs,
    });
  }

  playbackQueue(ch: Channel): PlaybackQueue {
    return mediaEngine.playbackQueue(this, ch);
  }

  /** The oldest live playback with this id (ids may repeat while one still plays). */
  findPlayback(id: string): Playback | undefined {
    return this.playbacks.get(id)?.[0];
  }

  /** A DTMF digit from the far end of `ch`, sent at the end of the digit like RFC 4733. */
  dtmfReceived(ch: Channel, digit: string, durationMs: number): void {
    mediaEngine.dtmfReceived(this, ch, digit, durationMs);
  }
}
