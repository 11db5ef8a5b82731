import { systemClock, type Clock } from '../core/clock';
import { Listeners } from '../core/listeners';
import { silentLogger, type Logger } from '../core/logger';
import type { ChannelInfo } from '../control/call-control';
import type { IncomingCall } from '../control/incoming-call';
import { ariStatus } from './ari-errors';
import { AriCallControl, type DialLegRegistry } from './ari-call-control';
import { parseChannelInfo, stasisAppOf } from './channel-info';
import { dialLegParent } from './dial-leg';
import { EventDemux } from './event-demux';
import type { AriEvent, AriTransport, TransportState } from './transport';

// The arguments of a StasisStart without any: one frozen list for every such call.
const NO_ARGS: readonly string[] = Object.freeze([]);

export interface AriGatewayOptions {
  /** Server name from the config. */
  readonly server: string;
  readonly transport: AriTransport;
  /** Stasis apps to register on this server. */
  readonly apps: readonly string[];
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** See {@link AriCallControlOptions.goneGraceMs}. */
  readonly goneGraceMs?: number;
  /** See {@link AriCallControlOptions.playbackCheckMs}. */
  readonly playbackCheckMs?: number;
  readonly newId?: () => string;
  /**
   * The app the runtime serves for a Stasis app name of `apps`, when the two
   * differ: a per-call outbound connection names its app
   * `<app>:<channel name>`, a broadcast pool registers `<app>-<instance>`.
   * Calls are handed on under the served name; their control keeps the Stasis
   * name (originated legs enter it). Default: the name itself.
   */
  readonly appOf?: (stasisApp: string) => string | undefined;
}

/** A channel found in one of our apps by {@link AriGateway.listChannels}. */
export interface AppChannel {
  readonly app: string;
  readonly channel: ChannelInfo;
  /** Stasis arguments, read from the channel's dialplan `app_data`. */
  readonly args: string[];
}

/** What reconciliation found after a (re)connect. */
export interface ReconcileReport {
  /** Channels we were already running; their events now arrive on the new socket. */
  readonly continued: string[];
  /**
   * Channels in our apps that we do not run (their StasisStart came while no
   * socket was connected, or before this process started). Each comes with a
   * live control; the runtime applies its policy (hang up, continue into a
   * dialplan context, or run a flow).
   */
  readonly unknown: Array<IncomingCall & { readonly dialLegOf?: string }>;
  /** Calls we were running whose channel left our apps while we could not hear it; their controls have ended. */
  readonly vanished: string[];
}

/** Gateway-wide counters for leak tests and metrics. */
export interface GatewayCounts {
  readonly liveControls: number;
  readonly dialLegs: number;
  readonly demuxListeners: number;
}

/**
 * One Asterisk server: owns its transport and event demux, turns each
 * StasisStart that is not one of our dial legs into an {@link IncomingCall}
 * with its own {@link AriCallControl}, and releases that control on StasisEnd.
 */
export class AriGateway {
  readonly server: string;
  readonly transport: AriTransport;
  readonly demux: EventDemux;
  private apps: string[];
  private readonly replaced = new Set<string>();
  private readonly controls = new Map<string, AriCallControl>();
  private readonly legs = new Map<string, string>();
  private readonly endedDuringReconcile = new Set<Set<string>>();
  private readonly incomingListeners = new Listeners<IncomingCall>((err, call) => this.logger.error({ err, channelId: call.channel.id }, 'incoming-call listener threw'));
  private readonly replacedListeners = new Listeners<string>((err) => this.logger.error({ err }, 'replaced listener threw'));
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly unsubscribeEvents: () => void;
  // Shared by every control of this gateway (not made per call).
  private readonly dialLegs: DialLegRegistry = {
    add: (legId, parentId) => this.legs.set(legId, parentId),
    delete: (legId) => this.legs.delete(legId),
  };
  private readonly controlReleased = (control: AriCallControl): void => {
    const channelId = control.channelId;
    if (this.controls.get(channelId) === control) this.controls.delete(channelId);
    for (const ended of this.endedDuringReconcile) ended.add(channelId);
  };

  constructor(private readonly opts: AriGatewayOptions) {
    this.server = opts.server;
    this.transport = opts.transport;
    this.apps = [...opts.apps];
    this.clock = opts.clock ?? systemClock;
    this.logger = (opts.logger ?? silentLogger).child({ server: opts.server });
    this.demux = new EventDemux({ onError: (err, event) => this.logger.error({ err, type: event.type }, 'ARI event handler threw') });
    this.unsubscribeEvents = this.transport.onEvent((event) => this.handle(event));
  }

