import { AbortError } from '../core/clock';
import type { ListenerObject } from '../core/listeners';
import { rejectLater, resolveLater, settleInto, type Outcome } from '../core/outcome';
import type { CallControl, Playback, PlaybackEnd } from '../control/call-control';
import type { PlayResult } from '../call/call-api';
import type { DtmfBuffer } from './dtmf-buffer';
import { isHangupError } from './hangup-errors';
import type { PromptEvent } from './observer';

/** What a prompt was, for its `promptPlayed` event. */
export type PromptInfo = { readonly via: 'play' } | { readonly via: 'say'; readonly text: string };

/** What a {@link MediaPlay} needs of its call (VoxtraCall). */
export interface PlayHost {
  readonly control: CallControl;
  readonly buffer: DtmfBuffer;
  /** Music on hold is on: it is stopped before the play starts. */
  readonly mohOn: boolean;
  stopMohIfOn(): Promise<void>;
  /** A port call, as the call makes every one (nothing sent once it ended; a "gone" answer ends it); never throws, rejects. */
  port<T>(fn: () => Promise<T>): Promise<T>;
  promptPlayed(info: PromptInfo, media: readonly string[], started: number, status: PromptEvent['status'], digit?: string): void;
  /** The playback ended because the channel went: the call is gone; returns the error to fail with. */
  playbackHungUp(): unknown;
  playbackFailed(media: readonly string[]): void;
}

/**
 * One play of a media list, as a small state machine: a digit the caller
 * may press to interrupt (watched from the start, so type-ahead counts), the
 * play request, then the wait for the playback's end, a digit or the call's
 * end; it reports the result to an {@link Outcome} on a later microtask.
 * While the sound plays, the call keeps this object, the playback and its
 * timer: no async frame, promise or closure (a call spends a good part of
 * its life in prompts; bench/calls survivors per scavenge).
 */
export class MediaPlay implements Outcome<PlaybackEnd>, ListenerObject<string> {
  private digit: string | undefined;
  private playback: Playback | undefined;
  private watching = false;
  private waiting = false;
  private over = false;

  constructor(
    private readonly host: PlayHost,
    private readonly media: readonly string[],
    private readonly lang: string | undefined,
    private readonly info: PromptInfo,
    private readonly allowed: ((digit: string) => boolean) | undefined,
    private readonly started: number,
    private readonly end: Outcome<PlayResult>,
  ) {
    // Type-ahead: a digit already waiting interrupts before anything plays.
    const waiting = allowed && host.buffer.find(allowed);
    if (allowed && waiting !== undefined) {
      this.over = true;
      host.promptPlayed(info, media, started, 'interrupted', waiting);
      resolveLater(end, { status: 'interrupted', digit: waiting });
      return;
    }
    if (allowed) {
      this.watching = true;
      host.buffer.addWatcher(this);
    }
    if (host.mohOn) {
      host.stopMohIfOn().then(
        () => this.request(),
        (err: unknown) => this.fail(err),
      );
    } else this.request();
  }

  /** @internal A digit in the call's buffer. */
  notify(digit: string): void {
    if (this.digit !== undefined || !this.allowed?.(digit)) return;
    this.digit = digit;
    if (this.waiting) this.interrupted();
  }

  /** @internal The call ended while the sound played. */
  handleEvent(): void {
    if (!this.waiting) return;
    this.waiting = false;
    this.fail(new AbortError(undefined, this.host.control.ending.reason));
  }

  /** @internal The playback's end. */
  resolved(end: PlaybackEnd): void {
    if (!this.waiting) return;
    this.stopWaiting();
    if (end === 'hangup') return this.fail(this.host.playbackHungUp());
    if (end === 'failed') {
      this.host.playbackFailed(this.media);
      return this.succeed('failed');
    }
    this.succeed('done');
  }

  /** @internal A playback's end never fails; kept for the Outcome shape. */
  rejected(err: unknown): void {
    if (!this.waiting) return;
    this.stopWaiting();
    this.fail(err);
  }

  // host.port is async: what the port call throws comes back as a rejection.
  private request(): void {
    this.host.port(() => this.host.control.play(this.media, this.lang ? { lang: this.lang } : undefined)).then(
      (playback) => this.playing(playback),
      (err: unknown) => this.fail(err),
    );
  }

  private playing(playback: Playback): void {
    this.playback = playback;
    const ending = this.host.control.ending;
    if (ending.aborted) return this.fail(new AbortError(undefined, ending.reason));
    this.waiting = true;
    ending.addEventListener('abort', this, { once: true });
    if (this.digit !== undefined) return this.interrupted();
    if (playback.whenFinished) playback.whenFinished(this);
    else settleInto(playback.finished, this);
  }

  private stopWaiting(): void {
    this.waiting = false;
    this.host.control.ending.removeEventListener('abort', this);
  }

  /** A digit came while the sound played: stop it, then report the digit. */
  private interrupted(): void {
    this.stopWaiting();
    const playback = this.playback;
    if (playback === undefined) return;
    this.host.port(() => playback.stop()).then(
      () => {
        this.release();
        this.host.promptPlayed(this.info, this.media, this.started, 'interrupted', this.digit);
        resolveLater(this.end, { status: 'interrupted', digit: this.digit as string });
      },
      (err: unknown) => this.fail(err),
    );
  }

  private succeed(status: 'done' | 'failed'): void {
    this.release();
    try {
      this.host.promptPlayed(this.info, this.media, this.started, status);
    } catch (err) {
      return rejectLater(this.end, err);
    }
    resolveLater(this.end, { status });
  }

  private fail(err: unknown): void {
    if (this.over) return;
    this.release();
    try {
      if (isHangupError(err, this.host.control.ending)) this.host.promptPlayed(this.info, this.media, this.started, 'hangup');
    } catch {
      // emit() keeps an observer's failure from reaching here; the play's own failure is what counts.
    }
    rejectLater(this.end, err);
  }

  private release(): void {
    this.over = true;
    if (this.watching) {
      this.watching = false;
      this.host.buffer.unwatch(this);
    }
  }
}
