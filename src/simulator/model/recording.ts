import type { TimerHandle } from '../../core/clock';
import type { JsonObject } from './json';
import type { RecordingCause } from './transcript';

export type RecordingState = 'queued' | 'recording' | 'paused' | 'done' | 'failed' | 'canceled';

/** Formats Asterisk can write (ast_get_format_for_file_ext). */
export const KNOWN_RECORDING_FORMATS = new Set(['wav', 'WAV', 'wav16', 'gsm', 'ulaw', 'alaw', 'sln', 'sln16', 'g722', 'g729', 'wav49', 'ogg', 'siren7', 'siren14', 'ilbc', 'h263', 'h264']);

export interface RecordingOptions {
  readonly name: string;
  readonly format: string;
  readonly maxDurationSeconds: number;
  readonly maxSilenceSeconds: number;
  readonly ifExists: 'fail' | 'overwrite' | 'append';
  readonly beep: boolean;
  /** DTMF digits that end the recording ('' = none). */
  readonly terminateDigits: string;
}

/** A live recording on a channel (POST /channels/{id}/record). */
export class LiveRecording {
  state: RecordingState = 'queued';
  /** Simulated time capture began (after the beep). */
  captureStartedAt = 0;
  /** ms captured before the current segment (pauses split segments). */
  capturedMs = 0;
  segmentStartedAt = 0;
  cause?: string;
  endCause?: RecordingCause;
  durationSeconds?: number;
  talkingSeconds?: number;
  silenceSeconds?: number;
  readonly timers = new Set<TimerHandle>();
  /** Channel commands waiting for the recording to end (see media-engine.ts whenIdle). */
  readonly waiters: Array<() => void> = [];

  constructor(
    readonly options: RecordingOptions,
    readonly targetUri: string,
    readonly channelId: string,
  ) {}

  get name(): string {
    return this.options.name;
  }

  /** stasis_app_recording_to_json: durations appear once known. */
  toJson(): JsonObject {
    const out: JsonObject = { name: this.options.name, format: this.options.format, state: this.state, target_uri: this.targetUri };
    if (this.state === 'failed' && this.cause !== undefined) out.cause = this.cause;
    if (this.durationSeconds !== undefined) out.duration = this.durationSeconds;
    if (this.talkingSeconds !== undefined) out.talking_duration = this.talkingSeconds;
    if (this.silenceSeconds !== undefined) out.silence_duration = this.silenceSeconds;
    return out;
  }
}

export interface StoredRecording {
  readonly name: string;
  readonly format: string;
  readonly durationMs: number;
}

/** Recordings on "disk": what `recording:` media and /recordings/stored see. */
export class StoredRecordings {
  private readonly byName = new Map<string, StoredRecording>();

  get(name: string): StoredRecording | undefined {
    return this.byName.get(name);
  }

  list(): StoredRecording[] {
    return [...this.byName.values()];
  }

  put(rec: StoredRecording): void {
    this.byName.set(rec.name, rec);
  }

  delete(name: string): boolean {
    return this.byName.delete(name);
  }
}
