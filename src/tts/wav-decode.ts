import { readWavLayout, WAV_ENCODING, type WavFormat } from '../media/wav';
import { alawToLinear, ulawToLinear } from './g711';
import type { Pcm } from './pcm';

/**
 * Decodes a WAV file (PCM 8/16/24/32-bit, float 32/64-bit, A-law, µ-law; any
 * rate and channel count). Throws `VoxtraError('AUDIO_INVALID')` for anything else.
 */
export function decodeWav(buf: Buffer): Pcm {
  const { format, dataStart, dataLength } = readWavLayout(buf);
  const bytes = format.bitsPerSample / 8;
  const frames = dataLength / format.blockAlign;
  const read = sampleReader(buf, format);
  const channels = Array.from({ length: format.channels }, () => new Float32Array(frames));
  for (let f = 0; f < frames; f++) {
    const base = dataStart + f * format.blockAlign;
    for (let c = 0; c < format.channels; c++) channels[c][f] = read(base + c * bytes);
  }
  return { sampleRate: format.sampleRate, channels };
}

function sampleReader(buf: Buffer, format: WavFormat): (at: number) => number {
  switch (format.audioFormat) {
    case WAV_ENCODING.float:
      return format.bitsPerSample === 32 ? (at) => buf.readFloatLE(at) : (at) => buf.readDoubleLE(at);
    case WAV_ENCODING.alaw:
      return (at) => alawToLinear(buf[at]);
    case WAV_ENCODING.ulaw:
      return (at) => ulawToLinear(buf[at]);
    default:
      switch (format.bitsPerSample) {
        case 8:
          return (at) => (buf[at] - 128) / 128;
        case 16:
          return (at) => buf.readInt16LE(at) / 32768;
        case 24:
          return (at) => buf.readIntLE(at, 3) / 8388608;
        default:
          return (at) => buf.readInt32LE(at) / 2147483648;
      }
  }
}