  /** Apps still ours (not taken over by another client). */
  get activeApps(): string[] {
    return this.apps.filter((a) => !this.replaced.has(a));
  }

  get replacedApps(): string[] {
    return [...this.replaced];
  }

  get counts(): GatewayCounts {
    return { liveControls: this.controls.size, dialLegs: this.legs.size, demuxListeners: this.demux.listenerCount };
  }

  get state(): TransportState {
    return this.transport.state;
  }

  /** The control of a channel we run, if any. */
  control(channelId: string): AriCallControl | undefined {
    return this.controls.get(channelId);
  }

  onIncoming(listener: (call: IncomingCall) => void): () => void {
    return this.incomingListeners.add(listener);
  }

  /** Called when Asterisk hands one of our apps to another client (ApplicationReplaced). */
  onReplaced(listener: (app: string) => void): () => void {
    return this.replacedListeners.add(listener);
  }

  /** Connects (or reconnects) the transport for the apps still ours. */
  async connect(): Promise<void> {
    const apps = this.activeApps;
    await this.transport.connect(apps);
    // The app list changed while the connect was in flight.
    if (!sameApps(apps, this.activeApps)) await this.syncApps();
  }

  /**
   * Changes the apps this server runs (a reload added or removed a tenant).
   * A connected transport moves its events socket without a gap for the apps
   * kept (see {@link AriTransport.updateApps}); otherwise the next connect
   * uses the new list. An app dropped from the list forgets that it was
   * replaced, so adding it back later registers it again.
   */
  async setApps(apps: readonly string[]): Promise<void> {
    this.apps = [...new Set(apps)];
    for (const app of [...this.replaced]) if (!this.apps.includes(app)) this.replaced.delete(app);
    await this.syncApps();
  }

  private async syncApps(): Promise<void> {
    const wanted = this.activeApps;
    if (this.transport.state !== 'connected' || wanted.length === 0) return;
    if (this.transport.updateApps) await this.transport.updateApps(wanted);
    else await this.transport.connect(wanted);
  }

  /** Channels currently in our apps: `GET /channels`, filtered by each app's `channel_ids`. */
  async listChannels(): Promise<AppChannel[]> {
    return (await this.snapshot()).inApps;
  }

  private async snapshot(): Promise<{ inApps: AppChannel[]; all: unknown[] }> {
    const listed = await this.transport.request<unknown[]>('channels.list');
    const channels = Array.isArray(listed) ? listed : [];
    const owner = new Map<string, string>();
    let byDialplan = false;
    for (const app of this.activeApps) {
      try {
        const info = await this.transport.request<{ channel_ids?: unknown }>('applications.get', { applicationName: app });
        const ids = Array.isArray(info?.channel_ids) ? info.channel_ids : [];
        for (const id of ids) if (typeof id === 'string') owner.set(id, app);
      } catch (err) {
        // 404: the app has no channels and no socket. Anything else: fall back to the channels' dialplan.
        if (ariStatus(err) !== 404) byDialplan = true;
      }
    }
    const result: AppChannel[] = [];
    for (const raw of channels) {
      const info = parseChannelInfo(raw);
      const stasis = stasisAppOf(raw);
      const app = owner.get(info.id) ?? (byDialplan && stasis && this.activeApps.includes(stasis.app) ? stasis.app : undefined);
      if (app) result.push({ app, channel: info, args: stasis?.args ?? [] });
    }
    return { inApps: result, all: channels };
  }

