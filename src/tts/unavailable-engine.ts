import { VoxtraError } from '../core/errors';
import type { EngineAvailability, TtsEngine } from './tts-engine';

/** Stands in for an engine that cannot work, so every render fails with the reason. */
export class UnavailableEngine implements TtsEngine {
  readonly identity = 'unavailable';

  constructor(readonly name: string, private readonly reason: string) {}

  async available(): Promise<EngineAvailability> {
    return { ok: false, reason: this.reason };
  }

  async synthesize(): Promise<Buffer> {
    throw new VoxtraError('TTS_UNAVAILABLE', `text-to-speech is unavailable: ${this.reason}`, { engine: this.name });
  }
}
