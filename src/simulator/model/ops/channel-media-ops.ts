import type { AsteriskModel } from '../asterisk-model';
import * as mediaEngine from '../media-engine';
import { Playback } from '../playback';
import { KNOWN_RECORDING_FORMATS, type RecordingOptions } from '../recording';
import * as recordingEngine from '../recording-engine';
import { created, fail, type AriResult } from '../result';
import type { Args } from './args';
import { controlInValidState, isResult } from './common';

const TERMINATE_ON: Record<string, string> = { none: '', any: '0123456789*#ABCD', '*': '*', '#': '#' };

/** POST /channels/{id}/play and /play/{playbackId}: 201 with the queued playback. */
export function play(m: AsteriskModel, a: Args): AriResult {
  const ch = controlInValidState(m, a.str('channelId'));
  if (isResult(ch)) return ch;
  const media = a.list('media');
  if (media.length === 0 || media.some((uri) => uri === '')) return fail(500, 'Failed to queue media for playback');
  const id = a.str('playbackId') ?? m.ids.uuid();
  const pb = new Playback(id, media, a.str('lang') ?? ch.language, `channel:${ch.id}`, a.int('skipms', 3000), Math.max(0, a.int('offsetms', 0)));
  mediaEngine.registerPlayback(m, pb);
  m.playbackQueue(ch).enqueue(pb);
  return created(pb.toJson(), `/playbacks/${id}`);
}

/** POST /channels/{id}/record, validated in the order ast_ari_channels_record checks. */
export function record(m: AsteriskModel, a: Args): AriResult {
  const ch = controlInValidState(m, a.str('channelId'));
  if (isResult(ch)) return ch;
  const maxDurationSeconds = a.int('maxDurationSeconds', 0);
  const maxSilenceSeconds = a.int('maxSilenceSeconds', 0);
  if (maxDurationSeconds < 0) return fail(400, 'max_duration_seconds cannot be negative');
  if (maxSilenceSeconds < 0) return fail(400, 'max_silence_seconds cannot be negative');
  const terminateDigits = TERMINATE_ON[a.str('terminateOn') ?? 'none'];
  if (terminateDigits === undefined) return fail(400, 'terminateOn invalid');
  const ifExists = a.str('ifExists') ?? 'fail';
  if (ifExists !== 'fail' && ifExists !== 'overwrite' && ifExists !== 'append') return fail(400, 'ifExists invalid');
  const format = a.str('format');
  if (!format || !KNOWN_RECORDING_FORMATS.has(format)) return fail(422, 'specified format is unknown on this system');
  const name = a.str('name');
  if (!name) return fail(500, 'Error parsing request');
  if (name.startsWith('/') || name.split('/').includes('..')) return fail(400, 'Recording name invalid');
  if ((ifExists === 'fail' && m.stored.get(name)) || m.liveRecordings.has(name)) {
    return fail(409, `Recording '${name}' already exists and can not be overwritten`);
  }
  const options: RecordingOptions = { name, format, maxDurationSeconds, maxSilenceSeconds, ifExists, beep: a.bool('beep'), terminateDigits };
  const rec = recordingEngine.start(m, ch, options);
  return created(rec.toJson(), `/recordings/live/${name}`);
}
