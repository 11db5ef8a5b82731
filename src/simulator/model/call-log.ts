import type { Transcript, TranscriptEntry } from './transcript';

/** A channel's transcript plus a way to wait for the channel's end. */
export interface CallRecord {
  readonly channelId: string;
  readonly channelName: string;
  readonly transcript: Transcript;
  /** Placed through the control API (an inbound caller). */
  readonly placed: boolean;
  ended: boolean;
  readonly done: Promise<void>;
}

/**
 * Keeps every channel's transcript after the channel is gone, so tools can
 * fetch it later. Ended records beyond `maxEnded` are forgotten oldest first,
 * which bounds memory in long benchmark runs.
 */
export class CallLog {
  private readonly records = new Map<string, CallRecord & { resolve: () => void }>();
  private readonly endedOrder: string[] = [];

  constructor(private readonly maxEnded: number) {}

  open(channelId: string, channelName: string, transcript: Transcript, placed: boolean): CallRecord {
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    const rec = { channelId, channelName, transcript, placed, ended: false, done, resolve };
    this.records.set(channelId, rec);
    return rec;
  }

  get(channelId: string): CallRecord | undefined {
    return this.records.get(channelId);
  }

  entries(channelId: string): TranscriptEntry[] | undefined {
    return this.records.get(channelId)?.transcript.entries;
  }

  list(): CallRecord[] {
    return [...this.records.values()];
  }

  end(channelId: string): void {
    const rec = this.records.get(channelId);
    if (!rec || rec.ended) return;
    rec.ended = true;
    rec.resolve();
    this.endedOrder.push(channelId);
    while (this.endedOrder.length > this.maxEnded) {
      const old = this.endedOrder.shift();
      if (old !== undefined) this.records.delete(old);
    }
  }
}
