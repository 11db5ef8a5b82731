import { SPOKEN_UNIT_MS, spokenWordCount } from './sounds';
import { audioFileDurationMs } from './audio-length';

/**
 * What playing one media URI does, following res_stasis_playback.c:
 * - `timed`: plays for `durationMs`, then succeeds;
 * - `endless`: plays until stopped (tones that repeat);
 * - `missing`: the file cannot be opened, so the playback fails at once;
 * - `skipped`: Asterisk logs an error and moves on without a final update
 *   (unknown schemes, no scheme, a missing `recording:`), so no
 *   PlaybackFinished/Continuing is ever published for it.
 */
export type MediaPlan =
  | { readonly kind: 'timed'; readonly durationMs: number }
  | { readonly kind: 'endless' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'skipped' };

export interface MediaLibrary {
  /** Sound name → length in ms. */
  readonly sounds: Readonly<Record<string, number>>;
  /** Remote (`sound:http://...`) media → length in ms. */
  readonly remote: Readonly<Record<string, number>>;
  /** Stored recording name → length in ms, when it exists. */
  storedRecordingMs(name: string): number | undefined;
}

export function planMedia(uri: string, lib: MediaLibrary): MediaPlan {
  const colon = uri.indexOf(':');
  if (colon <= 0) return { kind: 'skipped' };
  const scheme = uri.slice(0, colon);
  const rest = uri.slice(colon + 1);
  switch (scheme) {
    case 'sound':
      return planSound(rest, lib);
    case 'recording': {
      const ms = lib.storedRecordingMs(rest);
      return ms === undefined ? { kind: 'skipped' } : { kind: 'timed', durationMs: ms };
    }
    case 'digits':
    case 'characters':
      return { kind: 'timed', durationMs: Math.max(1, [...rest].length) * SPOKEN_UNIT_MS };
    case 'number': {
      const n = Number.parseInt(rest, 10);
      return { kind: 'timed', durationMs: spokenWordCount(Number.isNaN(n) ? 0 : n) * SPOKEN_UNIT_MS };
    }
    case 'tone':
      return planTone(rest);
    default:
      return { kind: 'skipped' };
  }
}

function planSound(name: string, lib: MediaLibrary): MediaPlan {
  if (/^https?:\/\//i.test(name)) {
    const ms = lib.remote[name];
    return ms === undefined ? { kind: 'missing' } : { kind: 'timed', durationMs: ms };
  }
  if (name.startsWith('/')) {
    const ms = audioFileDurationMs(name);
    return ms === undefined ? { kind: 'missing' } : { kind: 'timed', durationMs: ms };
  }
  const ms = lib.sounds[name];
  return ms === undefined ? { kind: 'missing' } : { kind: 'timed', durationMs: ms };
}

/**
 * `tone:` takes an indication name (ring, busy, ...) or a tone list such as
 * `!350+440/100,!0/100`. Indications and lists with a part that lacks `!`
 * repeat until stopped; a list whose parts all start with `!` plays once.
 */
function planTone(spec: string): MediaPlan {
  const body = spec.split(';')[0].trim();
  if (!body) return { kind: 'missing' };
  if (/^[a-z_]+$/i.test(body)) return { kind: 'endless' };
  let total = 0;
  for (const part of body.split(',')) {
    const p = part.trim();
    const m = /^!?[0-9+*x]+\/(\d+)$/i.exec(p);
    if (!p.startsWith('!') || !m) return { kind: 'endless' };
    total += Number(m[1]);
  }
  return { kind: 'timed', durationMs: total };
}
