import type { CancelSignal } from '../../src/core/cancel-signal';
import { VoxtraError } from '../../src/core/errors';
import type { FakeClock } from '../../src/core/fake-clock';
import type { AnyListener } from '../../src/core/listeners';
import type {
  Bridge,
  CallControl,
  CallEnd,
  DialplanTarget,
  HangupReason,
  OriginateOptions,
  OutboundLeg,
  OutboundState,
  Playback,
  PlaybackEnd,
  Recording,
  RecordingResult,
  RecordOptions,
} from '../../src/control/call-control';

/** One call made on the port, in order. */
export interface PortCall {
  readonly op: string;
  readonly args: readonly unknown[];
  /** Clock time of the call. */
  readonly at: number;
  /** True when it came after the channel had ended (it was refused with ARI_CHANNEL_GONE). */
  readonly afterEnd: boolean;
}

export interface FakeCallControlOptions {
  readonly clock: FakeClock;
  readonly channelId?: string;
  /** Playback length of each media URI, ms (default {@link defaultDurationMs}). */
  readonly durations?: Readonly<Record<string, number>> | ((uri: string) => number);
  readonly defaultDurationMs?: number;
  /** Media that do not exist: alone they finish `failed` at once; inside a list they are skipped, as on Asterisk. */
  readonly failing?: readonly string[];
  /** Channel variables readable with getVariable. */
  readonly variables?: Readonly<Record<string, string>>;
  /** How far ends answer `originate`, by endpoint; an endpoint not listed fails to originate (500, as on Asterisk). */
  readonly endpoints?: Readonly<Record<string, FakeEndpoint>>;
  /** How long the caller speaks once a recording starts, ms (default: silent). */
  readonly talkMs?: number;
}

/**
 * A far end, as the simulator models it: `answer` rings `ringMs` then answers
 * (and hangs up after `hangupAfterMs` if set); `busy` rejects after `ringMs`;
 * `no-answer` rings until the originate timeout; `unavailable` fails at once.
 */
export interface FakeEndpoint {
  readonly kind: 'answer' | 'busy' | 'no-answer' | 'unavailable';
  readonly ringMs?: number;
  readonly hangupAfterMs?: number;
}

/** A leg `originate` created, with every state it went through. */
export interface FakeLeg extends OutboundLeg {
  readonly endpoint: string;
  readonly options: OriginateOptions;
  readonly states: OutboundState[];
  /** The reason our side hung it up with, if it did. */
  readonly hangupReason?: HangupReason | 'unspecified';
  /** The far end hangs up now (a bridged call ends). */
  farEndHangup(): void;
}

/** A bridge `createBridge` made. */
export interface FakeBridge extends Bridge {
  readonly members: string[];
  readonly destroyed: boolean;
}

interface FakePlayback extends Playback {
  readonly media: readonly string[];
  finish(end: PlaybackEnd): void;
}

/**
 * A scripted CallControl on a FakeClock: playbacks last as long as their
 * scripted durations, `press()` injects DTMF, `callerHangup()` aborts the
 * signal and ends running playbacks, after which every call is refused with
 * ARI_CHANNEL_GONE (and still logged, so tests can assert nothing was sent).
 * It mirrors what the recorded Asterisk traces show: stopping a playback
 * finishes it `done`, and the app's own hangup or continue ends the channel's
 * part in Stasis at once.
 */
export class FakeCallControl implements CallControl {
  readonly channelId: string;
  readonly calls: PortCall[] = [];
  readonly variables = new Map<string, string>();
  readonly ended: Promise<CallEnd>;
  /** Music-on-hold state: the class ('' for default) while on, undefined when off. */
  moh: string | undefined;
  /** Why the channel's part ended, once it has. */
  end: CallEnd | undefined;

  private readonly clock: FakeClock;
  private readonly controller = new AbortController();
  private readonly abortListeners = new Map<unknown, boolean>();
  private readonly dtmfListeners = new Set<AnyListener<string>>();
  private readonly playbacks = new Set<FakePlayback>();
  private readonly failures = new Map<string, Error>();
  private readonly durationOf: (uri: string) => number;
  private readonly failing: ReadonlySet<string>;
  private resolveEnded!: (end: CallEnd) => void;
  private playbackSeq = 0;
  private readonly endpoints: Readonly<Record<string, FakeEndpoint>>;
  private readonly talkMs: number;
  /** Legs originated, in order. */
  readonly legs: FakeLeg[] = [];
  /** Bridges created, in order. */
  readonly bridges: FakeBridge[] = [];
  /** Recordings started, with how each ended. */
  readonly recordings: { options: RecordOptions; result?: RecordingResult }[] = [];
  private readonly recordingHooks = new Set<{ digit: (d: string) => void; hangup: () => void }>();

