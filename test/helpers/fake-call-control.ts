import { VoxtraError } from '../../src/core/errors';
import type { FakeClock } from '../../src/core/fake-clock';
import type {
  Bridge,
  CallControl,
  CallEnd,
  DialplanTarget,
  HangupReason,
  OriginateOptions,
  OutboundLeg,
  Playback,
  PlaybackEnd,
  Recording,
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
  private readonly dtmfListeners = new Set<(digit: string) => void>();
  private readonly playbacks = new Set<FakePlayback>();
  private readonly failures = new Map<string, Error>();
  private readonly durationOf: (uri: string) => number;
  private readonly failing: ReadonlySet<string>;
  private resolveEnded!: (end: CallEnd) => void;
  private playbackSeq = 0;

  constructor(opts: FakeCallControlOptions) {
    this.clock = opts.clock;
    this.channelId = opts.channelId ?? '1795358614.1';
    const durations = opts.durations;
    const fallback = opts.defaultDurationMs ?? 1000;
    this.durationOf = typeof durations === 'function' ? durations : (uri) => durations?.[uri] ?? fallback;
    this.failing = new Set(opts.failing ?? []);
    for (const [k, v] of Object.entries(opts.variables ?? {})) this.variables.set(k, v);
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    this.trackAbortListeners();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  // ------------------------------------------------------------- scripting --

  /** Injects DTMF from the caller, one event per digit, now. Ignored once the channel ended. */
  press(digits: string): void {
    if (this.end) return;
    for (const digit of digits) for (const listener of [...this.dtmfListeners]) listener(digit);
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

  onDtmf(listener: (digit: string) => void): () => void {
    this.dtmfListeners.add(listener);
    return () => {
      this.dtmfListeners.delete(listener);
    };
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

  async record(opts: RecordOptions): Promise<Recording> {
    await this.op('record', [opts]);
    throw new Error('record is not scripted in FakeCallControl');
  }

  async originate(opts: OriginateOptions): Promise<OutboundLeg> {
    await this.op('originate', [opts]);
    throw new Error('originate is not scripted in FakeCallControl');
  }

  async createBridge(): Promise<Bridge> {
    await this.op('createBridge', []);
    throw new Error('createBridge is not scripted in FakeCallControl');
  }

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
