/**
 * What one call experienced, in simulated ms since the channel was created.
 * Every channel has one; `voxtra call` prints the inbound caller's.
 */
export type TranscriptEntry = { readonly atMs: number } & TranscriptEvent;

export type HangupParty = 'caller' | 'app' | 'far-end' | 'agent' | 'dialplan' | 'server' | 'peer';

export type TranscriptEvent =
  | { kind: 'call-placed'; extension: string; callerNumber: string; callerName: string; app: string }
  | { kind: 'stasis-start'; app: string; args: string[] }
  | { kind: 'stasis-failed'; app: string; reason?: string }
  | { kind: 'stasis-end'; app: string }
  | { kind: 'answered' }
  | { kind: 'ringing' }
  /** `said`: the text of a text-to-speech phrase (from the TTS cache's `<key>.txt`). */
  | { kind: 'playback-started'; playbackId: string; media: string; said?: string }
  | { kind: 'playback-finished'; playbackId: string; media: string; state: 'done' | 'stopped' | 'failed'; said?: string }
  | { kind: 'playback-lost'; playbackId: string; media: string; said?: string }
  | { kind: 'dtmf-received'; digit: string; durationMs: number }
  | { kind: 'dtmf-sent'; digits: string }
  | { kind: 'variable-set'; name: string; value: string }
  | { kind: 'continued'; context: string; extension: string; priority: number }
  | { kind: 'dialplan-playback'; media: string }
  | { kind: 'queue'; queue: string }
  | { kind: 'queue-answered'; queue: string; agent: string }
  | { kind: 'queue-timeout'; queue: string }
  | { kind: 'moh-started'; mohClass: string }
  | { kind: 'moh-stopped' }
  | { kind: 'recording-started'; name: string; format: string }
  | { kind: 'recording-finished'; name: string; format: string; cause: RecordingCause; durationMs: number }
  | { kind: 'originated'; channelId: string; endpoint: string; headers?: Record<string, string> }
  | { kind: 'dial'; channelId: string; endpoint: string; status: string }
  | { kind: 'bridged'; bridgeId: string; peers: string[] }
  | { kind: 'unbridged'; bridgeId: string }
  | { kind: 'hangup'; by: HangupParty; cause: number }
  /** StasisBroadcast offered the call to these apps. */
  | { kind: 'broadcast'; apps: string[]; timeoutMs: number }
  | { kind: 'claimed'; app: string }
  | { kind: 'broadcast-timeout'; timeoutMs: number }
  /** A per-call outbound WebSocket for the call's Stasis app opened (`uri` as configured). */
  | { kind: 'outbound-connected'; app: string; uri: string };

export type RecordingCause = 'silence' | 'key' | 'max_duration' | 'stopped' | 'canceled' | 'hangup' | 'failed';

/** Append-only transcript with a clock relative to the call's start. */
export class Transcript {
  readonly entries: TranscriptEntry[] = [];

  constructor(
    private readonly startMs: number,
    private readonly now: () => number,
  ) {}

  add(event: TranscriptEvent): void {
    this.entries.push({ atMs: Math.max(0, Math.round(this.now() - this.startMs)), ...event } as TranscriptEntry);
  }
}
