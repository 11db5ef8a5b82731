import type { DialplanTarget, HangupReason, RecordingResult } from '../control/call-control';
import type { TtsService } from './tts';

/**
 * The `call` object: what a flow step or a TypeScript handler uses to act on a
 * call. The YAML steps are thin wrappers over these methods, so a TypeScript
 * handler and its YAML twin behave the same.
 *
 * Every method rejects with `VoxtraError('ARI_CHANNEL_GONE')` once the caller
 * has hung up, and with `AbortError` when `signal` fires during a wait.
 */
export interface Call {
  /** Channel id. */
  readonly id: string;
  /** Stasis app (tenant) name. */
  readonly app: string;
  /** Dialled extension (after a route's rewrite). */
  readonly extension: string;
  /** Calling number (caller id, after a route's rewrite). */
  readonly number: string;
  readonly callerName: string;
  /** Stasis arguments. */
  readonly args: readonly string[];
  /** Route metadata merged with anything the router added. Mutable by `set`-like steps only. */
  readonly metadata: Record<string, unknown>;
  /** Flow variables (`set`, `listen_dtmf into`, ...). */
  readonly vars: Record<string, unknown>;
  /** Aborted when the caller hangs up or the call leaves Stasis. */
  readonly signal: AbortSignal;
  /** True once the channel is gone or has left our app. */
  readonly ended: boolean;
  /** Name of the route that took the call, if any. */
  readonly route?: string;
  /** Version of the snapshot this call runs on. */
  readonly snapshotVersion: string;

  answer(): Promise<void>;
  hangup(reason?: HangupReason): Promise<void>;
  /** Plays media URIs in order. With `interruptible`, a DTMF digit stops it (the digit stays buffered for the next listen). */
  play(media: string | readonly string[], opts?: PlayOptions): Promise<PlayResult>;
  /** Alias of {@link play}, named as in the Voxtra seed. */
  playFile(media: string | readonly string[], opts?: PlayOptions): Promise<PlayResult>;
  say(text: string, opts?: SayOptions): Promise<PlayResult>;
  listenDtmf(opts?: ListenOptions): Promise<ListenResult>;
  /** Sets the queue variables and continues into the queues context with the queue as extension; the call leaves the flow. */
  transferToQueue(queue: string, opts?: { variables?: Record<string, unknown> }): Promise<void>;
  setChannelVar(name: string, value: string): Promise<void>;
  getChannelVar(name: string): Promise<string | undefined>;
  continueInDialplan(target: DialplanTarget): Promise<void>;
  wait(ms: number): Promise<void>;
  sendDtmf(digits: string, opts?: { betweenMs?: number; durationMs?: number }): Promise<void>;
  hold(opts?: { mohClass?: string; durationMs?: number }): Promise<void>;
  dial(opts: DialOptions): Promise<DialResult>;
  record(opts: CallRecordOptions): Promise<RecordingResult>;
}

export interface PlayOptions {
  /** true: any digit stops the playback; a string: only those digits do. */
  interruptible?: boolean | string;
  lang?: string;
}

export interface PlayResult {
  status: 'done' | 'interrupted' | 'failed';
  /** The digit that interrupted the playback. */
  digit?: string;
}

export interface SayOptions extends PlayOptions {
  voice?: string;
  language?: string;
  /** Engine that renders the text (default: the call's own). */
  tts?: TtsService;
}

/** A prompt is either media to play or text to say. */
export type Prompt = { media: readonly string[] } | { say: { text: string; voice?: string; language?: string } };

export interface ListenOptions {
  prompt?: Prompt;
  /** Whether digits stop the prompt (default true). */
  bargeIn?: boolean;
  maxDigits?: number;
  minDigits?: number;
  /** Wait for the first digit, ms (after the prompt ends). */
  timeoutMs?: number;
  /** Wait between digits, ms. */
  interDigitTimeoutMs?: number;
  /** Digit that ends input early (not included in the result), e.g. '#'. Default '#'; '' for none. */
  terminator?: string;
  /** Called after each digit; true ends the input at once (a menu stops when only one option can match). */
  complete?: (digits: string) => boolean;
  /** Engine that renders a `say` prompt (default: the call's own). */
  tts?: TtsService;
}

export interface ListenResult {
  digits: string;
  status: 'ok' | 'timeout' | 'hangup';
}

export interface DialOptions {
  /** Dial strings such as `PJSIP/1001` (1 to 32). */
  endpoints: readonly string[];
  /** `sequential` (default): one after the other; `parallel`: all at once, the first to answer wins. */
  strategy?: 'sequential' | 'parallel';
  /** Ring timeout per attempt (sequential) or overall (parallel), ms (default 30 s). */
  timeoutMs?: number;
  /** Caller id the far end sees (default: the caller's own). */
  callerId?: string;
  /** SIP headers added to the outgoing calls (`X-...` or an allowed informational header). */
  headers?: Record<string, string>;
}

export type DialStatus = 'answered' | 'busy' | 'no_answer' | 'failed';

/** One endpoint a dial rang, and how that ended. */
export interface DialAttempt {
  endpoint: string;
  status: DialStatus;
}

export interface DialResult {
  status: DialStatus;
  /** The endpoint that answered, or the last one tried. */
  endpoint?: string;
  /** Every endpoint tried, in order. */
  attempts?: DialAttempt[];
  /** How long the caller and the far end were bridged, ms (answered only). */
  talkMs?: number;
}

export interface CallRecordOptions {
  /** Recording name: letters, digits, `_` and `-`, up to 64. */
  name: string;
  /** File format (default `wav`). */
  format?: string;
  maxDurationMs?: number;
  maxSilenceMs?: number;
  beep?: boolean;
  terminateOn?: 'none' | 'any' | '*' | '#';
  /** What to do when a recording of that name exists (default `fail`, as Asterisk). */
  ifExists?: 'fail' | 'overwrite' | 'append';
}
