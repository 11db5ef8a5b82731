import type { Bridge } from './bridge';
import { causeText } from './causes';
import type { Channel } from './channel';
import type { JsonObject } from './json';
import type { Playback, PlaybackEventType } from './playback';
import type { LiveRecording } from './recording';

/**
 * Builders for ARI events. Each returns the event without `asterisk_id` and
 * `application`, which the dispatcher appends per receiving app; key order
 * follows what Asterisk 22 sends (clients must not rely on it, but it keeps
 * our frames comparable with the recorded ones).
 */
const head = (type: string, timestamp: string): JsonObject => ({ type, timestamp });

export const channelEvent = (type: string, ts: string, ch: Channel): JsonObject => ({ ...head(type, ts), channel: ch.toJson() });

export const stasisStart = (ts: string, args: readonly string[], ch: Channel): JsonObject => ({
  ...head('StasisStart', ts),
  args: [...args],
  channel: ch.toJson(),
});

export const varset = (ts: string, variable: string, value: string, ch: Channel): JsonObject => ({
  variable,
  value,
  ...head('ChannelVarset', ts),
  channel: ch.toJson(),
});

/** ChannelHangupRequest: a remote hangup carries no cause/soft; soft hangups carry their flag as `cause`. */
export const hangupRequest = (ts: string, ch: Channel, fields: { cause?: number; soft?: boolean }): JsonObject => ({
  ...(fields.cause !== undefined ? { cause: fields.cause } : {}),
  ...(fields.soft !== undefined ? { soft: fields.soft } : {}),
  ...head('ChannelHangupRequest', ts),
  channel: ch.toJson(),
});

export const destroyed = (ts: string, ch: Channel, cause: number): JsonObject => ({
  ...head('ChannelDestroyed', ts),
  cause,
  cause_txt: causeText(cause),
  channel: ch.toJson(),
});

export const dtmfReceived = (ts: string, ch: Channel, digit: string, durationMs: number): JsonObject => ({
  ...head('ChannelDtmfReceived', ts),
  digit,
  duration_ms: durationMs,
  channel: ch.toJson(),
});

export const dialplanEvent = (ts: string, ch: Channel, app: string, data: string): JsonObject => ({
  ...head('ChannelDialplan', ts),
  dialplan_app: app,
  dialplan_app_data: data,
  channel: ch.toJson(),
});

export const callerIdEvent = (ts: string, ch: Channel): JsonObject => ({
  ...head('ChannelCallerId', ts),
  caller_presentation: 0,
  caller_presentation_txt: 'Presentation Allowed, Not Screened',
  channel: ch.toJson(),
});

export const dialEvent = (ts: string, fields: { status: string; dialstring: string; peer: Channel; caller?: Channel }): JsonObject => ({
  ...head('Dial', ts),
  dialstatus: fields.status,
  forward: '',
  dialstring: fields.dialstring,
  ...(fields.caller ? { caller: fields.caller.toJson() } : {}),
  peer: fields.peer.toJson(),
});

export const playbackEvent = (type: PlaybackEventType, ts: string, pb: Playback): JsonObject => ({ ...head(type, ts), playback: pb.toJson() });

export const bridgeChannelEvent = (type: 'ChannelEnteredBridge' | 'ChannelLeftBridge', ts: string, bridge: Bridge, ch: Channel): JsonObject => ({
  ...head(type, ts),
  bridge: bridge.toJson(),
  channel: ch.toJson(),
});

export const bridgeEvent = (type: 'BridgeCreated' | 'BridgeDestroyed', ts: string, bridge: Bridge): JsonObject => ({ ...head(type, ts), bridge: bridge.toJson() });

export const recordingEvent = (type: 'RecordingStarted' | 'RecordingFinished' | 'RecordingFailed', ts: string, rec: LiveRecording): JsonObject => ({
  ...head(type, ts),
  recording: rec.toJson(),
});
