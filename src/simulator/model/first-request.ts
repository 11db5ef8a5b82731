import { performance } from 'node:perf_hooks';

/** Real-time latency from StasisStart to the app's first request about the channel. */
export interface FirstRequestStats {
  /** Channels whose first request was seen (since start or the last reset). */
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Channels that left Stasis before the app sent anything about them. */
  readonly unanswered: number;
}

/**
 * Measures, in real milliseconds (not simulated ones), how long an app takes
 * to act on a new call: from the moment the simulator publishes StasisStart
 * to the moment it serves the first ARI request naming that channel. This is
 * what `bench/calls` compares between Voxtra and a hand-written app; it is
 * measured here, in the simulator's process, so both are timed the same way.
 */
export class FirstRequestTracker {
  private readonly waiting = new Map<string, number>();
  private samples: number[] = [];
  private next = 0;
  private unanswered = 0;

  constructor(
    private readonly maxSamples = 200_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  stasisStarted(channelId: string): void {
    this.waiting.set(channelId, this.now());
  }

  /** Any request naming `channelId`; only the first after StasisStart counts. */
  request(channelId: string): void {
    const since = this.waiting.get(channelId);
    if (since === undefined) return;
    this.waiting.delete(channelId);
    const ms = this.now() - since;
    if (this.samples.length < this.maxSamples) this.samples.push(ms);
    else this.samples[this.next++ % this.maxSamples] = ms;
  }

  stasisEnded(channelId: string): void {
    if (this.waiting.delete(channelId)) this.unanswered++;
  }

  summary(): FirstRequestStats {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (q: number): number => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]) : 0);
    return { count: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1), unanswered: this.unanswered };
  }

  /** Forgets the samples and counts (channels still waiting keep waiting). */
  reset(): void {
    this.samples = [];
    this.next = 0;
    this.unanswered = 0;
  }
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;
