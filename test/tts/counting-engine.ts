import { AbortError } from '../../src/core/clock';
import type { EngineAvailability, SynthesisOptions, TtsEngine } from '../../src/tts/tts-engine';
import { encodeWavPcm16 } from '../../src/tts/wav-encode';

/**
 * An engine for cache tests: counts syntheses, can hold them until released,
 * and renders a short tone whose length depends on the text.
 */
export class CountingEngine implements TtsEngine {
  readonly name = 'counting';
  identity = 'counting-v1';
  calls: Array<{ text: string; opts: SynthesisOptions; signal?: AbortSignal }> = [];
  running = 0;
  maxRunning = 0;
  hold = false;
  failWith?: Error;
  output?: Buffer;
  private waiting: Array<() => void> = [];

  async available(): Promise<EngineAvailability> {
    return { ok: true };
  }

  /** Lets every held synthesis finish. */
  releaseAll(): void {
    const w = this.waiting;
    this.waiting = [];
    w.forEach((fn) => fn());
  }

  /** Lets every held synthesis finish, the last one held first. */
  releaseAllReversed(): void {
    const w = this.waiting.reverse();
    this.waiting = [];
    w.forEach((fn) => fn());
  }

  async synthesize(text: string, opts: SynthesisOptions, signal?: AbortSignal): Promise<Buffer> {
    this.calls.push({ text, opts, signal });
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      if (this.hold) {
        await new Promise<void>((resolve, reject) => {
          this.waiting.push(resolve);
          signal?.addEventListener('abort', () => reject(new AbortError()), { once: true });
        });
      }
      if (this.failWith) throw this.failWith;
      return this.output ?? encodeWavPcm16(new Int16Array(80 * (1 + text.length)).fill(1000), 8000);
    } finally {
      this.running--;
    }
  }
}
