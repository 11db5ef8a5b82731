import type { AsteriskModel } from './asterisk-model';
import type { Channel } from './channel';
import * as ev from './events';
import { PlaybackQueue, type Playback } from './playback';
import * as recordingEngine from './recording-engine';
import { spokenText } from './spoken-text';

/** The channel's playback queue, created on first use and wired to the model's events and transcript. */
export function playbackQueue(m: AsteriskModel, ch: Channel): PlaybackQueue {
  if (!ch.playbacks) {
    ch.playbacks = new PlaybackQueue({
      clock: m.clock,
      plan: (uri) => m.planMedia(uri),
      publish: (pb, type) => m.emitChannel(ch, ev.playbackEvent(type, m.ts(), pb)),
      note: (pb, what) => {
        const said = spokenText(pb.media);
        const base = { playbackId: pb.id, media: pb.media, ...(said !== undefined ? { said } : {}) };
        if (what === 'started') m.note(ch, { kind: 'playback-started', ...base });
        else if (what === 'lost') m.note(ch, { kind: 'playback-lost', ...base });
        else m.note(ch, { kind: 'playback-finished', ...base, state: what });
      },
      release: (pb) => releasePlayback(m, pb),
    });
  }
  return ch.playbacks;
}

export function registerPlayback(m: AsteriskModel, pb: Playback): void {
  const list = m.playbacks.get(pb.id);
  if (list) list.push(pb);
  else m.playbacks.set(pb.id, [pb]);
}

function releasePlayback(m: AsteriskModel, pb: Playback): void {
  const list = m.playbacks.get(pb.id);
  if (!list) return;
  const i = list.indexOf(pb);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) m.playbacks.delete(pb.id);
}

/**
 * Runs `fn` when the channel's Stasis thread is free: after the playbacks
 * queued so far and a live recording, which is when Asterisk runs a command
 * that joins the thread (answer, setting a variable, entering or leaving a
 * bridge). A hung-up channel runs it at once.
 */
export function whenIdle(ch: Channel, fn: () => void): void {
  if (ch.hungUp) {
    fn();
    return;
  }
  if (ch.playbacks?.busy) ch.playbacks.barrier(() => afterRecording(ch, fn));
  else afterRecording(ch, fn);
}

function afterRecording(ch: Channel, fn: () => void): void {
  const rec = ch.recording;
  if (!ch.hungUp && rec && (rec.state === 'queued' || rec.state === 'recording' || rec.state === 'paused')) rec.waiters.push(fn);
  else fn();
}

/** Hangup: playbacks fail, a live recording finishes, music on hold stops. */
export function abortMedia(m: AsteriskModel, ch: Channel): void {
  ch.playbacks?.abort();
  if (ch.recording) recordingEngine.finish(m, ch.recording, 'hangup');
  ch.mohClass = undefined;
}

export function dtmfReceived(m: AsteriskModel, ch: Channel, digit: string, durationMs: number): void {
  if (ch.hungUp) return;
  m.emitChannel(ch, ev.dtmfReceived(m.ts(), ch, digit, durationMs));
  m.note(ch, { kind: 'dtmf-received', digit, durationMs });
  const rec = ch.recording;
  if (rec && rec.state === 'recording' && rec.options.terminateDigits.includes(digit)) recordingEngine.finish(m, rec, 'key');
}
