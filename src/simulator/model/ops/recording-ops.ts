import type { AsteriskModel } from '../asterisk-model';
import type { LiveRecording } from '../recording';
import * as recordingEngine from '../recording-engine';
import { fail, noContent, ok, type AriResult } from '../result';
import type { Args } from './args';

function live(m: AsteriskModel, a: Args): LiveRecording | AriResult {
  return m.liveRecordings.get(a.str('recordingName') ?? '') ?? fail(404, 'Recording not found');
}

const isRec = (x: LiveRecording | AriResult): x is LiveRecording => typeof (x as LiveRecording).options === 'object';

export function getLive(m: AsteriskModel, a: Args): AriResult {
  const rec = live(m, a);
  return isRec(rec) ? ok(rec.toJson()) : rec;
}

export function stop(m: AsteriskModel, a: Args): AriResult {
  const rec = live(m, a);
  if (!isRec(rec)) return rec;
  recordingEngine.finish(m, rec, 'stopped');
  return noContent();
}

export function cancel(m: AsteriskModel, a: Args): AriResult {
  const rec = live(m, a);
  if (!isRec(rec)) return rec;
  recordingEngine.finish(m, rec, 'canceled');
  return noContent();
}

/** pause/unpause/mute/unmute: only while the recording is in session. */
export function sessionOp(op: 'pause' | 'unpause' | 'mute' | 'unmute') {
  return (m: AsteriskModel, a: Args): AriResult => {
    const rec = live(m, a);
    if (!isRec(rec)) return rec;
    if (rec.state !== 'recording' && rec.state !== 'paused') return fail(409, 'Recording not in session');
    if (op === 'pause') recordingEngine.pause(m, rec);
    else if (op === 'unpause') recordingEngine.unpause(m, rec);
    return noContent();
  };
}

export function listStored(m: AsteriskModel): AriResult {
  return ok(m.stored.list().map((r) => ({ name: r.name, format: r.format })));
}

export function getStored(m: AsteriskModel, a: Args): AriResult {
  const rec = m.stored.get(a.str('recordingName') ?? '');
  return rec ? ok({ name: rec.name, format: rec.format }) : fail(404, 'Recording not found');
}

export function deleteStored(m: AsteriskModel, a: Args): AriResult {
  return m.stored.delete(a.str('recordingName') ?? '') ? noContent() : fail(404, 'Recording not found');
}

export function copyStored(m: AsteriskModel, a: Args): AriResult {
  const rec = m.stored.get(a.str('recordingName') ?? '');
  if (!rec) return fail(404, 'Recording not found');
  const dest = a.str('destinationRecordingName');
  if (!dest) return fail(400, 'Missing parameter destinationRecordingName');
  if (m.stored.get(dest)) return fail(409, 'A recording with the same name already exists on the system');
  m.stored.put({ ...rec, name: dest });
  return ok({ name: dest, format: rec.format });
}
