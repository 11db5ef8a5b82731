import { createHash } from 'node:crypto';

/**
 * Version of the stored audio layout (8 kHz mono 16-bit WAV). Part of every
 * key, so changing the conversion renders phrases again instead of reusing old
 * files.
 */
const OUTPUT_VERSION = 'wav-8k-s16-mono-1';

/** Hex sha256 names: the only file names the cache reads or serves. */
export const TTS_KEY_PATTERN = /^[0-9a-f]{64}$/;

/** The cache key of a phrase: sha256 of (output version, engine, voice, language, text). */
export function ttsKey(engineIdentity: string, voice: string | undefined, language: string | undefined, text: string): string {
  return createHash('sha256').update(JSON.stringify([OUTPUT_VERSION, engineIdentity, voice ?? '', language ?? '', text])).digest('hex');
}
