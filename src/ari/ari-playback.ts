import type { Clock, TimerHandle } from '../core/clock';
import { resolveLater, settleInto, type Outcome } from '../core/outcome';
import type { Playback, PlaybackEnd } from '../control/call-control';
import { ariStatus } from './ari-errors';
import type { DemuxSubscription, EventDemux } from './event-demux';
import type { AriEvent, AriTransport } from './transport';

/**
 * One playback we started. Its id was chosen by us and registered with the
 * demux before `POST .../play`, so no PlaybackFinished can slip past it.
 *
 * `finished` settles on PlaybackFinished (`done`, or `stopped` when we stopped
 * it: Asterisk reports a stopped playback as `done`), `failed`, or `hangup`
 * when the channel goes first (the control calls {@link settle}).
 *
 * A playback of an unknown URI scheme or a missing `recording:` gets 201 and
 * PlaybackStarted from Asterisk but never a PlaybackFinished; the playback is
 * simply gone (`GET /playbacks/{id}` answers 404). So while it is unfinished a
 * watchdog asks for it every `checkMs`, and settles `failed` when Asterisk no
 * longer knows it (after a short grace, in case a PlaybackFinished was already
 * on its way).
 */
export class AriPlayback implements Playback {
  // `finished` is made on first read and the first waiter kept in a slot (whenFinished): while the sound plays the
  // call keeps no promise and no reaction for it.
  private finishedPromise: Promise<PlaybackEnd> | undefined;
  private resolve: ((end: PlaybackEnd) => void) | undefined;
  private waiter: Outcome<PlaybackEnd> | undefined;
  private end: PlaybackEnd | undefined;
  private settled = false;
  private stopRequested = false;
  private watchdog: TimerHandle | undefined;
  private next = WatchdogStep.Poll;
  private fire: (() => void) | undefined;
  private readonly events: DemuxSubscription;

  constructor(
    readonly id: string,
    private readonly transport: AriTransport,
    private readonly demux: EventDemux,
    private readonly onSettled: (pb: AriPlayback) => void,
    private readonly check?: PlaybackWatchdog,
  ) {
    this.events = demux.subscribe('playback', id, this.onEvent, this);
  }

  get finished(): Promise<PlaybackEnd> {
    if (this.finishedPromise === undefined) {
      const end = this.end;
      this.finishedPromise = end !== undefined ? Promise.resolve(end) : new Promise<PlaybackEnd>((resolve) => (this.resolve = resolve));
    }
    return this.finishedPromise;
  }

  whenFinished(end: Outcome<PlaybackEnd>): void {
    if (this.end !== undefined) resolveLater(end, this.end);
    else if (this.waiter === undefined) this.waiter = end;
    else settleInto(this.finished, end);
  }

  /** Starts the watchdog; the control calls it once Asterisk accepted the play. */
  watch(): void {
    if (!this.check || this.settled || this.watchdog !== undefined) return;
    this.schedule(this.check.checkMs, WatchdogStep.Poll);
  }

  get done(): boolean {
    return this.settled;
  }

  async stop(): Promise<void> {
    if (this.settled) return;
    this.stopRequested = true;
    try {
      await this.transport.request('playbacks.stop', { playbackId: this.id });
    } catch (err) {
      // 404: it already ended (or never really started, as with an unknown scheme).
      if (ariStatus(err) !== 404) throw err;
    }
    this.settle('stopped');
  }

  /** Settles `finished` (first call wins) and stops listening. */
  settle(end: PlaybackEnd): void {
    if (this.settled) return;
    this.settled = true;
    if (this.watchdog !== undefined) this.check?.clock.clearTimeout(this.watchdog);
    this.watchdog = undefined;
    this.demux.unsubscribe(this.events);
    this.end = end;
    this.resolve?.(end);
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter !== undefined) resolveLater(waiter, end);
    this.onSettled(this);
  }

  // One timer callback per playback, whatever it does next: a closure per check was ~100 bytes each playing call
  // keeps (heap snapshots).
  private schedule(ms: number, next: WatchdogStep): void {
    const check = this.check;
    if (!check || this.settled) return;
    this.next = next;
    this.watchdog = check.clock.setTimeout((this.fire ??= () => this.fired()), ms);
  }

  private fired(): void {
    this.watchdog = undefined;
    if (this.next === WatchdogStep.Poll) void this.poll();
    else this.settle('failed');
  }

  private async poll(): Promise<void> {
    const check = this.check;
    if (!check || this.settled) return;
    try {
      await this.transport.request('playbacks.get', { playbackId: this.id });
    } catch (err) {
      if (ariStatus(err) === 404) {
        this.schedule(check.graceMs, WatchdogStep.GiveUp);
        return;
      }
      // Anything else (a slow or lost connection) proves nothing: ask again later.
    }
    this.schedule(check.checkMs, WatchdogStep.Poll);
  }

  private onEvent(event: AriEvent): void {
    if (event.type !== 'PlaybackFinished') return;
    const state = (event.playback as { state?: unknown } | undefined)?.state;
    if (state === 'failed') this.settle('failed');
    else this.settle(this.stopRequested ? 'stopped' : 'done');
  }
}

/** What the watchdog's timer does when it fires. */
const enum WatchdogStep {
  /** Ask Asterisk for the playback. */
  Poll,
  /** Asterisk no longer knew it and no PlaybackFinished came: it failed. */
  GiveUp,
}

/** How an unfinished playback is checked for having vanished. */
export interface PlaybackWatchdog {
  readonly clock: Clock;
  /** Interval between `GET /playbacks/{id}` checks, ms. */
  readonly checkMs: number;
  /** Wait after a 404 before settling `failed`, ms. */
  readonly graceMs: number;
}
