import type { Playback, PlaybackEnd } from '../control/call-control';
import { ariStatus } from './ari-errors';
import type { EventDemux } from './event-demux';
import type { AriEvent, AriTransport } from './transport';

/**
 * One playback we started. Its id was chosen by us and registered with the
 * demux before `POST .../play`, so no PlaybackFinished can slip past it.
 *
 * `finished` settles on PlaybackFinished (`done`, or `stopped` when we stopped
 * it: Asterisk reports a stopped playback as `done`), `failed`, or `hangup`
 * when the channel goes first (the control calls {@link settle}). A playback
 * of an unknown URI scheme never gets a PlaybackFinished from Asterisk; it
 * settles only on stop or hangup, which is why the `call` layer checks schemes
 * before it plays.
 */
export class AriPlayback implements Playback {
  readonly finished: Promise<PlaybackEnd>;
  private resolve!: (end: PlaybackEnd) => void;
  private settled = false;
  private stopRequested = false;
  private readonly unsubscribe: () => void;

  constructor(
    readonly id: string,
    private readonly transport: AriTransport,
    demux: EventDemux,
    private readonly onSettled: (pb: AriPlayback) => void,
  ) {
    this.finished = new Promise<PlaybackEnd>((resolve) => (this.resolve = resolve));
    this.unsubscribe = demux.on('playback', id, (event) => this.onEvent(event));
  }

  get done(): boolean {
    return this.settled;
  }

  async stop(): Promise<void> {
    if (this.settled) return;
    this.stopRequested = true;
    try {
      await this.transport.request('playbacks.stop', { playbackId: this.id });
    } catch (err) {
      // 404: it already ended (or never really started, as with an unknown scheme).
      if (ariStatus(err) !== 404) throw err;
    }
    this.settle('stopped');
  }

  /** Settles `finished` (first call wins) and stops listening. */
  settle(end: PlaybackEnd): void {
    if (this.settled) return;
    this.settled = true;
    this.unsubscribe();
    this.resolve(end);
    this.onSettled(this);
  }

  private onEvent(event: AriEvent): void {
    if (event.type !== 'PlaybackFinished') return;
    const state = (event.playback as { state?: unknown } | undefined)?.state;
    if (state === 'failed') this.settle('failed');
    else this.settle(this.stopRequested ? 'stopped' : 'done');
  }
}
