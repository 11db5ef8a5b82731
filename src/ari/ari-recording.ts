import type { Clock } from '../core/clock';
import type { Recording, RecordingResult, RecordOptions } from '../control/call-control';
import { ariStatus } from './ari-errors';
import type { EventDemux } from './event-demux';
import type { AriEvent, AriTransport } from './transport';

interface LiveRecording {
  state?: string;
  duration?: number;
  talking_duration?: number;
  silence_duration?: number;
  cause?: string;
}

/** How long to wait for RecordingFinished after a successful stop before settling anyway. */
const STOP_GRACE_MS = 2000;

/**
 * A live recording of the channel, followed by its name (ARI's id for it).
 * RecordingFinished does not say why recording stopped, so the cause is
 * derived: `stopped` (we stopped it), `hangup`, `key` (a terminateOn digit
 * arrived while recording), `max_duration` (duration reached the limit), and
 * otherwise `silence` when a silence limit was set.
 */
export class AriRecording implements Recording {
  readonly finished: Promise<RecordingResult>;
  private resolve!: (r: RecordingResult) => void;
  private settled = false;
  private stopRequested = false;
  private keyPressed = false;
  private hungUp = false;
  private last: LiveRecording = {};
  private stopTimer: ReturnType<Clock['setTimeout']> | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly opts: RecordOptions,
    private readonly transport: AriTransport,
    demux: EventDemux,
    private readonly clock: Clock,
    private readonly onSettled: (rec: AriRecording) => void,
  ) {
    this.finished = new Promise<RecordingResult>((resolve) => (this.resolve = resolve));
    this.unsubscribe = demux.on('recording', opts.name, (event) => this.onEvent(event));
  }

  get name(): string {
    return this.opts.name;
  }

  async stop(): Promise<void> {
    if (this.settled) return;
    this.stopRequested = true;
    try {
      await this.transport.request('recordings.stop', { recordingName: this.opts.name });
    } catch (err) {
      if (ariStatus(err) !== 404) throw err;
      this.settle('done');
      return;
    }
    if (!this.settled && this.stopTimer === undefined) this.stopTimer = this.clock.setTimeout(() => this.settle('done'), STOP_GRACE_MS);
  }

  /** A DTMF digit arrived on the channel while recording. */
  noteDigit(digit: string): void {
    const on = this.opts.terminateOn ?? 'none';
    if (on === 'any' || on === digit) this.keyPressed = true;
  }

  /** The channel hung up: the recording ends with it. */
  noteHangup(): void {
    this.hungUp = true;
  }

  /** Settles `finished` (first call wins) and stops listening. */
  settle(status: RecordingResult['status'], failureCause?: string): void {
    if (this.settled) return;
    this.settled = true;
    if (this.stopTimer !== undefined) this.clock.clearTimeout(this.stopTimer);
    this.unsubscribe();
    const final = status === 'done' && this.hungUp ? 'hangup' : status;
    const cause = status === 'failed' ? failureCause : this.deriveCause(final);
    this.resolve({
      status: final,
      name: this.opts.name,
      format: this.opts.format,
      ...(typeof this.last.duration === 'number' ? { durationSeconds: this.last.duration } : {}),
      ...(typeof this.last.talking_duration === 'number' ? { talkingSeconds: this.last.talking_duration } : {}),
      ...(typeof this.last.silence_duration === 'number' ? { silenceSeconds: this.last.silence_duration } : {}),
      ...(cause ? { cause } : {}),
    });
    this.onSettled(this);
  }

  private deriveCause(status: RecordingResult['status']): string | undefined {
    if (status === 'hangup') return 'hangup';
    if (this.stopRequested) return 'stopped';
    if (this.keyPressed) return 'key';
    const max = this.opts.maxDurationSeconds;
    if (max && typeof this.last.duration === 'number' && this.last.duration >= max) return 'max_duration';
    if (this.opts.maxSilenceSeconds) return 'silence';
    return undefined;
  }

  private onEvent(event: AriEvent): void {
    const rec = (event.recording ?? {}) as LiveRecording;
    this.last = { ...this.last, ...rec };
    if (event.type === 'RecordingFinished') this.settle('done');
    else if (event.type === 'RecordingFailed') this.settle('failed', typeof rec.cause === 'string' ? rec.cause : undefined);
  }
}
