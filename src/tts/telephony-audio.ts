import { readWavLayout } from '../media/wav';
import { downmix, toInt16, type Pcm } from './pcm';
import { resample } from './resample';
import { encodeWavPcm16 } from './wav-encode';

/** The rate Asterisk plays `.wav` files at without transcoding. */
export const TELEPHONY_RATE = 8000;

/** Mixes to mono, resamples to 8 kHz and encodes as a 16-bit PCM WAV file. */
export function toTelephonyWav(pcm: Pcm): Buffer {
  const mono = downmix(pcm);
  return encodeWavPcm16(toInt16(resample(mono, pcm.sampleRate, TELEPHONY_RATE)), TELEPHONY_RATE);
}

/** True when the buffer is an 8 kHz mono 16-bit PCM WAV file with some audio in it. */
export function isTelephonyWav(buf: Buffer): boolean {
  try {
    const { format, dataLength } = readWavLayout(buf);
    return format.audioFormat === 1 && format.channels === 1 && format.sampleRate === TELEPHONY_RATE && format.bitsPerSample === 16 && dataLength > 0;
  } catch {
    return false;
  }
}
