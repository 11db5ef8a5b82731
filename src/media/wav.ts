import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { VoxtraError } from '../core/errors';

/** The `fmt ` chunk of a WAV file. */
export interface WavFormat {
  /** 1 PCM, 3 IEEE float, 6 A-law, 7 µ-law, 49 GSM... (WAVE_FORMAT_EXTENSIBLE resolved to its sub-format). */
  readonly audioFormat: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly byteRate: number;
  readonly bitsPerSample: number;
  readonly blockAlign: number;
}

/** Where a WAV file's samples are, and how they are encoded. */
export interface WavLayout {
  readonly format: WavFormat;
  readonly dataStart: number;
  readonly dataLength: number;
}

/** The `audioFormat` codes Voxtra decodes. */
export const WAV_ENCODING = { pcm: 1, float: 3, alaw: 6, ulaw: 7 } as const;
const EXTENSIBLE = 0xfffe;
// Chunks walked before the data chunk; real files have a handful.
const MAX_CHUNKS = 64;

/** Random access to the bytes of a WAV file, in memory or on disk. */
interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes at `at` (fewer at the end). */
  read(at: number, length: number): Buffer;
}

type Scan = { readonly ok: true; readonly layout: WavLayout } | { readonly ok: false; readonly problem: string };

/** True when the buffer starts like a RIFF/WAVE file. */
export function looksLikeWav(buf: Buffer): boolean {
  return buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WAVE';
}

/**
 * Reads a WAV file's format and the byte range of its samples, for decoding:
 * the encoding must be one Voxtra decodes (PCM 8/16/24/32-bit, float 32/64,
 * A-law, µ-law). Streaming writers (espeak-ng --stdout among them) put
 * 0x7fffffff-ish sizes in the header because they cannot seek back, so a data
 * chunk that claims more than the buffer holds is read to the end of the
 * buffer. Throws `VoxtraError('AUDIO_INVALID')` with the reason.
 */
export function readWavLayout(buf: Buffer): WavLayout {
  const scan = scanWav({ size: buf.length, read: (at, length) => buf.subarray(at, at + length) });
  if (!scan.ok) throw new VoxtraError('AUDIO_INVALID', scan.problem);
  const { format, dataStart, dataLength } = scan.layout;
  const problem = decodeProblem(format);
  if (problem) throw new VoxtraError('AUDIO_INVALID', problem);
  return { format, dataStart, dataLength: dataLength - (dataLength % format.blockAlign) };
}

/**
 * Length in ms of a WAV file on disk, read from its header only (data size
 * over byte rate, any encoding, GSM-in-WAV included); undefined when the file
 * is not a WAV file it can measure.
 */
export function wavFileDurationMs(file: string): number | undefined {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const scan = scanWav({
      size,
      read: (at, length) => {
        const out = Buffer.alloc(Math.max(0, Math.min(length, size - at)));
        const got = readSync(fd, out, 0, out.length, at);
        return out.subarray(0, got);
      },
    });
    if (!scan.ok || scan.layout.format.byteRate === 0) return undefined;
    return Math.round((scan.layout.dataLength / scan.layout.format.byteRate) * 1000);
  } finally {
    closeSync(fd);
  }
}

/** Walks the RIFF chunks to the data chunk; `dataLength` is cut to what the source holds. */
function scanWav(src: ByteSource): Scan {
  if (!looksLikeWav(src.read(0, 12))) return { ok: false, problem: 'not a WAV file (no RIFF/WAVE header)' };
  let format: WavFormat | undefined;
  let offset = 12;
  for (let chunks = 0; chunks < MAX_CHUNKS && offset + 8 <= src.size; chunks++) {
    const header = src.read(offset, 8);
    const id = header.toString('latin1', 0, 4);
    const size = header.readUInt32LE(4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + size > src.size) return { ok: false, problem: 'WAV fmt chunk is truncated' };
      const fmt = readFormat(src.read(body, Math.min(size, 40)), size);
      if (typeof fmt === 'string') return { ok: false, problem: fmt };
      format = fmt;
    } else if (id === 'data') {
      if (!format) return { ok: false, problem: 'WAV data chunk comes before its fmt chunk' };
      return { ok: true, layout: { format, dataStart: body, dataLength: Math.min(size, src.size - body) } };
    }
    offset = body + size + (size % 2);
  }
  return { ok: false, problem: format ? 'WAV file has no data chunk' : 'WAV file has no fmt chunk' };
}

/** The fmt chunk's fields, or why they cannot be read. */
function readFormat(fmt: Buffer, size: number): WavFormat | string {
  let audioFormat = fmt.readUInt16LE(0);
  if (audioFormat === EXTENSIBLE) {
    if (size < 40) return 'WAV extensible fmt chunk is truncated';
    audioFormat = fmt.readUInt16LE(24); // first two bytes of the sub-format GUID
  }
  return {
    audioFormat,
    channels: fmt.readUInt16LE(2),
    sampleRate: fmt.readUInt32LE(4),
    byteRate: fmt.readUInt32LE(8),
    blockAlign: fmt.readUInt16LE(12),
    bitsPerSample: fmt.readUInt16LE(14),
  };
}

/** Why Voxtra cannot decode samples in this format, if it cannot. */
function decodeProblem(f: WavFormat): string | undefined {
  if (f.channels < 1 || f.sampleRate < 1) return `WAV format is invalid (${f.channels} channel(s), ${f.sampleRate} Hz)`;
  const supported =
    (f.audioFormat === WAV_ENCODING.pcm && [8, 16, 24, 32].includes(f.bitsPerSample)) ||
    (f.audioFormat === WAV_ENCODING.float && (f.bitsPerSample === 32 || f.bitsPerSample === 64)) ||
    ((f.audioFormat === WAV_ENCODING.alaw || f.audioFormat === WAV_ENCODING.ulaw) && f.bitsPerSample === 8);
  if (!supported) return `unsupported WAV encoding (format ${f.audioFormat}, ${f.bitsPerSample} bits)`;
  if (f.blockAlign !== f.channels * (f.bitsPerSample / 8)) return `WAV block size ${f.blockAlign} does not match ${f.channels} channels of ${f.bitsPerSample} bits`;
  return undefined;
}
