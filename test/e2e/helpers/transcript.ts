import type { TranscriptEntry } from '../../../src/simulator';

/** Text-to-speech files the runtime renders (`sound:<dir>/.voxtra/tts/<key>`). */
const TTS_MEDIA = /^sound:.*\/\.voxtra\/tts\/[^/]+$/;

/**
 * The caller's transcript as short lines without timings or ids, so tests
 * assert what happened and in which order. Text-to-speech files become
 * `say#1`, `say#2`, ... numbered by first appearance (the same text renders
 * to the same file, so a repeated prompt keeps its number). Playback starts
 * and bridge membership are left out.
 */
export function summarize(entries: readonly TranscriptEntry[]): string[] {
  const says = new Map<string, string>();
  const media = (uri: string): string => {
    if (!TTS_MEDIA.test(uri)) return uri;
    let name = says.get(uri);
    if (!name) says.set(uri, (name = `say#${says.size + 1}`));
    return name;
  };
  const out: string[] = [];
  for (const e of entries) {
    switch (e.kind) {
      case 'call-placed':
        out.push(`call ${e.extension} from ${e.callerNumber}`);
        break;
      case 'playback-started':
      case 'bridged':
      case 'unbridged':
        break;
      case 'playback-finished':
        out.push(`${e.state === 'done' ? 'heard' : e.state} ${media(e.media)}`);
        break;
      case 'dtmf-received':
        out.push(`pressed ${e.digit}`);
        break;
      case 'variable-set':
        out.push(`set ${e.name}=${e.value}`);
        break;
      case 'continued':
        out.push(`continue ${e.context},${e.extension},${e.priority}`);
        break;
      case 'queue':
        out.push(`queue ${e.queue}`);
        break;
      case 'queue-answered':
        out.push(`queue ${e.queue} answered`);
        break;
      case 'originated':
        out.push(`originate ${e.endpoint}`);
        break;
      case 'dial':
        out.push(`dial ${e.endpoint} ${e.status}`);
        break;
      case 'hangup':
        out.push(`hangup by ${e.by} cause ${e.cause}`);
        break;
      default:
        out.push(e.kind);
    }
  }
  return out;
}

/** Entries after the caller's hangup that the app caused (requests sent for a channel that is gone). */
export function afterCallerHangup(entries: readonly TranscriptEntry[]): TranscriptEntry[] {
  const at = entries.findIndex((e) => e.kind === 'hangup' && e.by === 'caller');
  if (at < 0) return [];
  return entries.slice(at + 1).filter((e) => e.kind !== 'stasis-end' && e.kind !== 'playback-finished');
}
