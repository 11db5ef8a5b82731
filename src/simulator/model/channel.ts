import type { TimerHandle } from '../../core/clock';
import type { Bridge } from './bridge';
import type { CallerId } from './caller-id';
import type { DialplanStep } from './dialplan';
import type { OutboundSpec } from './dialing';
import type { JsonObject } from './json';
import type { PlaybackQueue } from './playback';
import type { LiveRecording } from './recording';
import { formatAriTimestamp } from './time';
import type { Transcript } from './transcript';

export type ChannelTech = 'PJSIP' | 'Local';
export type ChannelState = 'Down' | 'Rsrved' | 'OffHook' | 'Dialing' | 'Ring' | 'Ringing' | 'Up' | 'Busy';

export interface DialplanLocation {
  context: string;
  exten: string;
  priority: number;
  appName: string;
  appData: string;
}

/** How the channel came to exist; decides its dialplan app outside Stasis and its events. */
export type ChannelOrigin = 'inbound' | 'originated' | 'created' | 'local-peer' | 'queue-member';

/** One simulated Asterisk channel. Behaviour lives in the model; this is its state. */
export class Channel {
  state: ChannelState;
  caller: CallerId;
  connected: CallerId;
  dialplan: DialplanLocation;
  language = 'en';
  readonly vars = new Map<string, string>();
  /** SIP headers of the incoming INVITE, readable with PJSIP_HEADER(read,Name). */
  readonly inboundHeaders = new Map<string, string>();
  /** Headers added with PJSIP_HEADER(add,Name) for an outgoing call. */
  readonly outboundHeaders = new Map<string, string>();
  /** In Stasis: the app and its arguments. */
  stasis?: { app: string; args: string[] };
  /** Apps explicitly subscribed (originate/create with app, subscription, dial caller). */
  readonly subscribedApps = new Set<string>();
  /** True once the channel executes dialplan (a PBX thread runs it). */
  hasPbx = false;
  localPeer?: Channel;
  bridge?: Bridge;
  playbacks?: PlaybackQueue;
  recording?: LiveRecording;
  mohClass?: string;
  /** Set when teardown began: the channel is gone for ARI at once. */
  hungUp = false;
  destroyed = false;
  hangupCause = 16;
  /** Timers owned by this channel (dialplan waits, scripts, dial progress); cleared on hangup. */
  readonly timers = new Set<TimerHandle>();
  /** Endpoint key for outbound legs (`PJSIP/1001`) and the dial string Asterisk reports. */
  dialString = '';
  /** Caller's script and talk time for placed calls. */
  talkMs?: number;
  /** Runs once, the first time the channel enters Stasis (starts a placed call's script). */
  onStasisStart?: () => void;
  /**
   * Runs once when the channel leaves the Stasis session it was given by
   * StasisBroadcast or a per-call outbound WebSocket (the broadcast ends; the
   * per-call socket closes later).
   */
  onStasisEnd?: () => void;
  /** Simulated ms between leaving Stasis and the dialplan's next priority (per-call Stasis waits for its socket's close to be scheduled). */
  resumeDelayMs = 0;
  /** Runs when the far end answers this channel (outbound legs, Local ;1 halves). */
  onAnswered?: () => void;
  /** Runs at hangup, before events go out (queue members, dial progress). */
  readonly cleanups: Array<() => void> = [];
  /** Priorities a placed call runs at its inbound context/extension instead of the dialplan's. */
  inboundSteps?: { context: string; exten: string; steps: readonly DialplanStep[] };
  /** For created channels: begins ringing the far end when /dial arrives. */
  startOutbound?: (spec: OutboundSpec) => void;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly tech: ChannelTech,
    readonly resource: string,
    readonly origin: ChannelOrigin,
    readonly protocolId: string,
    readonly creationTimeMs: number,
    readonly transcript: Transcript,
    init: { state: ChannelState; caller: CallerId; connected: CallerId; dialplan: DialplanLocation },
  ) {
    this.state = init.state;
    this.caller = { ...init.caller };
    this.connected = { ...init.connected };
    this.dialplan = { ...init.dialplan };
    this.baseApp = { appName: init.dialplan.appName, appData: init.dialplan.appData };
    this.dialedExten = init.dialplan.exten;
  }

  /** The number this channel was called on (the INVITE's request user for inbound calls). */
  readonly dialedExten: string;

  /** The dialplan app shown outside Stasis when no PBX runs (AppDial2 for originated legs). */
  readonly baseApp: { appName: string; appData: string };

  /** ARI's Channel model, keys in Asterisk's order. */
  toJson(): JsonObject {
    return {
      id: this.id,
      name: this.name,
      state: this.state,
      protocol_id: this.protocolId,
      caller: { name: this.caller.name, number: this.caller.number },
      connected: { name: this.connected.name, number: this.connected.number },
      accountcode: '',
      dialplan: {
        context: this.dialplan.context,
        exten: this.dialplan.exten,
        priority: this.dialplan.priority,
        app_name: this.dialplan.appName,
        app_data: this.dialplan.appData,
      },
      creationtime: formatAriTimestamp(this.creationTimeMs),
      language: this.language,
    };
  }
}
