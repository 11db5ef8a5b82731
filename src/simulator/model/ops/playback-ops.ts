import type { AsteriskModel } from '../asterisk-model';
import type { PlaybackOperation } from '../playback';
import { fail, noContent, ok, type AriResult } from '../result';
import type { Args } from './args';

const OPERATIONS = new Set<PlaybackOperation>(['restart', 'pause', 'unpause', 'reverse', 'forward']);

export function get(m: AsteriskModel, a: Args): AriResult {
  const pb = m.findPlayback(a.str('playbackId') ?? '');
  return pb ? ok(pb.toJson()) : fail(404, 'Playback not found');
}

/** DELETE /playbacks/{id}: 204, then PlaybackFinished with state "done". */
export function stop(m: AsteriskModel, a: Args): AriResult {
  return operate(m, a.str('playbackId'), 'stop');
}

export function control(m: AsteriskModel, a: Args): AriResult {
  const operation = a.str('operation');
  if (!operation) return fail(400, 'Missing operation');
  if (!m.findPlayback(a.str('playbackId') ?? '')) return fail(404, 'Playback not found');
  if (!OPERATIONS.has(operation as PlaybackOperation)) return fail(400, `Invalid operation ${operation}`);
  return operate(m, a.str('playbackId'), operation as PlaybackOperation);
}

function operate(m: AsteriskModel, id: string | undefined, op: PlaybackOperation): AriResult {
  const pb = m.findPlayback(id ?? '');
  if (!pb) return fail(404, 'Playback not found');
  const ch = m.channels.get(pb.targetUri.slice('channel:'.length));
  const outcome = ch?.playbacks?.operate(pb, op) ?? 'not-playing';
  if (outcome === 'ok') return noContent();
  return outcome === 'failed' ? fail(500, `Could not ${op} playback`) : fail(409, `Can only ${op} while media is playing`);
}
