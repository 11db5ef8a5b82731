import type { Clock } from '../core/clock';
import { formatDuration } from '../core/duration';
import type { SimulatorControl, TranscriptEntry } from '../simulator';
import type { CallerAction } from './scenario-types';

/** How long the simulator holds each digit (its default). */
const DIGIT_MS = 200;
const GAP_MS = 400;

/** A prompt the caller started to hear. */
export interface PromptStart {
  /** 1-based, in the order prompts started. */
  readonly n: number;
  /** Clock time. */
  readonly at: number;
  readonly media: string;
  /** The text, for rendered speech. */
  readonly text?: string;
}

/** What the caller did, for reports. */
export interface PerformedAction {
  readonly index: number;
  readonly what: string;
  /** Simulated ms since the call was placed. */
  readonly atMs: number;
  /** Why it could not be done (the call had ended). */
  readonly failed?: string;
}

/** Describes an action as written, for reports: `press "1" during prompt 2`. */
export function describeAction(a: CallerAction): string {
  const what = a.kind === 'press' ? `press "${a.digits}"` : 'hang up';
  const t = a.timing;
  if (t.kind === 'at') return `${what} at ${formatDuration(t.ms)}`;
  if (t.kind === 'after') return t.ms === 0 ? what : `${what} ${formatDuration(t.ms)} after the previous action`;
  const which = t.nth !== undefined ? `prompt ${t.nth}` : t.match !== undefined ? `the prompt with "${t.match}"` : 'the next prompt';
  return `${what} during ${which}${t.offsetMs > 0 ? ` (+${formatDuration(t.offsetMs)})` : ''}`;
}

/**
 * Plays the caller's part of a scenario: each action is scheduled on the
 * simulated clock once its moment is known (a time, or the start of a
 * prompt seen in the call's transcript), one after the other. `poll()` runs
 * after every settled step of simulated time.
 */
export class CallerDriver {
  private index = 0;
  private scheduled = false;
  /** Clock time the previous action ended. */
  private readyAt: number;
  private cursor = 0;
  private readonly seenPlaybacks = new Set<string>();
  readonly prompts: PromptStart[] = [];
  readonly performed: PerformedAction[] = [];

  constructor(
    private readonly actions: readonly CallerAction[],
    private readonly deps: {
      readonly sim: SimulatorControl;
      readonly channelId: string;
      readonly clock: Clock;
      /** Clock time the call was placed. */
      readonly placedAt: number;
      readonly transcript: () => readonly TranscriptEntry[];
      readonly speechText: (media: string) => string | undefined;
    },
  ) {
    this.readyAt = deps.placedAt;
  }

  /** Actions that never happened (the call ended first). */
  get unperformed(): readonly { index: number; action: CallerAction }[] {
    return this.actions.slice(this.index).map((action, i) => ({ index: this.index + i, action }));
  }

  poll(): void {
    this.scan();
    if (this.scheduled || this.index >= this.actions.length) return;
    const action = this.actions[this.index];
    const at = this.dueAt(action);
    if (at === undefined) return;
    this.scheduled = true;
    const { clock } = this.deps;
    clock.setTimeout(() => this.perform(action), Math.max(0, at - clock.now()));
  }

  private scan(): void {
    const entries = this.deps.transcript();
    for (; this.cursor < entries.length; this.cursor++) {
      const e = entries[this.cursor];
      if (e.kind !== 'playback-started' || this.seenPlaybacks.has(e.playbackId)) continue;
      this.seenPlaybacks.add(e.playbackId);
      const text = this.deps.speechText(e.media);
      this.prompts.push({ n: this.prompts.length + 1, at: this.deps.placedAt + e.atMs, media: e.media, ...(text !== undefined ? { text } : {}) });
    }
  }

  private dueAt(action: CallerAction): number | undefined {
    const t = action.timing;
    if (t.kind === 'at') return this.deps.placedAt + t.ms;
    if (t.kind === 'after') return this.readyAt + t.ms;
    let prompt: PromptStart | undefined;
    if (t.nth !== undefined) prompt = this.prompts[t.nth - 1];
    else {
      const match = t.match;
      prompt = this.prompts.find((p) => p.at >= this.readyAt && (match === undefined || (p.text ?? '').includes(match) || p.media.includes(match)));
    }
    return prompt ? prompt.at + t.offsetMs : undefined;
  }

  private perform(action: CallerAction): void {
    const { sim, channelId, clock, placedAt } = this.deps;
    const index = this.index;
    this.index++;
    this.scheduled = false;
    const atMs = clock.now() - placedAt;
    const what = action.kind === 'press' ? `pressed ${action.digits}` : 'hung up';
    try {
      if (action.kind === 'press') {
        const gap = action.gapMs ?? GAP_MS;
        sim.sendDtmf(channelId, action.digits, { gapMs: gap, durationMs: DIGIT_MS });
        this.readyAt = clock.now() + (action.digits.length - 1) * gap + DIGIT_MS;
      } else {
        sim.hangup(channelId);
        this.readyAt = clock.now();
      }
      this.performed.push({ index, what, atMs });
    } catch (err) {
      this.readyAt = clock.now();
      this.performed.push({ index, what, atMs, failed: err instanceof Error ? err.message : String(err) });
    }
  }
}
