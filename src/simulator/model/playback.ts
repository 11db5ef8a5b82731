import type { Clock, TimerHandle } from '../../core/clock';
import type { JsonObject } from './json';
import type { MediaPlan } from './media';

/** Asterisk's playback states as ARI prints them (a stopped playback prints "done"). */
export type PlaybackState = 'queued' | 'playing' | 'paused' | 'continuing' | 'done' | 'failed' | 'canceled';
export type PlaybackEventType = 'PlaybackStarted' | 'PlaybackContinuing' | 'PlaybackFinished';
export type PlaybackOperation = 'restart' | 'pause' | 'unpause' | 'reverse' | 'forward' | 'stop';
/** ok, or Asterisk's two failure kinds (409 not playing, 500 not controllable). */
export type OperationOutcome = 'ok' | 'not-playing' | 'failed';

/** One ARI playback: a list of media URIs played in order on one channel. */
export class Playback {
  index = 0;
  state: PlaybackState = 'queued';
  /** Set by DELETE: the final update then reports "done" and the list stops. */
  stopped = false;
  /** PlaybackFinished has been published. */
  settled = false;
  controllable = false;
  plan?: MediaPlan;
  playedMs = 0;
  segmentStartedAt = 0;
  timer?: TimerHandle;

  constructor(
    readonly id: string,
    readonly medias: readonly string[],
    readonly language: string,
    readonly targetUri: string,
    readonly skipMs: number,
    public offsetMs: number,
  ) {}

  get media(): string {
    return this.medias[Math.min(this.index, this.medias.length - 1)];
  }

  get nextMedia(): string | undefined {
    return this.medias[this.index + 1];
  }

  get finished(): boolean {
    return this.state === 'done' || this.state === 'failed' || this.state === 'canceled';
  }

  toJson(): JsonObject {
    const out: JsonObject = { id: this.id, media_uri: this.media };
    const next = this.nextMedia;
    if (next !== undefined) out.next_media_uri = next;
    out.target_uri = this.targetUri;
    out.language = this.language;
    out.state = this.state;
    return out;
  }
}

/** What a channel's playback queue needs from the model. */
export interface PlaybackHost {
  readonly clock: Clock;
  plan(uri: string, language: string): MediaPlan;
  publish(pb: Playback, type: PlaybackEventType): void;
  /** The media in `pb` began (`started`), ended (`done`/`failed`/`stopped`) or was skipped (`lost`). */
  note(pb: Playback, what: 'started' | 'done' | 'failed' | 'stopped' | 'lost'): void;
  /** The playback is over; drop it from the registry. */
  release(pb: Playback): void;
}

/** A channel command waiting in the queue behind the playbacks queued before it. */
interface Barrier {
  readonly run: () => void;
}

/**
 * A channel's playbacks, run one at a time like Asterisk's play_on_channel
 * loop: PlaybackStarted per media, PlaybackContinuing between list items,
 * PlaybackFinished after the last; missing files fail, unsupported URIs are
 * skipped without any final event. Synchronous channel commands wait their
 * turn in the same queue ({@link barrier}), as on the channel's Stasis thread.
 */
export class PlaybackQueue {
  private readonly pending: Array<Playback | Barrier> = [];
  private current?: Playback;
  private kick?: TimerHandle;

  constructor(private readonly host: PlaybackHost) {}

  get active(): Playback | undefined {
    return this.current;
  }

  get queued(): readonly Playback[] {
    return this.pending.filter((e): e is Playback => e instanceof Playback);
  }

  /** A playback runs or waits to run. */
  get busy(): boolean {
    return this.current !== undefined || this.pending.length > 0;
  }

  enqueue(pb: Playback): void {
    this.pending.push(pb);
    this.scheduleNext();
  }

  /**
   * Runs `fn` once every playback queued so far has ended, before any
   * queued later starts: a command that joins the channel's thread (answer,
   * setting a variable, entering a bridge) waits for the media ahead of it.
   */
  barrier(fn: () => void): void {
    this.pending.push({ run: fn });
    this.scheduleNext();
  }

  /** DELETE /playbacks/{id} and POST .../control. */
  operate(pb: Playback, op: PlaybackOperation): OperationOutcome {
    if (pb.state === 'queued') {
      if (op === 'stop') {
        pb.state = 'canceled';
        return 'ok';
      }
      return op === 'restart' ? 'ok' : 'not-playing';
    }
    if (pb.finished) return op === 'stop' ? 'ok' : 'not-playing';
    if (pb.state === 'paused') {
      if (op === 'pause') return 'ok';
      if (op !== 'unpause' && op !== 'stop') return 'not-playing';
    } else if (op === 'unpause') {
      return 'ok';
    }
    if (!pb.controllable) return 'failed';
    switch (op) {
      case 'stop':
        pb.state = 'done';
        pb.stopped = true;
        this.clearTimer(pb);
        this.host.clock.setTimeout(() => this.mediaEnded(pb, false), 0);
        return 'ok';
      case 'pause':
        this.accumulate(pb);
        this.clearTimer(pb);
        pb.state = 'paused';
        return 'ok';
      case 'unpause':
        pb.state = 'playing';
        this.host.publish(pb, 'PlaybackStarted');
        this.armTimer(pb);
        return 'ok';
      case 'restart':
        pb.playedMs = 0;
        this.rearm(pb);
        return 'ok';
      case 'forward':
        this.accumulate(pb);
        pb.playedMs += pb.skipMs;
        this.rearm(pb);
        return 'ok';
      case 'reverse':
        this.accumulate(pb);
        pb.playedMs = Math.max(0, pb.playedMs - pb.skipMs);
        this.rearm(pb);
        return 'ok';
    }
  }

