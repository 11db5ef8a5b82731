import { alawToLinear, ulawToLinear } from './g711';
import type { Pcm } from './pcm';

/** A buffer that is not a WAV file this module can read. */
export class WavFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WavFormatError';
  }
}

/** The `fmt ` chunk of a WAV file. */
export interface WavFormat {
  /** 1 PCM, 3 IEEE float, 6 A-law, 7 µ-law (WAVE_FORMAT_EXTENSIBLE resolved to its sub-format). */
  readonly audioFormat: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
  readonly blockAlign: number;
}

const PCM = 1;
const FLOAT = 3;
const ALAW = 6;
const ULAW = 7;
const EXTENSIBLE = 0xfffe;

/** True when the buffer starts like a RIFF/WAVE file. */
export function looksLikeWav(buf: Buffer): boolean {
  return buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WAVE';
}

/**
 * Reads a WAV file's format and the byte range of its samples. Streaming
 * writers (espeak-ng --stdout among them) put 0x7fffffff-ish sizes in the
 * header because they cannot seek back, so a data chunk that claims more than
 * the buffer holds is read to the end of the buffer.
 */
export function readWavLayout(buf: Buffer): { format: WavFormat; dataStart: number; dataLength: number } {
  if (!looksLikeWav(buf)) throw new WavFormatError('not a WAV file (no RIFF/WAVE header)');
  let format: WavFormat | undefined;
  let offset = 12;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('latin1', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + size > buf.length) throw new WavFormatError('WAV fmt chunk is truncated');
      format = readFormat(buf, body, size);
    } else if (id === 'data') {
      if (!format) throw new WavFormatError('WAV data chunk comes before its fmt chunk');
      const available = buf.length - body;
      const length = Math.min(size, available);
      return { format, dataStart: body, dataLength: length - (length % format.blockAlign) };
    }
    offset = body + size + (size % 2);
  }
  throw new WavFormatError(format ? 'WAV file has no data chunk' : 'WAV file has no fmt chunk');
}

function readFormat(buf: Buffer, at: number, size: number): WavFormat {
  let audioFormat = buf.readUInt16LE(at);
  const channels = buf.readUInt16LE(at + 2);
  const sampleRate = buf.readUInt32LE(at + 4);
  const blockAlign = buf.readUInt16LE(at + 12);
  const bitsPerSample = buf.readUInt16LE(at + 14);
  if (audioFormat === EXTENSIBLE) {
    if (size < 40) throw new WavFormatError('WAV extensible fmt chunk is truncated');
    audioFormat = buf.readUInt16LE(at + 24); // first two bytes of the sub-format GUID
  }
  if (channels < 1 || sampleRate < 1) throw new WavFormatError(`WAV format is invalid (${channels} channel(s), ${sampleRate} Hz)`);
  const supported =
    (audioFormat === PCM && [8, 16, 24, 32].includes(bitsPerSample)) ||
    (audioFormat === FLOAT && (bitsPerSample === 32 || bitsPerSample === 64)) ||
    ((audioFormat === ALAW || audioFormat === ULAW) && bitsPerSample === 8);
  if (!supported) throw new WavFormatError(`unsupported WAV encoding (format ${audioFormat}, ${bitsPerSample} bits)`);
  if (blockAlign !== channels * (bitsPerSample / 8)) throw new WavFormatError(`WAV block size ${blockAlign} does not match ${channels} channels of ${bitsPerSample} bits`);
  return { audioFormat, channels, sampleRate, bitsPerSample, blockAlign };
}

/** Decodes a WAV file (PCM 8/16/24/32-bit, float 32/64-bit, A-law, µ-law; any rate and channel count). */
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
    case FLOAT:
      return format.bitsPerSample === 32 ? (at) => buf.readFloatLE(at) : (at) => buf.readDoubleLE(at);
    case ALAW:
      return (at) => alawToLinear(buf[at]);
    case ULAW:
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