  /** Compares what Asterisk has in our apps with what we run; see {@link ReconcileReport}. */
  async reconcile(): Promise<ReconcileReport> {
    // Only what we knew before asking can be judged by the answer: a call that
    // started (or ended) while the snapshot was in flight is not vanished (or unknown).
    const knownBefore = new Set(this.controls.keys());
    const legsBefore = new Set(this.legs.keys());
    const endedMeanwhile = new Set<string>();
    this.endedDuringReconcile.add(endedMeanwhile);
    let snap: { inApps: AppChannel[]; all: unknown[] };
    try {
      snap = await this.snapshot();
    } finally {
      this.endedDuringReconcile.delete(endedMeanwhile);
    }
    const { inApps, all } = snap;
    const present = new Set(inApps.map((c) => c.channel.id));
    const existing = new Set(all.map((raw) => parseChannelInfo(raw).id));
    const report: { continued: string[]; unknown: Array<IncomingCall & { dialLegOf?: string }>; vanished: string[] } = { continued: [], unknown: [], vanished: [] };
    for (const found of inApps) {
      const id = found.channel.id;
      if (this.controls.has(id) || this.legs.has(id)) {
        report.continued.push(id);
        continue;
      }
      if (endedMeanwhile.has(id)) continue;
      const control = this.createControl(id, found.app);
      const parent = dialLegParent(found.args);
      report.unknown.push({ server: this.server, app: this.servedApp(found.app), channel: found.channel, args: found.args, control, ...(parent !== undefined ? { dialLegOf: parent } : {}) });
    }
    for (const [id, control] of [...this.controls]) {
      if (!knownBefore.has(id) || present.has(id)) continue;
      report.vanished.push(id);
      control.markEnded({ kind: existing.has(id) ? 'left' : 'hangup', by: 'unknown' });
    }
    // A ringing leg may not be in the app's channel list yet; only a leg Asterisk no longer has is gone.
    for (const control of this.controls.values()) control.reconcileLegs(existing, legsBefore);
    if (report.unknown.length > 0 || report.vanished.length > 0) {
      this.logger.warn({ continued: report.continued.length, unknown: report.unknown.map((u) => u.channel.id), vanished: report.vanished }, 'reconciled channels after connecting');
    }
    return report;
  }

  /** Closes the transport and lets go of every control. */
  async close(): Promise<void> {
    this.unsubscribeEvents();
    for (const control of [...this.controls.values()]) control.dispose();
    await this.transport.close();
  }

  private handle(event: AriEvent): void {
    if (event.type === 'StasisStart') this.onStasisStart(event);
    else if (event.type === 'ApplicationReplaced') this.onApplicationReplaced(event);
    this.demux.dispatch(event);
  }

  private onStasisStart(event: AriEvent): void {
    const app = typeof event.application === 'string' ? event.application : '';
    const channel = parseChannelInfo(event.channel);
    // Frozen: the call shares it instead of copying it (VoxtraCall.args).
    const args = Array.isArray(event.args) && event.args.length > 0 ? Object.freeze(event.args.map((a) => String(a))) : NO_ARGS;
    if (!channel.id) return;
    if (this.legs.has(channel.id) || dialLegParent(args) !== undefined) return;
    if (!app || this.replaced.has(app)) {
      this.logger.warn({ app, channelId: channel.id }, 'StasisStart for an app this gateway does not run; ignored');
      return;
    }
    // An app just dropped from the list can still get a call on the socket
    // that is being replaced: it is in Stasis, so it is handed on (the
    // runtime hangs it up or sends it on) rather than left there.
    if (!this.apps.includes(app)) this.logger.warn({ app, channelId: channel.id }, 'StasisStart for an app this gateway no longer runs');
    if (this.controls.has(channel.id)) {
      this.logger.warn({ channelId: channel.id }, 'StasisStart for a channel we already run; ignored');
      return;
    }
    const control = this.createControl(channel.id, app);
    const call: IncomingCall = { server: this.server, app: this.servedApp(app), channel, args, control };
    if (this.incomingListeners.size === 0) this.logger.warn({ channelId: channel.id }, 'incoming call but nobody listens for calls');
    this.incomingListeners.emit(call);
  }

  /** The app the runtime serves for a Stasis app name (see {@link AriGatewayOptions.appOf}). */
  private servedApp(stasisApp: string): string {
    const appOf = this.opts.appOf;
    return appOf === undefined ? stasisApp : (appOf(stasisApp) ?? stasisApp);
  }

  private onApplicationReplaced(event: AriEvent): void {
    const app = typeof event.application === 'string' ? event.application : '';
    if (!this.apps.includes(app) || this.replaced.has(app)) return;
    this.replaced.add(app);
    this.logger.error(
      { app },
      `Stasis app "${app}" was taken over by another ARI connection (ApplicationReplaced). Voxtra stops handling it and will not reconnect to fight for the name; stop the other client and restart Voxtra.`,
    );
    this.replacedListeners.emit(app);
  }

  private createControl(channelId: string, app: string): AriCallControl {
    const control = new AriCallControl({
      transport: this.transport,
      demux: this.demux,
      channelId,
      app,
      clock: this.clock,
      logger: this.logger,
      goneGraceMs: this.opts.goneGraceMs,
      playbackCheckMs: this.opts.playbackCheckMs,
      newId: this.opts.newId,
      dialLegs: this.dialLegs,
      onDisposed: this.controlReleased,
    });
    this.controls.set(channelId, control);
    return control;
  }
}

function sameApps(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