  /**
   * The channel hung up: the running playback fails through the rest of its
   * list (each remaining item starts and fails at once, as streamfile does on
   * a dead channel); queued playbacks are dropped without events.
   */
  abort(): void {
    if (this.kick !== undefined) this.host.clock.clearTimeout(this.kick);
    this.kick = undefined;
    const waiting: Barrier[] = [];
    for (const entry of this.pending.splice(0)) {
      if (entry instanceof Playback) this.host.release(entry);
      else waiting.push(entry);
    }
    this.abortCurrent();
    // Commands that waited for the media now find the channel gone.
    for (const b of waiting) b.run();
  }

  private abortCurrent(): void {
    const pb = this.current;
    this.current = undefined;
    if (!pb) return;
    this.clearTimer(pb);
    if (!pb.settled) {
      this.finalUpdate(pb, false);
      for (pb.index++; pb.index < pb.medias.length && !pb.stopped; pb.index++) {
        pb.state = 'playing';
        this.host.publish(pb, 'PlaybackStarted');
        this.host.note(pb, 'started');
        if (this.host.plan(pb.media, pb.language).kind === 'skipped') {
          this.host.note(pb, 'lost');
          continue;
        }
        this.finalUpdate(pb, false);
      }
    }
    this.host.release(pb);
  }

  private scheduleNext(): void {
    if (this.current || this.kick !== undefined) return;
    this.kick = this.host.clock.setTimeout(() => {
      this.kick = undefined;
      this.startNext();
    }, 0);
  }

  private startNext(): void {
    while (!this.current) {
      const pb = this.pending.shift();
      if (!pb) return;
      if (!(pb instanceof Playback)) {
        pb.run();
        continue;
      }
      if (pb.state === 'canceled') {
        this.host.release(pb);
        continue;
      }
      this.current = pb;
      this.playFrom(pb);
    }
  }

  /** The body of play_on_channel's loop, from the current index on. */
  private playFrom(pb: Playback): void {
    for (; pb.index < pb.medias.length; pb.index++) {
      pb.state = 'playing';
      pb.playedMs = pb.index === 0 ? pb.offsetMs : 0;
      this.host.publish(pb, 'PlaybackStarted');
      this.host.note(pb, 'started');
      const plan = this.host.plan(pb.media, pb.language);
      pb.plan = plan;
      pb.controllable = plan.kind !== 'skipped' && /^(sound|recording|tone):/.test(pb.media);
      if (plan.kind === 'skipped') {
        this.host.note(pb, 'lost');
        continue;
      }
      if (plan.kind === 'missing') {
        this.finalUpdate(pb, false);
        continue;
      }
      this.armTimer(pb);
      return;
    }
    this.finish(pb);
  }

  private mediaEnded(pb: Playback, success: boolean): void {
    if (this.current !== pb) return;
    pb.timer = undefined;
    this.finalUpdate(pb, success);
    if (pb.stopped) {
      this.finish(pb);
      return;
    }
    pb.index++;
    this.playFrom(pb);
  }

  /** playback_final_update: done/failed on the last item, continuing before that. */
  private finalUpdate(pb: Playback, success: boolean): void {
    const last = pb.index >= pb.medias.length - 1;
    if (pb.stopped) {
      pb.state = 'done';
      this.host.note(pb, 'stopped');
    } else {
      pb.state = last ? (success ? 'done' : 'failed') : 'continuing';
      this.host.note(pb, success ? 'done' : 'failed');
    }
    if (pb.state === 'continuing') {
      this.host.publish(pb, 'PlaybackContinuing');
    } else {
      pb.settled = true;
      this.host.publish(pb, 'PlaybackFinished');
    }
  }

  private finish(pb: Playback): void {
    this.clearTimer(pb);
    if (this.current === pb) this.current = undefined;
    this.host.release(pb);
    this.startNext();
  }

  private accumulate(pb: Playback): void {
    if (pb.state === 'playing' || pb.state === 'continuing') pb.playedMs += this.host.clock.now() - pb.segmentStartedAt;
  }

  private rearm(pb: Playback): void {
    if (pb.state === 'paused') return;
    this.clearTimer(pb);
    this.armTimer(pb);
  }

  private armTimer(pb: Playback): void {
    pb.segmentStartedAt = this.host.clock.now();
    const plan = pb.plan;
    if (plan?.kind !== 'timed') return;
    const remaining = Math.max(0, plan.durationMs - pb.playedMs);
    pb.timer = this.host.clock.setTimeout(() => this.mediaEnded(pb, true), remaining);
  }

  private clearTimer(pb: Playback): void {
    if (pb.timer !== undefined) this.host.clock.clearTimeout(pb.timer);
    pb.timer = undefined;
  }
}
