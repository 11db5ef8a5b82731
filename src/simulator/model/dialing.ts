import type { AsteriskModel } from './asterisk-model';
import type { Channel } from './channel';
import type { EndpointBehaviour } from './endpoints';
import * as ev from './events';
import type { LocalTarget } from './local';

export interface OutboundSpec {
  /** `originate` reports the dial string on every Dial event; `/dial` only on the first. */
  readonly mode: 'originate' | 'dial';
  /** Ring timeout in seconds; <= 0 rings until answered. */
  readonly timeoutSec: number;
  /** Who asked for the call, for transcripts. */
  readonly originator?: Channel;
  readonly onAnswer: () => void;
}

const CAUSES = { BUSY: 17, NOANSWER: 19, CHANUNAVAIL: 20 } as const;

/**
 * Drives a PJSIP leg the way a far end would: 180 Ringing
 * (ChannelStateChange + Dial ""/RINGING), then 200 OK (Up + Dial ANSWER) or
 * busy / no answer / unavailable, ending the leg with the matching cause.
 */
export function startPjsip(m: AsteriskModel, ch: Channel, behaviour: EndpointBehaviour, spec: OutboundSpec): void {
  const first = ch.dialString;
  const later = spec.mode === 'originate' ? first : '';
  const ringMs = Math.max(0, behaviour.ringMs ?? 0);
  const timeoutMs = spec.timeoutSec > 0 ? spec.timeoutSec * 1000 : Infinity;
  if (behaviour.kind === 'unavailable') {
    m.emitDial('', first, ch);
    fail(m, ch, 'CHANUNAVAIL', later, spec);
    return;
  }
  if (behaviour.kind === 'busy') {
    m.emitDial('', first, ch);
    m.channelTimer(ch, Math.min(ringMs, timeoutMs), () => fail(m, ch, ringMs <= timeoutMs ? 'BUSY' : 'NOANSWER', later, spec));
    return;
  }
  m.setState(ch, 'Ringing');
  m.emitDial('', first, ch);
  m.emitDial('RINGING', later, ch);
  if (behaviour.kind === 'answer' && ringMs < timeoutMs) {
    m.channelTimer(ch, ringMs, () => {
      m.setState(ch, 'Up');
      m.emitDial('ANSWER', later, ch);
      noteDial(m, ch, 'ANSWER', spec);
      spec.onAnswer();
      const after = behaviour.hangupAfterMs;
      if (after !== undefined && !ch.hungUp) m.channelTimer(ch, after, () => m.hangup(ch, 'remote', 16, 'far-end'));
    });
  } else if (timeoutMs !== Infinity) {
    m.channelTimer(ch, timeoutMs, () => fail(m, ch, 'NOANSWER', later, spec));
  }
}

/**
 * Drives the `;1` half of a Local pair: the `;2` half runs the dialplan at
 * exten@context and the call is answered when `;2` answers (Answer() or ARI).
 */
export function startLocal(m: AsteriskModel, one: Channel, two: Channel, target: LocalTarget, spec: OutboundSpec): void {
  m.emitDial('', target.dialstring, one);
  if (!m.dialplan.steps(target.context, target.exten)) {
    fail(m, one, 'CHANUNAVAIL', target.dialstring, spec);
    return;
  }
  one.onAnswered = () => {
    m.emitDial('ANSWER', target.dialstring, one);
    noteDial(m, one, 'ANSWER', spec);
    spec.onAnswer();
  };
  if (spec.timeoutSec > 0) {
    m.channelTimer(one, spec.timeoutSec * 1000, () => {
      if (one.state !== 'Up') fail(m, one, 'NOANSWER', target.dialstring, spec);
    });
  }
  m.runDialplan(two, target.context, target.exten, 1);
}

function fail(m: AsteriskModel, ch: Channel, status: keyof typeof CAUSES, dialstring: string, spec: OutboundSpec): void {
  m.emitDial(status, dialstring, ch);
  noteDial(m, ch, status, spec);
  m.hangup(ch, 'failed', CAUSES[status], 'far-end');
}

function noteDial(m: AsteriskModel, ch: Channel, status: string, spec: OutboundSpec): void {
  const entry = { kind: 'dial' as const, channelId: ch.id, endpoint: `${ch.tech}/${ch.dialString}`, status };
  m.note(ch, entry);
  if (spec.originator && spec.originator !== ch) m.note(spec.originator, entry);
}

/** Announces a Local originate's caller id on the `;2` half before dialing (ChannelCallerId + ChannelConnectedLine). */
export function announceLocalCallerId(m: AsteriskModel, two: Channel): void {
  m.emitChannel(two, ev.callerIdEvent(m.ts(), two));
  m.emitChannel(two, ev.channelEvent('ChannelConnectedLine', m.ts(), two));
}