  constructor(opts: FakeCallControlOptions) {
    this.clock = opts.clock;
    this.channelId = opts.channelId ?? '1795358614.1';
    const durations = opts.durations;
    const fallback = opts.defaultDurationMs ?? 1000;
    this.durationOf = typeof durations === 'function' ? durations : (uri) => durations?.[uri] ?? fallback;
    this.failing = new Set(opts.failing ?? []);
    for (const [k, v] of Object.entries(opts.variables ?? {})) this.variables.set(k, v);
    this.endpoints = opts.endpoints ?? {};
    this.talkMs = opts.talkMs ?? 0;
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    this.trackAbortListeners();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The signal itself (an AbortSignal is a CancelSignal): listeners on either are counted alike. */
  get ending(): CancelSignal {
    return this.controller.signal;
  }

  // ------------------------------------------------------------- scripting --

  /** Injects DTMF from the caller, one event per digit, now. Ignored once the channel ended. */
  press(digits: string): void {
    if (this.end) return;
    for (const digit of digits) {
      for (const hook of [...this.recordingHooks]) hook.digit(digit);
      for (const listener of [...this.dtmfListeners]) {
        if (typeof listener === 'function') listener(digit);
        else listener.notify(digit);
      }
    }
  }

  /** Schedules `fn` on the fake clock at absolute time `at` (ms). */
  at(at: number, fn: () => void): void {
    this.clock.setTimeout(fn, Math.max(0, at - this.clock.now()));
  }

  /** The caller hangs up: running playbacks end `hangup`, the signal aborts, later calls are refused. */
  callerHangup(): void {
    this.finishChannel({ kind: 'hangup', by: 'caller', cause: 16 });
  }

  /** The next call of `op` rejects with `error` (once). */
  failNext(op: string, error: Error): void {
    this.failures.set(op, error);
  }

  /** DTMF listeners plus abort listeners on `signal` still registered. */
  get listenerCount(): number {
    return this.dtmfListeners.size + this.abortListeners.size;
  }

  get dtmfListenerCount(): number {
    return this.dtmfListeners.size;
  }

  get abortListenerCount(): number {
    return this.abortListeners.size;
  }

  /** Playbacks still running. */
  get activePlaybacks(): number {
    return this.playbacks.size;
  }

  /** Port calls made after the channel ended. */
  get callsAfterEnd(): PortCall[] {
    return this.calls.filter((c) => c.afterEnd);
  }

  /** Just the operation names, in order (handy for assertions). */
  get ops(): string[] {
    return this.calls.map((c) => c.op);
  }

  // ------------------------------------------------------------------ port --

  answer(): Promise<void> {
    return this.op('answer', []);
  }

  async hangup(reason?: HangupReason): Promise<void> {
    await this.op('hangup', [reason]);
    this.finishChannel({ kind: 'hangup', by: 'app', cause: 16 });
  }

  async play(media: readonly string[], opts?: { lang?: string }): Promise<Playback> {
    await this.op('play', opts ? [media, opts] : [media]);
    return this.startPlayback(media);
  }

  onDtmf(listener: AnyListener<string>): () => void {
    this.dtmfListeners.add(listener);
    return () => {
      this.dtmfListeners.delete(listener);
    };
  }

  offDtmf(listener: AnyListener<string>): void {
    this.dtmfListeners.delete(listener);
  }

  async getVariable(name: string): Promise<string | undefined> {
    await this.op('getVariable', [name]);
    return this.variables.get(name);
  }

  async setVariable(name: string, value: string): Promise<void> {
    await this.op('setVariable', [name, value]);
    this.variables.set(name, value);
  }

  async continueInDialplan(target: DialplanTarget): Promise<void> {
    await this.op('continueInDialplan', [target]);
    this.finishChannel({ kind: 'left', by: 'app' });
  }

  sendDtmf(dtmf: string, opts?: { betweenMs?: number; durationMs?: number }): Promise<void> {
    return this.op('sendDtmf', opts ? [dtmf, opts] : [dtmf]);
  }

  async startMoh(mohClass?: string): Promise<void> {
    await this.op('startMoh', [mohClass]);
    this.moh = mohClass ?? '';
  }

  async stopMoh(): Promise<void> {
    await this.op('stopMoh', []);
    this.moh = undefined;
  }

  ring(): Promise<void> {
    return this.op('ring', []);
  }

  ringStop(): Promise<void> {
    return this.op('ringStop', []);
  }

  /**
   * A recording that ends like the simulator's: on a `terminateOn` digit
   * (`key`), `maxSilenceSeconds` after the caller stops talking (`silence`),
   * at `maxDurationSeconds` (`max_duration`), on stop, or on hangup. The beep
   * (440 ms) comes first.
   */
  async record(opts: RecordOptions): Promise<Recording> {
    await this.op('record', [opts]);
    const entry: { options: RecordOptions; result?: RecordingResult } = { options: opts };
    this.recordings.push(entry);
    let settle!: (r: RecordingResult) => void;
    const finished = new Promise<RecordingResult>((resolve) => (settle = resolve));
    const started = this.clock.now() + (opts.beep ? 440 : 0);
    const timers: ReturnType<FakeClock['setTimeout']>[] = [];
    const finish = (status: RecordingResult['status'], cause: string, durationMs = this.clock.now() - started): void => {
      if (entry.result) return;
      for (const t of timers) this.clock.clearTimeout(t);
      this.recordingHooks.delete(hook);
      const durationSeconds = Math.max(0, Math.round(durationMs / 1000));
      entry.result = { status, name: opts.name, format: opts.format, durationSeconds, cause };
      settle(entry.result);
    };
    const hook = {
      digit: (d: string) => {
        const on = opts.terminateOn ?? 'none';
        if (on === 'any' || on === d) finish('done', 'key');
      },
      hangup: () => finish('hangup', 'hangup'),
    };
    this.recordingHooks.add(hook);
    const after = (ms: number, fn: () => void): void => void timers.push(this.clock.setTimeout(fn, Math.max(0, started + ms - this.clock.now())));
    if (opts.maxSilenceSeconds) after(this.talkMs + opts.maxSilenceSeconds * 1000, () => finish('done', 'silence', this.talkMs + 200));
    if (opts.maxDurationSeconds) after(opts.maxDurationSeconds * 1000, () => finish('done', 'max_duration'));
    return {
      name: opts.name,
      finished,
      stop: async () => {
        await this.op('stopRecording', [opts.name]);
        finish('done', 'stopped');
      },
    };
  }

  async originate(opts: OriginateOptions): Promise<OutboundLeg> {
    await this.op('originate', [opts]);
    const behaviour = this.endpoints[opts.endpoint];
    if (!behaviour) throw new VoxtraError('ARI_REQUEST_FAILED', 'channels.originate failed: 500 Allocation failed', { status: 500, message: 'Allocation failed' });
    const leg = new ScriptedLeg(`leg-${this.legs.length + 1}`, opts, behaviour, this.clock, this.legCalls);
    this.legs.push(leg);
    return leg;
  }

  async createBridge(): Promise<Bridge> {
    await this.op('createBridge', []);
    const members: string[] = [];
    const legCalls = this.legCalls;
    const clock = this.clock;
    const bridge = {
      id: `bridge-${this.bridges.length + 1}`,
      members,
      destroyed: false,
      async addChannels(ids: readonly string[]) {
        legCalls.push({ op: 'bridge.addChannels', args: [bridge.id, [...ids]], at: clock.now(), afterEnd: false });
        if (bridge.destroyed) throw new VoxtraError('ARI_REQUEST_FAILED', 'bridges.addChannel failed: 404 Bridge not found', { status: 404, message: 'Bridge not found' });
        members.push(...ids);
      },
      async destroy() {
        legCalls.push({ op: 'bridge.destroy', args: [bridge.id], at: clock.now(), afterEnd: false });
        bridge.destroyed = true;
        members.length = 0;
      },
    };
    this.bridges.push(bridge);
    return bridge;
  }

  /** What was done to legs and bridges (not to the caller's channel), in order. */
  readonly legCalls: PortCall[] = [];

  dispose(): void {
    this.dtmfListeners.clear();
  }

  // ------------------------------------------------------------- internals --

  private op(op: string, args: readonly unknown[]): Promise<void> {
    const afterEnd = this.end !== undefined;
    this.calls.push({ op, args, at: this.clock.now(), afterEnd });
    if (afterEnd) return Promise.reject(new VoxtraError('ARI_CHANNEL_GONE', 'Channel not found', { status: 404 }));
    const failure = this.failures.get(op);
    if (failure) {
      this.failures.delete(op);
      return Promise.reject(failure);
    }
    return Promise.resolve();
  }

  private startPlayback(media: readonly string[]): Playback {
    const id = `playback-${++this.playbackSeq}`;
    let settle!: (end: PlaybackEnd) => void;
    const finished = new Promise<PlaybackEnd>((resolve) => (settle = resolve));
    let timer: ReturnType<FakeClock['setTimeout']> | undefined;
    let over = false;
    const playback: FakePlayback = {
      id,
      media,
      finished,
      finish: (end) => {
        if (over) return;
        over = true;
        if (timer !== undefined) this.clock.clearTimeout(timer);
        this.playbacks.delete(playback);
        settle(end);
      },
      stop: async () => {
        await this.op('stopPlayback', [id]);
        playback.finish('done');
      },
    };
    this.playbacks.add(playback);
    const playable = media.filter((m) => !this.failing.has(m));
    if (playable.length === 0) {
      void Promise.resolve().then(() => playback.finish('failed'));
    } else {
      const total = playable.reduce((sum, m) => sum + this.durationOf(m), 0);
      timer = this.clock.setTimeout(() => playback.finish('done'), total);
    }
    return playback;
  }

  private finishChannel(end: CallEnd): void {
    if (this.end) return;
    this.end = end;
    for (const playback of [...this.playbacks]) playback.finish('hangup');
    for (const hook of [...this.recordingHooks]) hook.hangup();
    this.resolveEnded(end);
    this.controller.abort(new VoxtraError('ARI_CHANNEL_GONE', end.kind === 'left' ? 'the channel left Stasis' : 'the channel hung up'));
    // `once` listeners are gone after the abort fired; others stay registered.
    for (const [listener, once] of [...this.abortListeners]) if (once) this.abortListeners.delete(listener);
  }

  /** Counts abort listeners on the signal so tests can check none are left behind. */
  private trackAbortListeners(): void {
    type Add = AbortSignal['addEventListener'];
    type Remove = AbortSignal['removeEventListener'];
    const signal = this.controller.signal;
    const add: Add = signal.addEventListener.bind(signal);
    const remove: Remove = signal.removeEventListener.bind(signal);
    const counted = this.abortListeners;
    signal.addEventListener = ((...args: Parameters<Add>) => {
      const [type, listener, options] = args;
      if (type === 'abort' && listener) counted.set(listener, typeof options === 'object' && options.once === true);
      add(...args);
    }) as Add;
    signal.removeEventListener = ((...args: Parameters<Remove>) => {
      if (args[0] === 'abort') counted.delete(args[1]);
      remove(...args);
    }) as Remove;
  }
}

const TERMINAL: readonly OutboundState[] = ['busy', 'no_answer', 'failed', 'hangup'];

/** A leg whose far end follows a {@link FakeEndpoint} on the fake clock. */
class ScriptedLeg implements FakeLeg {
  readonly states: OutboundState[] = ['created'];
  hangupReason?: HangupReason | 'unspecified';
  private readonly listeners = new Set<(state: OutboundState) => void>();
  private readonly timers: ReturnType<FakeClock['setTimeout']>[] = [];

