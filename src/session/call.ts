import type { CancelSignal } from '../core/cancel-signal';
import { sleep, type Clock } from '../core/clock';
import { isVoxtraError, VoxtraError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import { PromisedOutcome, rejectLater, type Outcome } from '../core/outcome';
import { MediaPlay, type PlayHost, type PromptInfo } from './media-play';
import type { CallControl, ChannelInfo, DialplanTarget, HangupReason, RecordingResult } from '../control/call-control';
import { untilAborted } from '../core/abortable';
import { DIAL_DEFAULTS } from '../steps/dial';
import { LISTEN_DEFAULTS, MAX_LISTEN_DIGITS } from '../steps/listen-dtmf';
import { RECORD_DEFAULTS } from '../steps/record';
import type {
  Call,
  CallRecordOptions,
  DialOptions,
  DialResult,
  ListenOptions,
  ListenResult,
  PlayOptions,
  PlayResult,
  SayOptions,
} from '../call/call-api';
import { callerIdOf, checkCallerId, checkDialTarget, headerVariables, MAX_DIAL_ENDPOINTS } from '../call/dial-input';
import { bridgeUntilHangup, overallStatus, ringEndpoints, type DialPlan } from './dialer';
import { runCallMenu, type CallMenuOptions } from './call-menu';
import { canTransition, CallState, isExit, type CallExit } from './call-state';
import { collectDigitsInto, type CollectOptions, type CollectResult } from './digit-collector';
import type { MenuOutcome } from '../steps/menu-attempts';
import { DEFAULT_DTMF_BUFFER_SIZE, DtmfBuffer } from './dtmf-buffer';
import { isHangupError } from './hangup-errors';
import { checkMediaUri } from './media-uri';
import { emit, type CallAction, type PromptEvent, type SessionObserver } from './observer';
import { queueVariables } from './queue-variables';
import { checkRecordingFormat, checkRecordingName, limitSeconds } from '../call/record-input';
import {
  checkChannelVarValue,
  checkDialplanTarget,
  checkDtmf,
  checkHangupReason,
  checkMohClass,
  checkMs,
  checkQueueName,
  checkReadableChannelVar,
  checkSettableChannelVar,
} from '../call/safe-input';
import type { TtsService } from '../call/tts';

export interface VoxtraCallInit {
  readonly control: CallControl;
  readonly clock: Clock;
  /** Stasis app (tenant) name. */
  readonly app: string;
  /** The channel as it entered Stasis. */
  readonly channel: ChannelInfo;
  readonly args?: readonly string[];
  /** Dialled extension after the route's rewrite (default: the channel's). */
  readonly extension?: string;
  /** Calling number after the route's rewrite (default: the channel's caller id number). */
  readonly number?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly route?: string;
  readonly snapshotVersion: string;
  /** Dialplan context `transferToQueue` continues into (`queues.context`). */
  readonly queuesContext: string;
  readonly tts?: TtsService;
  readonly observer?: SessionObserver;
  readonly log?: Logger;
  readonly dtmfBufferSize?: number;
}

const NO_ARGS: readonly string[] = Object.freeze([]);
const VIA_PLAY: PromptInfo = Object.freeze({ via: 'play' });

// Media lists of the flows are frozen IR: each is checked once, not on every play (a WeakSet of checked lists).
const checkedLists = new WeakSet<readonly string[]>();

function checkedMedia(media: string | readonly string[]): readonly string[] {
  if (typeof media === 'string') return [checkMediaUri(media)];
  if (checkedLists.has(media)) return media;
  const list = media.map(checkMediaUri);
  if (Object.isFrozen(media)) {
    checkedLists.add(media);
    return media;
  }
  return list;
}

function gone(channelId: string): VoxtraError {
  return new VoxtraError('ARI_CHANNEL_GONE', 'the call has ended', { channelId });
}

function digitFilter(interruptible: PlayOptions['interruptible']): ((digit: string) => boolean) | undefined {
  if (interruptible === true) return () => true;
  if (typeof interruptible === 'string' && interruptible !== '') return (digit) => interruptible.includes(digit);
  return undefined;
}

/**
 * The `call` object over the call-control port. Steps and TypeScript handlers
 * use it alike. It keeps a bounded type-ahead buffer of every digit the
 * caller presses, validates every value it sends, and after a hangup sends
 * nothing more: each method then rejects with `ARI_CHANNEL_GONE`.
 */
export class VoxtraCall implements Call, PlayHost {
  readonly id: string;
  readonly app: string;
  readonly extension: string;
  readonly number: string;
  readonly callerName: string;
  readonly args: readonly string[];
  readonly route?: string;
  readonly snapshotVersion: string;
  /** Channel name (`PJSIP/sipp-00000001`). */
  readonly channelName: string;
  /** Caller id number as the channel brought it, before any rewrite. */
  readonly callerNumber: string;

  /** @internal For MediaPlay (PlayHost). */
  readonly control: CallControl;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly observer?: SessionObserver;
  private readonly tts?: TtsService;
  private readonly queuesContext: string;
  /** @internal For MediaPlay (PlayHost). */
  readonly buffer: DtmfBuffer;
  // `metadata` and `vars` are made on first use: most calls never read either, and two empty objects were ~110 bytes
  // per call in progress (bench/session heap snapshots).
  private readonly initialMetadata: Readonly<Record<string, unknown>> | undefined;
  private ownMetadata: Record<string, unknown> | undefined;
  private ownVars: Record<string, unknown> | undefined;
  private state = CallState.Live;
  private mohPlaying = false;
  private answered: boolean;

  constructor(init: VoxtraCallInit) {
    this.control = init.control;
    this.clock = init.clock;
    this.log = init.log ?? silentLogger;
    this.observer = init.observer;
    this.tts = init.tts;
    this.queuesContext = init.queuesContext;
    this.id = init.control.channelId;
    this.app = init.app;
    this.extension = init.extension ?? init.channel.extension;
    this.number = init.number ?? init.channel.callerNumber;
    this.callerName = init.channel.callerName;
    this.callerNumber = init.channel.callerNumber;
    this.channelName = init.channel.name;
    // Arguments already frozen (the gateway's) are shared, not copied.
    const args = init.args ?? NO_ARGS;
    this.args = Object.isFrozen(args) ? args : Object.freeze([...args]);
    // Kept only when it has something: the router's decision makes an empty one per call.
    this.initialMetadata = init.metadata !== undefined && hasOwnKeys(init.metadata) ? init.metadata : undefined;
    this.route = init.route;
    this.snapshotVersion = init.snapshotVersion;
    this.answered = init.channel.state === 'Up';
    this.buffer = new DtmfBuffer(init.dtmfBufferSize ?? DEFAULT_DTMF_BUFFER_SIZE);
    // The buffer hears the control's DTMF until the call ends (it lets go by itself then) or dispose().
    this.buffer.attach(this.control);
  }

  get metadata(): Record<string, unknown> {
    return (this.ownMetadata ??= { ...this.initialMetadata });
  }

  get vars(): Record<string, unknown> {
    return (this.ownVars ??= {});
  }

  get signal(): AbortSignal {
    return this.control.signal;
  }

  /** @internal The call's end as a cheap CancelSignal (see CallControl.ending): what the runtime's own waits listen to. */
  get ending(): CancelSignal {
    return this.control.ending;
  }

  get ended(): boolean {
    return this.state !== CallState.Live || this.control.ending.aborted;
  }

  /** How the app itself ended its part in the call (hangup, queue transfer, dialplan), if it did. */
  get exitedBy(): `${CallExit}` | undefined {
    return isExit(this.state) ? this.state : undefined;
  }

  /** Digits pressed and not yet consumed by a listen, oldest first. */
  get bufferedDigits(): string {
    return this.buffer.contents;
  }

  /** @internal Music on hold is on (a `hold` step started it). */
  get mohOn(): boolean {
    return this.mohPlaying;
  }

  /** Releases the DTMF subscription and the abort listener. Idempotent; happens by itself on hangup. */
  dispose(): void {
    this.buffer.detach();
  }

  async answer(): Promise<void> {
    await this.port(() => this.control.answer());
    this.answered = true;
    this.action('answer', {});
  }

  async hangup(reason: HangupReason = 'normal'): Promise<void> {
    const cause = checkHangupReason(reason);
    await this.port(() => this.control.hangup(cause));
    this.moveTo(CallState.HungUp);
    this.action('hangup', { cause });
  }

  play(media: string | readonly string[], opts: PlayOptions = {}): Promise<PlayResult> {
    const end = new PromisedOutcome<PlayResult>();
    this.playInto(media, opts, end);
    return end.promise;
  }

  playFile(media: string | readonly string[], opts?: PlayOptions): Promise<PlayResult> {
    return this.play(media, opts);
  }

  async say(text: string, opts: SayOptions = {}): Promise<PlayResult> {
    this.live();
    const tts = opts.tts ?? this.tts;
    if (!tts) throw new VoxtraError('TTS_UNAVAILABLE', 'say needs a text-to-speech engine; none is configured');
    if (text.trim() === '') return { status: 'done' };
    const uri = await this.renderSpeech(tts, text, opts);
    return this.playMedia([uri], opts, { via: 'say', text });
  }

  listenDtmf(opts: ListenOptions = {}): Promise<ListenResult> {
    const end = new PromisedOutcome<ListenResult>();
    this.listenDtmfInto(opts, end);
    return end.promise;
  }

  /**
   * @internal {@link listenDtmf} reporting to `end` (on a later microtask,
   * never from inside this call): what the `listen_dtmf` step runs. A call
   * waits in its digit collection for most of its life; meanwhile it keeps
   * the collection and one {@link ListenEnd}, not a chain of promises and
   * their closures. The prompt, when there is one, is the async part
   * ({@link promptBeforeListen}).
   */
  listenDtmfInto(opts: ListenOptions, end: Outcome<ListenResult>): void {
    let collect: CollectOptions;
    try {
      this.live();
      collect = this.collectOptions(opts);
    } catch (err) {
      return rejectLater(end, err);
    }
    const listen = new ListenEnd(this, end, this.clock.now());
    if (opts.prompt || this.mohPlaying) {
      this.promptBeforeListen(opts).then(
        () => this.collectInto(collect, listen),
        (err: unknown) => listen.rejected(err),
      );
    } else this.collectInto(collect, listen);
  }

  private collectInto(collect: CollectOptions, listen: ListenEnd): void {
    collectDigitsInto(this.buffer, this.clock, this.control.ending, collect, listen);
  }

  /** @internal For {@link ListenEnd}: a hangup while listening is a result, not a failure. */
  listenFailed(err: unknown, end: Outcome<ListenResult>, started: number): void {
    let result: ListenResult;
    try {
      if (!isHangupError(err, this.control.ending)) return end.rejected(err);
      result = this.digitsCollected('', 'hangup', started);
    } catch (failure) {
      return end.rejected(failure);
    }
    end.resolved(result);
  }

  /** @internal For {@link ListenEnd}. */
  listenDone(collected: CollectResult, end: Outcome<ListenResult>, started: number): void {
    let result: ListenResult;
    try {
      result = this.digitsCollected(collected.digits, collected.status, started);
    } catch (err) {
      return end.rejected(err);
    }
    end.resolved(result);
  }

  /** What a listen does before collecting: its prompt (a digit barges in unless told otherwise), then music on hold off. */
  private async promptBeforeListen(opts: ListenOptions): Promise<void> {
    const prompt = opts.prompt;
    if (prompt) {
      const interruptible = opts.bargeIn ?? true;
      if ('media' in prompt) await this.play(prompt.media, { interruptible });
      else await this.say(prompt.say.text, { voice: prompt.say.voice, language: prompt.say.language, interruptible, tts: opts.tts });
    }
    if (this.mohPlaying) await this.stopMohIfOn();
  }

  /** The listen's options checked, with defaults filled in; throws STEP_FAILED for a value out of range. */
  private collectOptions(opts: ListenOptions): CollectOptions {
    const collect = {
      maxDigits: opts.maxDigits ?? LISTEN_DEFAULTS.maxDigits,
      minDigits: opts.minDigits ?? LISTEN_DEFAULTS.minDigits,
      firstTimeoutMs: checkMs('timeout', opts.timeoutMs ?? LISTEN_DEFAULTS.timeoutMs),
      interDigitTimeoutMs: checkMs('inter-digit timeout', opts.interDigitTimeoutMs ?? LISTEN_DEFAULTS.interDigitTimeoutMs),
      terminator: opts.terminator ?? LISTEN_DEFAULTS.terminator,
      complete: opts.complete,
    };
    if (!Number.isInteger(collect.maxDigits) || collect.maxDigits < 1 || collect.maxDigits > MAX_LISTEN_DIGITS) {
      throw new VoxtraError('STEP_FAILED', `maxDigits must be a whole number from 1 to ${MAX_LISTEN_DIGITS}`);
    }
    if (!Number.isInteger(collect.minDigits) || collect.minDigits < 0 || collect.minDigits > collect.maxDigits) {
      throw new VoxtraError('STEP_FAILED', 'minDigits must be a whole number from 0 to maxDigits');
    }
    if (!/^[0-9A-D*#]?$/.test(collect.terminator)) throw new VoxtraError('STEP_FAILED', `terminator must be one DTMF digit or '' (got ${JSON.stringify(collect.terminator)})`);
    return collect;
  }

  private digitsCollected(digits: string, status: ListenResult['status'], started: number): ListenResult {
    if (this.observer?.digitsCollected) emit(this.observer, 'digitsCollected', { callId: this.id, at: this.clock.now(), digits, status, durationMs: this.clock.now() - started }, this.log);
    return { digits, status };
  }

  /**
   * An IVR menu, as the `menu` step runs it: prompt (a digit barges in),
   * collect a choice, re-prompt on no input or an invalid choice up to
   * `attempts`, then run the chosen option or `onExhausted`.
   */
  menu(opts: CallMenuOptions): Promise<MenuOutcome> {
    return runCallMenu((listen) => this.listenDtmf(listen), opts);
  }

  async transferToQueue(queue: string, opts: { variables?: Record<string, unknown> } = {}): Promise<void> {
    checkQueueName(queue);
    const target = checkDialplanTarget({ context: this.queuesContext, extension: queue, priority: 1 });
    const variables = queueVariables(queue, opts.variables ?? this.metadata);
    await this.stopMohIfOn();
    for (const [name, value] of variables) await this.port(() => this.control.setVariable(name, value));
    await this.port(() => this.control.continueInDialplan(target));
    this.moveTo(CallState.Transferred);
    this.action('transfer_to_queue', { queue, context: target.context, variables: Object.fromEntries(variables) });
  }

  async setChannelVar(name: string, value: string): Promise<void> {
    checkSettableChannelVar(name);
    checkChannelVarValue(name, value);
    await this.port(() => this.control.setVariable(name, value));
    this.action('set_channel_var', { name, value });
  }

  async getChannelVar(name: string): Promise<string | undefined> {
    checkReadableChannelVar(name);
    return this.port(() => this.control.getVariable(name));
  }

  async continueInDialplan(target: DialplanTarget): Promise<void> {
    const checked = checkDialplanTarget(target.label === undefined && target.priority === undefined ? { ...target, priority: 1 } : target);
    await this.stopMohIfOn();
    await this.port(() => this.control.continueInDialplan(checked));
    this.moveTo(CallState.Continued);
    this.action('continue_in_dialplan', { ...checked });
  }

  async wait(ms: number): Promise<void> {
    const duration = checkMs('wait', ms);
    this.live();
    this.action('wait', { ms: duration });
    await sleep(this.clock, duration, this.control.ending);
  }

  async sendDtmf(digits: string, opts: { betweenMs?: number; durationMs?: number } = {}): Promise<void> {
    const dtmf = checkDtmf(digits);
    const send: { betweenMs?: number; durationMs?: number } = {};
    if (opts.betweenMs !== undefined) send.betweenMs = checkMs('DTMF gap', opts.betweenMs);
    if (opts.durationMs !== undefined) send.durationMs = checkMs('DTMF duration', opts.durationMs);
    await this.port(() => this.control.sendDtmf(dtmf, send));
    this.action('send_dtmf', { digits: dtmf, ...send });
  }

  /**
   * Starts music on hold. With `durationMs` it stops after that long;
   * otherwise it stays on until the next play, say, listen or transfer.
   */
  async hold(opts: { mohClass?: string; durationMs?: number } = {}): Promise<void> {
    const mohClass = opts.mohClass === undefined ? undefined : checkMohClass(opts.mohClass);
    const duration = opts.durationMs === undefined ? undefined : checkMs('hold duration', opts.durationMs);
    await this.port(() => this.control.startMoh(mohClass));
    this.mohPlaying = true;
    this.action('moh_start', mohClass === undefined ? {} : { class: mohClass });
    if (duration === undefined) return;
    await sleep(this.clock, duration, this.control.ending);
    await this.stopMohIfOn();
  }

  /**
   * Rings the endpoints (one after the other, or all at once with the first
   * answer winning) while the caller hears ringing, or the music on hold if
   * `hold` started it. On answer the caller is answered if need be and
   * bridged with that leg until one side hangs up. When the far end hangs up
   * the caller stays in the flow, which continues after the dial; when the
   * caller hangs up the legs are hung up and the flow ends.
   */
  async dial(opts: DialOptions): Promise<DialResult> {
    const endpoints = [...opts.endpoints];
    if (endpoints.length === 0 || endpoints.length > MAX_DIAL_ENDPOINTS) throw new VoxtraError('STEP_FAILED', `dial needs 1 to ${MAX_DIAL_ENDPOINTS} endpoints`);
    endpoints.forEach(checkDialTarget);
    const strategy = opts.strategy ?? DIAL_DEFAULTS.strategy;
    if (strategy !== 'sequential' && strategy !== 'parallel') throw new VoxtraError('STEP_FAILED', `dial strategy must be sequential or parallel (got ${JSON.stringify(strategy)})`);
    const timeoutMs = checkMs('ring timeout', opts.timeoutMs ?? DIAL_DEFAULTS.timeoutMs);
    if (timeoutMs === 0) throw new VoxtraError('STEP_FAILED', 'the ring timeout must be more than 0');
    const callerId = checkCallerId(opts.callerId ?? callerIdOf(this.callerName, this.number));
    const plan: DialPlan = { endpoints, strategy, timeoutMs, variables: headerVariables(opts.headers ?? {}), ...(callerId ? { callerId } : {}) };
    this.live();
    const ctx = { control: this.control, clock: this.clock, signal: this.control.signal, log: this.log };
    // Music on hold, when a hold step started it, is what the caller hears while it rings.
    const ringback = !this.mohPlaying;
    if (ringback) await this.indicate('ring');
    const rung = await ringEndpoints(ctx, plan);
    const attempts = [...rung.attempts];
    const status = overallStatus(attempts);
    const endpoint = rung.winner?.endpoint ?? attempts[attempts.length - 1]?.endpoint;
    this.action('dial', { endpoints, strategy, status, ...(endpoint ? { endpoint } : {}), attempts });
    if (!rung.winner) {
      if (ringback) await this.indicate('ringStop');
      return { status, ...(endpoint ? { endpoint } : {}), attempts };
    }
    const { leg } = rung.winner;
    try {
      if (ringback) await this.indicate('ringStop');
      await this.stopMohIfOn();
      if (!this.answered) await this.answer();
    } catch (err) {
      await leg.hangup('normal').catch((e: unknown) => this.log.warn({ err: e }, 'could not hang up the answered dial leg'));
      throw err;
    }
    const { talkMs } = await bridgeUntilHangup(ctx, leg);
    // Digits pressed while bridged were meant for the far end, not for the next menu.
    this.buffer.clear();
    return { status: 'answered', endpoint: rung.winner.endpoint, attempts, talkMs };
  }

  /**
   * Records the caller until silence, a key, the time limit or a hangup. A
   * recording Asterisk refuses (a name that exists with `ifExists: fail`, an
   * unknown format) comes back `failed`; a caller hangup comes back `hangup`.
   */
  async record(opts: CallRecordOptions): Promise<RecordingResult> {
    const name = checkRecordingName(opts.name);
    const format = checkRecordingFormat(opts.format ?? RECORD_DEFAULTS.format);
    const maxDurationSeconds = limitSeconds(opts.maxDurationMs === undefined ? undefined : checkMs('max duration', opts.maxDurationMs));
    const maxSilenceSeconds = limitSeconds(opts.maxSilenceMs === undefined ? undefined : checkMs('max silence', opts.maxSilenceMs));
    const terminateOn = opts.terminateOn ?? RECORD_DEFAULTS.terminateOn;
    if (!['none', 'any', '*', '#'].includes(terminateOn)) throw new VoxtraError('STEP_FAILED', `terminateOn must be none, any, * or # (got ${JSON.stringify(terminateOn)})`);
    const ifExists = opts.ifExists ?? RECORD_DEFAULTS.ifExists;
    if (!['fail', 'overwrite', 'append'].includes(ifExists)) throw new VoxtraError('STEP_FAILED', `ifExists must be fail, overwrite or append (got ${JSON.stringify(ifExists)})`);
    this.live();
    await this.stopMohIfOn();
    const request = {
      name,
      format,
      ...(maxDurationSeconds !== undefined ? { maxDurationSeconds } : {}),
      ...(maxSilenceSeconds !== undefined ? { maxSilenceSeconds } : {}),
      beep: opts.beep ?? false,
      terminateOn,
      ifExists,
    };
    let result: RecordingResult;
    try {
      const recording = await this.port(() => this.control.record(request));
      this.action('record', { ...request });
      result = await untilAborted(recording.finished, this.control.ending);
    } catch (err) {
      if (isHangupError(err, this.control.ending)) result = { status: 'hangup', name, format, cause: 'hangup' };
      else if (isVoxtraError(err, 'ARI_REQUEST_FAILED')) {
        this.log.warn({ err, name }, 'Asterisk refused the recording');
        result = { status: 'failed', name, format, cause: typeof err.details.message === 'string' ? err.details.message : err.message };
      } else throw err;
    }
    // Digits pressed while recording (the key that ended it among them) belonged to the recording.
    this.buffer.clear();
    return result;
  }

  // ------------------------------------------------------------ internals --

  /** The one place the call's state changes; a move the table does not allow (a second exit, gone after an exit) changes nothing. */
  private moveTo(to: CallState): void {
    if (canTransition(this.state, to)) this.state = to;
  }

  private live(): void {
    if (this.ended) throw gone(this.id);
  }

  /** Every port call goes through here: nothing is sent once the call ended, and a "gone" answer ends it. */
  /** @internal */
  async port<T>(fn: () => Promise<T>): Promise<T> {
    this.live();
    try {
      return await fn();
    } catch (err) {
      if (isVoxtraError(err, 'ARI_CHANNEL_GONE')) this.moveTo(CallState.Gone);
      throw err;
    }
  }

  private action(action: CallAction, detail: Record<string, unknown>): void {
    emit(this.observer, 'callAction', { callId: this.id, at: this.clock.now(), action, detail }, this.log);
  }

  /** @internal */
  async stopMohIfOn(): Promise<void> {
    if (!this.mohPlaying) return;
    await this.port(() => this.control.stopMoh());
    this.mohPlaying = false;
    this.action('moh_stop', {});
  }

  /** Ringing is a courtesy: only a hangup stops the dial, any other refusal is logged. */
  private async indicate(op: 'ring' | 'ringStop'): Promise<void> {
    try {
      await this.port(() => this.control[op]());
    } catch (err) {
      if (isHangupError(err, this.control.ending)) throw err;
      this.log.warn({ err }, `could not ${op === 'ring' ? 'indicate ringing to' : 'stop ringing on'} the caller`);
    }
  }

  private async renderSpeech(tts: TtsService, text: string, opts: SayOptions): Promise<string> {
    let uri: string;
    try {
      uri = await untilAborted(tts.render(text, { voice: opts.voice, language: opts.language }, this.control.signal), this.control.ending);
    } catch (err) {
      if (isHangupError(err, this.control.ending) || isVoxtraError(err)) throw err;
      throw new VoxtraError('TTS_FAILED', `text-to-speech failed: ${err instanceof Error ? err.message : String(err)}`, {}, { cause: err });
    }
    if (typeof uri !== 'string') throw new VoxtraError('TTS_FAILED', 'the text-to-speech engine returned no media URI');
    return checkMediaUri(uri);
  }

  private playMedia(media: readonly string[], opts: PlayOptions, info: PromptInfo): Promise<PlayResult> {
    const end = new PromisedOutcome<PlayResult>();
    this.playMediaInto(media, opts, info, end);
    return end.promise;
  }

  /** Plays `media` and reports the result to `end` (see {@link MediaPlay}). */
  private playMediaInto(media: readonly string[], opts: PlayOptions, info: PromptInfo, end: Outcome<PlayResult>): void {
    try {
      this.live();
    } catch (err) {
      return rejectLater(end, err);
    }
    new MediaPlay(this, media, opts.lang, info, digitFilter(opts.interruptible), this.clock.now(), end);
  }

  /**
   * @internal {@link play} reporting to `end` (on a later microtask, never
   * from inside this call): what the `play` step runs, so that a call keeps
   * no promise chain while its sound plays.
   */
  playInto(media: string | readonly string[], opts: PlayOptions, end: Outcome<PlayResult>): void {
    let list: readonly string[];
    try {
      list = checkedMedia(media);
      if (list.length === 0) throw new VoxtraError('STEP_FAILED', 'play needs at least one media URI');
    } catch (err) {
      return rejectLater(end, err);
    }
    this.playMediaInto(list, opts, VIA_PLAY, end);
  }

  /** @internal For MediaPlay: the playback ended because the channel went. */
  playbackHungUp(): unknown {
    this.moveTo(CallState.Gone);
    return gone(this.id);
  }

  /** @internal For MediaPlay. */
  playbackFailed(media: readonly string[]): void {
    this.log.warn({ media }, 'playback failed (missing file or unplayable media)');
  }

  /** @internal */
  promptPlayed(info: PromptInfo, media: readonly string[], started: number, status: PromptEvent['status'], digit?: string): void {
    if (!this.observer?.promptPlayed) return;
    const event: PromptEvent = {
      callId: this.id,
      at: this.clock.now(),
      via: info.via,
      media,
      ...(info.via === 'say' ? { text: info.text } : {}),
      status,
      ...(digit !== undefined ? { digit } : {}),
      durationMs: this.clock.now() - started,
    };
    emit(this.observer, 'promptPlayed', event, this.log);
  }
}

function hasOwnKeys(record: object): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/** Where a listen's digit collection ends: the call turns it into the listen's result for `end`. */
class ListenEnd implements Outcome<CollectResult> {
  constructor(
    private readonly call: VoxtraCall,
    private readonly end: Outcome<ListenResult>,
    private readonly started: number,
  ) {}

  resolved(collected: CollectResult): void {
    this.call.listenDone(collected, this.end, this.started);
  }

  rejected(err: unknown): void {
    this.call.listenFailed(err, this.end, this.started);
  }
}
