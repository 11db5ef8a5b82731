import { readFileSync } from 'node:fs';

// A rendered phrase of Voxtra's TTS cache: an absolute path whose name is a sha256 key.
const TTS_PHRASE = /^sound:(\/(?:[^/]+\/)*[0-9a-f]{64})$/;
const MAX_CHARS = 500;
// A phrase's file is named by the hash of its text, so what a path says never changes: read each once.
const known = new Map<string, string>();
const MAX_KNOWN = 10_000;

/**
 * The text a TTS playback says, read from the `<key>.txt` the TTS cache
 * writes beside `<key>.wav`, so transcripts can show what the caller heard.
 * Undefined for other media, or when there is no such file.
 */
export function spokenText(media: string): string | undefined {
  const m = TTS_PHRASE.exec(media);
  if (!m) return undefined;
  const cached = known.get(m[1]);
  if (cached !== undefined) return cached;
  try {
    const text = readFileSync(`${m[1]}.txt`, 'utf8').trim();
    if (text === '') return undefined;
    const said = text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
    if (known.size >= MAX_KNOWN) known.clear();
    known.set(m[1], said);
    return said;
  } catch {
    return undefined;
  }
}
