import { existsSync, statSync } from 'node:fs';
import { wavFileDurationMs } from '../../media/wav';

/** Bytes per second of raw formats Asterisk plays by file extension. */
const RAW_BYTE_RATES: Record<string, number> = { '.ulaw': 8000, '.alaw': 8000, '.ul': 8000, '.al': 8000, '.sln': 16000, '.raw': 16000, '.g722': 8000 };
const CANDIDATE_EXTENSIONS = ['', '.wav', '.WAV', '.gsm', '.ulaw', '.alaw', '.sln', '.g722'];

// Voxtra's rendered phrases are named by a hash of their content, so their lengths never change: measure each once.
const CONTENT_ADDRESSED = /\/[0-9a-f]{64}$/;
const phraseLengths = new Map<string, number>();
const MAX_PHRASES = 10_000;

/**
 * Duration in ms of an audio file given the way Asterisk is given one: with or
 * without its extension. Undefined when no readable file exists.
 */
export function audioFileDurationMs(basePath: string): number | undefined {
  const known = phraseLengths.get(basePath);
  if (known !== undefined) return known;
  const ms = measureAudioFile(basePath);
  if (ms !== undefined && CONTENT_ADDRESSED.test(basePath)) {
    if (phraseLengths.size >= MAX_PHRASES) phraseLengths.clear();
    phraseLengths.set(basePath, ms);
  }
  return ms;
}

function measureAudioFile(basePath: string): number | undefined {
  for (const ext of CANDIDATE_EXTENSIONS) {
    const file = basePath + ext;
    if (!existsSync(file)) continue;
    const st = statSync(file);
    if (!st.isFile()) continue;
    const lower = file.toLowerCase();
    if (lower.endsWith('.wav')) return wavFileDurationMs(file);
    if (lower.endsWith('.gsm')) return Math.round((st.size / 33) * 20);
    const rate = Object.entries(RAW_BYTE_RATES).find(([e]) => lower.endsWith(e))?.[1];
    if (rate) return Math.round((st.size / rate) * 1000);
    if (ext === '') continue;
  }
  return undefined;
}
