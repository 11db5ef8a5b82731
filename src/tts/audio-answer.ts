import { VoxtraError } from '../core/errors';
import { decodeL16, type Pcm } from './pcm';
import { looksLikeWav } from '../media/wav';
import { decodeWav } from './wav-decode';

/** What an HTTP TTS service is expected to answer with. */
export type HttpAudioFormat = 'auto' | 'wav' | 'l16';

const WAV_TYPES = new Set(['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave']);
const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** A Content-Type split into its lower-case media type and parameters. */
export function parseContentType(header: string): { type: string; params: Record<string, string> } {
  const [type, ...rest] = header.split(';');
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq > 0) params[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim().replace(/^"|"$/g, '');
  }
  return { type: type.trim().toLowerCase(), params };
}

function positiveInt(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0 || n > 384_000) throw new VoxtraError('AUDIO_INVALID', `audio/L16 ${what} "${text}" is not valid`);
  return n;
}

/**
 * Decodes an HTTP TTS answer. `auto` goes by Content-Type: a WAV type, or
 * `audio/L16;rate=N[;channels=C]` (big-endian, RFC 3551; rate defaults to
 * 8000), or a generic binary type whose bytes start like a WAV file. `wav` and
 * `l16` insist on that form whatever the Content-Type says. Anything else
 * throws a message that names what came back.
 */
export function decodeAudioAnswer(contentType: string, body: Buffer, format: HttpAudioFormat): Pcm {
  const { type, params } = parseContentType(contentType);
  const l16 = (): Pcm => decodeL16(body, positiveInt(params.rate, 8000, 'rate'), positiveInt(params.channels, 1, 'channels'));
  if (format === 'wav') return decodeWav(body);
  if (format === 'l16') return l16();
  if (WAV_TYPES.has(type)) return decodeWav(body);
  if (type === 'audio/l16') return l16();
  if (GENERIC_TYPES.has(type) && looksLikeWav(body)) return decodeWav(body);
  const preview = body.subarray(0, 120).toString('utf8').replace(/[^\x20-\x7e]+/g, ' ').trim();
  throw new VoxtraError('AUDIO_INVALID', `expected audio/wav or audio/L16 but got ${type ? `"${type}"` : 'no Content-Type'}${preview ? `: ${preview}` : ''}`);
}
