import type { AsteriskModel } from './asterisk-model';
import type { Channel } from './channel';
import * as ev from './events';
import { LiveRecording, type RecordingOptions } from './recording';
import type { RecordingCause } from './transcript';

/** Trailing silence Asterisk keeps when it trims a recording ended by silence detection. */
const KEPT_SILENCE_MS = 200;

/**
 * Starts a recording the way record_file does: on the channel's next turn it
 * answers the channel if needed, publishes RecordingStarted, beeps, then
 * captures until max silence (after the caller's talk time), max duration, a
 * terminating DTMF digit, stop/cancel, or hangup.
 */
export function start(m: AsteriskModel, ch: Channel, options: RecordingOptions): LiveRecording {
  const rec = new LiveRecording(options, `channel:${ch.id}`, ch.id);
  m.liveRecordings.set(options.name, rec);
  ch.recording = rec;
  m.channelTimer(ch, 0, () => begin(m, ch, rec));
  return rec;
}

function begin(m: AsteriskModel, ch: Channel, rec: LiveRecording): void {
  if (rec.state !== 'queued') return;
  if (ch.bridge) {
    fail(m, rec, 'Cannot record channel while in bridge');
    return;
  }
  if (ch.state !== 'Up') m.answer(ch);
  rec.state = 'recording';
  m.emitChannel(ch, ev.recordingEvent('RecordingStarted', m.ts(), rec));
  m.note(ch, { kind: 'recording-started', name: rec.name, format: rec.options.format });
  const beepMs = rec.options.beep ? (m.sounds.beep ?? 440) : 0;
  rec.captureStartedAt = m.now() + beepMs;
  rec.segmentStartedAt = rec.captureStartedAt;
  arm(m, ch, rec, beepMs);
}

/** Schedules the earliest automatic end, counting only captured (unpaused) time. */
function arm(m: AsteriskModel, ch: Channel, rec: LiveRecording, delayMs: number): void {
  const talk = ch.talkMs ?? 0;
  const candidates: Array<{ at: number; cause: RecordingCause }> = [];
  if (rec.options.maxSilenceSeconds > 0) candidates.push({ at: talk + rec.options.maxSilenceSeconds * 1000, cause: 'silence' });
  if (rec.options.maxDurationSeconds > 0) candidates.push({ at: rec.options.maxDurationSeconds * 1000, cause: 'max_duration' });
  candidates.sort((a, b) => a.at - b.at);
  const next = candidates[0];
  if (!next) return;
  const handle = m.channelTimer(ch, delayMs + Math.max(0, next.at - rec.capturedMs), () => {
    rec.timers.delete(handle);
    finish(m, rec, next.cause);
  });
  rec.timers.add(handle);
}

function disarm(m: AsteriskModel, rec: LiveRecording): void {
  for (const t of rec.timers) m.clock.clearTimeout(t);
  rec.timers.clear();
}

function capturedSoFar(m: AsteriskModel, rec: LiveRecording): number {
  const live = rec.state === 'recording' ? Math.max(0, m.now() - rec.segmentStartedAt) : 0;
  return rec.capturedMs + live;
}

export function pause(m: AsteriskModel, rec: LiveRecording): void {
  if (rec.state !== 'recording') return;
  rec.capturedMs = capturedSoFar(m, rec);
  rec.state = 'paused';
  disarm(m, rec);
}

export function unpause(m: AsteriskModel, rec: LiveRecording): void {
  const ch = m.liveChannel(rec.channelId);
  if (rec.state !== 'paused' || !ch) return;
  rec.state = 'recording';
  rec.segmentStartedAt = m.now();
  arm(m, ch, rec, 0);
}

/** Ends a live recording: RecordingFinished (done, or canceled), stored unless canceled. */
export function finish(m: AsteriskModel, rec: LiveRecording, cause: RecordingCause): void {
  if (rec.state === 'done' || rec.state === 'failed' || rec.state === 'canceled') return;
  const ch = m.channels.get(rec.channelId);
  const wasQueued = rec.state === 'queued';
  const captured = wasQueued ? 0 : capturedSoFar(m, rec);
  disarm(m, rec);
  const talk = Math.min(ch?.talkMs ?? 0, captured);
  const recordedMs = cause === 'silence' ? Math.min(captured, talk + KEPT_SILENCE_MS) : captured;
  rec.durationSeconds = Math.floor(recordedMs / 1000);
  if (rec.options.maxSilenceSeconds > 0) {
    rec.talkingSeconds = Math.floor(talk / 1000);
    rec.silenceSeconds = rec.durationSeconds - rec.talkingSeconds;
  }
  rec.state = cause === 'canceled' ? 'canceled' : 'done';
  rec.endCause = cause;
  if (ch) {
    m.emitChannel(ch, ev.recordingEvent('RecordingFinished', m.ts(), rec));
    m.note(ch, { kind: 'recording-finished', name: rec.name, format: rec.options.format, cause, durationMs: recordedMs });
  }
  if (cause !== 'canceled') {
    const prior = rec.options.ifExists === 'append' ? (m.stored.get(rec.name)?.durationMs ?? 0) : 0;
    m.stored.put({ name: rec.name, format: rec.options.format, durationMs: prior + recordedMs });
  }
  release(m, rec, ch);
}

export function fail(m: AsteriskModel, rec: LiveRecording, cause: string): void {
  const ch = m.channels.get(rec.channelId);
  disarm(m, rec);
  rec.state = 'failed';
  rec.cause = cause;
  if (ch) {
    m.emitChannel(ch, ev.recordingEvent('RecordingFailed', m.ts(), rec));
    m.note(ch, { kind: 'recording-finished', name: rec.name, format: rec.options.format, cause: 'failed', durationMs: 0 });
  }
  release(m, rec, ch);
}

function release(m: AsteriskModel, rec: LiveRecording, ch: Channel | undefined): void {
  if (m.liveRecordings.get(rec.name) === rec) m.liveRecordings.delete(rec.name);
  if (ch?.recording === rec) ch.recording = undefined;
  for (const fn of rec.waiters.splice(0)) fn();
}
