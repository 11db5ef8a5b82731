import type { HangupReason, OutboundLeg, OutboundState } from '../control/call-control';
import { ariStatus } from './ari-errors';
import type { EventDemux } from './event-demux';
import type { AriEvent, AriTransport } from './transport';
import { Listeners } from '../core/listeners';

const TERMINAL: ReadonlySet<OutboundState> = new Set<OutboundState>(['busy', 'no_answer', 'failed', 'hangup']);

/** Dial's `dialstatus` values that end a leg before answer. */
const DIAL_STATUS: Readonly<Record<string, OutboundState>> = {
  BUSY: 'busy',
  NOANSWER: 'no_answer',
  CHANUNAVAIL: 'failed',
  CONGESTION: 'failed',
  CANCEL: 'hangup',
};

/** Q.850 cause of a leg that never answered → its end state. */
export function unansweredState(cause: number | undefined): OutboundState {
  switch (cause) {
    case 17:
      return 'busy';
    case 18:
    case 19:
      return 'no_answer';
    case 16:
    case 31:
    case 32:
      return 'hangup';
    default:
      return 'failed';
  }
}

/**
 * A channel originated for `dial`. Its id was chosen by us and registered with
 * the demux before `POST /channels`, because Asterisk sends its Dial and
 * ChannelStateChange events (even StasisStart) before the 200 may arrive.
 * `answered` is reported on StasisStart: only then can the leg join a bridge.
 */
export class AriOutboundLeg implements OutboundLeg {
  private current: OutboundState = 'created';
  private readonly listeners = new Listeners<OutboundState>();
  private unsubscribe: (() => void) | undefined;
  private hangupCalled = false;
  private hangupCause: number | undefined;

  constructor(
    readonly channelId: string,
    private readonly transport: AriTransport,
    demux: EventDemux,
    private readonly onReleased: (leg: AriOutboundLeg) => void,
  ) {
    this.unsubscribe = demux.on('channel', channelId, (event) => this.onEvent(event));
  }

  get state(): OutboundState {
    return this.current;
  }

  get isTerminal(): boolean {
    return TERMINAL.has(this.current);
  }

  onState(listener: (state: OutboundState) => void): () => void {
    return this.listeners.add(listener);
  }

  async hangup(reason?: HangupReason): Promise<void> {
    if (this.isTerminal) return;
    this.hangupCalled = true;
    try {
      await this.transport.request('channels.hangup', { channelId: this.channelId, reason });
    } catch (err) {
      // Already gone: the events (or reconciliation) will finish the state.
      if (ariStatus(err) !== 404) throw err;
    }
  }

  /** Ends the leg from outside (its channel vanished while we were disconnected, or originate failed). */
  end(state: OutboundState = 'hangup'): void {
    this.transition(TERMINAL.has(state) ? state : 'hangup');
  }

  private onEvent(event: AriEvent): void {
    switch (event.type) {
      case 'Dial': {
        if (idOf(event.peer) !== this.channelId) return;
        const status = String(event.dialstatus ?? '');
        if (status === 'RINGING' || status === 'PROGRESS') this.transition('ringing');
        else if (DIAL_STATUS[status] && this.current !== 'answered') this.transition(DIAL_STATUS[status]);
        return;
      }
      case 'ChannelStateChange': {
        const state = (event.channel as { state?: unknown } | undefined)?.state;
        if ((state === 'Ringing' || state === 'Ring') && this.current === 'created') this.transition('ringing');
        return;
      }
      case 'StasisStart':
        this.transition('answered');
        return;
      case 'ChannelHangupRequest':
        if (typeof event.cause === 'number') this.hangupCause = event.cause;
        if (this.current === 'answered') this.transition('hangup');
        return;
      case 'StasisEnd':
        this.transition('hangup');
        return;
      case 'ChannelDestroyed': {
        const cause = typeof event.cause === 'number' ? event.cause : this.hangupCause;
        this.transition(this.current === 'answered' || this.hangupCalled ? 'hangup' : unansweredState(cause));
        return;
      }
      default:
        return;
    }
  }

  private transition(next: OutboundState): void {
    if (this.isTerminal || next === this.current) return;
    // Ringing after answer (a late Dial event) is not news.
    if (next === 'ringing' && this.current !== 'created') return;
    this.current = next;
    if (this.isTerminal) {
      this.unsubscribe?.();
      this.unsubscribe = undefined;
      this.onReleased(this);
    }
    this.listeners.emit(next);
    if (this.isTerminal) this.listeners.clear();
  }
}

function idOf(value: unknown): string | undefined {
  const id = (value as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}
