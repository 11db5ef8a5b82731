import type { CancelSignal } from '../core/cancel-signal';
import type { AnyListener } from '../core/listeners';
import type { Outcome } from '../core/outcome';
/**
 * The call-control port: the narrow interface the interpreter and the `call`
 * object use to act on one channel. The ARI adapter implements it over ARI;
 * tests implement it with fakes. Nothing above this port knows about HTTP,
 * WebSockets or ARI's JSON.
 *
 * Every method rejects with a VoxtraError: `ARI_CHANNEL_GONE` when the channel
 * is gone (ARI 404/409/412 on it), `ARI_TIMEOUT` past the request deadline,
 * `ARI_REQUEST_FAILED` / `ARI_TRANSPORT` otherwise.
 */

/** Hangup reasons ARI accepts on `DELETE /channels/{id}?reason=`. */
export const HANGUP_REASONS = [
  'normal',
  'busy',
  'congestion',
  'no_answer',
  'timeout',
  'rejected',
  'unallocated',
  'normal_unspecified',
  'number_incomplete',
  'codec_mismatch',
  'interworking',
  'failure',
  'answered_elsewhere',
] as const;
export type HangupReason = (typeof HANGUP_REASONS)[number];

/** What the runtime knows about a channel when it enters Stasis. */
export interface ChannelInfo {
  readonly id: string;
  readonly name: string;
  /** ARI channel state: Down, Rsrvd, OffHook, Dialing, Ring, Ringing, Up, Busy, ... */
  readonly state: string;
  readonly callerNumber: string;
  readonly callerName: string;
  readonly connectedNumber: string;
  readonly extension: string;
  readonly context: string;
  readonly priority: number;
  readonly language: string;
  /** SIP Call-ID for PJSIP channels, '' otherwise. */
  readonly protocolId: string;
  readonly creationTime: string;
}

/** Why a channel's part in our app ended. */
export interface CallEnd {
  /** `hangup`: the channel is gone; `left`: it left Stasis alive (continue, redirect). */
  readonly kind: 'hangup' | 'left';
  /** Q.850 cause when Asterisk gave one. */
  readonly cause?: number;
  /** Who ended it, as far as the adapter can tell. */
  readonly by: 'caller' | 'app' | 'server' | 'unknown';
}

export type PlaybackEnd = 'done' | 'failed' | 'stopped' | 'hangup';

export interface Playback {
  readonly id: string;
  /** Settles when the playback ends for any reason; never rejects. */
  readonly finished: Promise<PlaybackEnd>;
  /**
   * `finished` reported to `end` instead (on a later microtask), without a
   * promise: what a call waits on while its sound plays. Optional: without
   * it the waiter reads `finished`.
   */
  whenFinished?(end: Outcome<PlaybackEnd>): void;
  /** Stops the playback (204 then PlaybackFinished on ARI). Safe to call after it ended. */
  stop(): Promise<void>;
}

export interface DialplanTarget {
  readonly context: string;
  readonly extension: string;
  readonly priority?: number;
  readonly label?: string;
}

export interface RecordOptions {
  readonly name: string;
  readonly format: string;
  readonly maxDurationSeconds?: number;
  readonly maxSilenceSeconds?: number;
  readonly beep?: boolean;
  readonly terminateOn?: 'none' | 'any' | '*' | '#';
  readonly ifExists?: 'fail' | 'overwrite' | 'append';
}

export interface RecordingResult {
  readonly status: 'done' | 'failed' | 'hangup';
  readonly name: string;
  readonly format: string;
  /** Seconds recorded, when Asterisk reported it. */
  readonly durationSeconds?: number;
  readonly talkingSeconds?: number;
  readonly silenceSeconds?: number;
  /** Why it stopped, when known: `silence`, `key`, `max_duration`, `stopped`, `hangup`. */
  readonly cause?: string;
}

export interface Recording {
  readonly name: string;
  readonly finished: Promise<RecordingResult>;
  stop(): Promise<void>;
}

export type OutboundState = 'created' | 'ringing' | 'answered' | 'busy' | 'no_answer' | 'failed' | 'hangup';

export interface OriginateOptions {
  /** Dial string such as `PJSIP/1001`; validated by the caller of the port. */
  readonly endpoint: string;
  readonly callerId?: string;
  /** Ring timeout in seconds. */
  readonly timeoutSeconds?: number;
  /** Channel variables, including `PJSIP_HEADER(add,X-Name)` entries for SIP headers. */
  readonly variables?: Readonly<Record<string, string>>;
}

/** A channel we originated for `dial`. */
export interface OutboundLeg {
  readonly channelId: string;
  /** Current state as events arrive. */
  readonly state: OutboundState;
  /** Listen for state changes; returns an unsubscribe function. */
  onState(listener: (state: OutboundState) => void): () => void;
  hangup(reason?: HangupReason): Promise<void>;
}

export interface Bridge {
  readonly id: string;
  addChannels(channelIds: readonly string[]): Promise<void>;
  destroy(): Promise<void>;
}

export interface CallControl {
  readonly channelId: string;
  /** Aborted the moment the channel hangs up or leaves Stasis. */
  readonly signal: AbortSignal;
  /**
   * The same moment as {@link signal} (aborted with the same reason), as a
   * cheap {@link CancelSignal}: what Voxtra's own waits on a call listen to.
   * An AriCallControl makes its AbortSignal only when `signal` is read (an
   * AbortSignal costs Node an EventTarget with a hidden class of its own).
   */
  readonly ending: CancelSignal;
  /** Settles once, when the channel hangs up or leaves Stasis. */
  readonly ended: Promise<CallEnd>;
  answer(): Promise<void>;
  hangup(reason?: HangupReason): Promise<void>;
  /** Starts a playback of one or more media URIs (played in order). Resolves once Asterisk accepted it. */
  play(media: readonly string[], opts?: { lang?: string }): Promise<Playback>;
  /**
   * Subscribes to DTMF from the caller (a function, or an object whose
   * `notify` is called); returns an unsubscribe function.
   */
  onDtmf(listener: AnyListener<string>): () => void;
  /** Unsubscribes a DTMF listener, as the function {@link onDtmf} returned does. */
  offDtmf(listener: AnyListener<string>): void;
  /** Reads a channel variable or function (`PJSIP_HEADER(read,X-Foo)`); undefined when unset. */
  getVariable(name: string): Promise<string | undefined>;
  setVariable(name: string, value: string): Promise<void>;
  continueInDialplan(target: DialplanTarget): Promise<void>;
  sendDtmf(dtmf: string, opts?: { betweenMs?: number; durationMs?: number }): Promise<void>;
  startMoh(mohClass?: string): Promise<void>;
  stopMoh(): Promise<void>;
  /** Indicates ringing to the caller while `dial` waits: 180 Ringing before answer, a ringback tone after. */
  ring(): Promise<void>;
  /** Stops the ringing indication. */
  ringStop(): Promise<void>;
  record(opts: RecordOptions): Promise<Recording>;
  /** Originates an outbound channel into our app, for `dial`. */
  originate(opts: OriginateOptions): Promise<OutboundLeg>;
  createBridge(): Promise<Bridge>;
  /** Releases every listener this control holds. Idempotent. */
  dispose(): void;
}