  constructor(
    readonly channelId: string,
    readonly options: OriginateOptions,
    behaviour: FakeEndpoint,
    private readonly clock: FakeClock,
    private readonly log: PortCall[],
  ) {
    const ringMs = behaviour.ringMs ?? 0;
    const timeoutMs = options.timeoutSeconds && options.timeoutSeconds > 0 ? options.timeoutSeconds * 1000 : Infinity;
    this.after(0, () => {
      if (behaviour.kind === 'unavailable') return this.to('failed');
      if (behaviour.kind !== 'busy') this.to('ringing');
      if (behaviour.kind === 'busy') this.after(Math.min(ringMs, timeoutMs), () => this.to(ringMs <= timeoutMs ? 'busy' : 'no_answer'));
      else if (behaviour.kind === 'answer' && ringMs < timeoutMs) {
        this.after(ringMs, () => {
          this.to('answered');
          if (behaviour.hangupAfterMs !== undefined) this.after(behaviour.hangupAfterMs, () => this.to('hangup'));
        });
      } else if (timeoutMs !== Infinity) this.after(timeoutMs, () => this.to('no_answer'));
    });
  }

  get endpoint(): string {
    return this.options.endpoint;
  }

  get state(): OutboundState {
    return this.states[this.states.length - 1];
  }

  onState(listener: (state: OutboundState) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async hangup(reason?: HangupReason): Promise<void> {
    this.log.push({ op: 'leg.hangup', args: [this.channelId, reason], at: this.clock.now(), afterEnd: false });
    if (TERMINAL.includes(this.state)) return;
    this.hangupReason = reason ?? 'unspecified';
    this.to('hangup');
  }

  farEndHangup(): void {
    this.to('hangup');
  }

  private after(ms: number, fn: () => void): void {
    this.timers.push(this.clock.setTimeout(fn, ms));
  }

  private to(state: OutboundState): void {
    if (TERMINAL.includes(this.state) || state === this.state) return;
    this.states.push(state);
    if (TERMINAL.includes(state)) for (const t of this.timers) this.clock.clearTimeout(t);
    for (const listener of [...this.listeners]) listener(state);
  }
}
