import { readFileSync } from 'node:fs';

// A rendered phrase of Voxtra's TTS cache: an absolute path whose name is a sha256 key.
const TTS_PHRASE = /^sound:(\/(?:[^/]+\/)*[0-9a-f]{64})$/;
const MAX_CHARS = 500;

/**
 * The text a TTS playback says, read from the `<key>.txt` the TTS cache
 * writes beside `<key>.wav`, so transcripts can show what the caller heard.
 * Undefined for other media, or when there is no such file.
 */
export function spokenText(media: string): string | undefined {
  const m = TTS_PHRASE.exec(media);
  if (!m) return undefined;
  try {
    const text = readFileSync(`${m[1]}.txt`, 'utf8').trim();
    if (text === '') return undefined;
    return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
  } catch {
    return undefined;
  }
}
