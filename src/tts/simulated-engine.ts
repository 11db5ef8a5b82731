import type { EngineAvailability, SynthesisOptions, TtsEngine } from './tts-engine';
import { encodeWavPcm16 } from './wav-encode';
import { TELEPHONY_RATE } from './telephony-audio';

/** About 14 characters a second: a calm IVR voice. */
const MS_PER_CHAR = 70;
const MIN_MS = 400;
const MAX_MS = 60_000;

/**
 * A stand-in engine for the built-in ARI simulator only: it renders silence
 * as long as the text would take to speak, so timings in the simulator stay
 * realistic when no real engine is installed. The runtime refuses it for a
 * real Asterisk, where it would play silence instead of speech.
 */
export class SimulatedSpeechEngine implements TtsEngine {
  readonly name = 'simulated';
  readonly identity = 'simulated-silence-v1';

  async available(): Promise<EngineAvailability> {
    return { ok: true };
  }

  async synthesize(text: string, _opts: SynthesisOptions): Promise<Buffer> {
    const ms = Math.min(MAX_MS, Math.max(MIN_MS, text.length * MS_PER_CHAR));
    const samples = new Int16Array(Math.round((ms * TELEPHONY_RATE) / 1000));
    return encodeWavPcm16(samples, TELEPHONY_RATE);
  }
}
