import type { AsteriskModel } from '../asterisk-model';
import { HANGUP_REASON_CAUSES } from '../causes';
import { fail, noContent, ok, type AriResult } from '../result';
import type { Args } from './args';
import { controlInValidState, findControl, isResult } from './common';

export function list(m: AsteriskModel): AriResult {
  return ok([...m.channels.values()].filter((c) => !c.hungUp).map((c) => c.toJson()));
}

export function get(m: AsteriskModel, a: Args): AriResult {
  const ch = m.liveChannel(a.str('channelId'));
  return ch ? ok(ch.toJson()) : fail(404, 'Channel not found');
}

/** DELETE /channels/{id}: works on any live channel, Stasis or not. */
export function hangup(m: AsteriskModel, a: Args): AriResult {
  const ch = m.liveChannel(a.str('channelId'));
  if (!ch) return fail(404, 'Channel not found');
  const reason = a.str('reason');
  const reasonCode = a.str('reason_code');
  if (reason && reasonCode) return fail(400, "The reason and reason_code can't both be specified");
  let cause = 16;
  if (reasonCode !== undefined) {
    const m2 = /^\s*([+-]?\d+)/.exec(reasonCode);
    if (!m2) return fail(400, 'Invalid reason for hangup reason code provided');
    cause = Number(m2[1]);
  } else if (reason !== undefined) {
    const c = HANGUP_REASON_CAUSES[reason];
    if (c === undefined) return fail(400, 'Invalid reason for hangup reason provided');
    cause = c;
  }
  m.hangup(ch, 'app', cause, 'app');
  return noContent();
}

export function answer(m: AsteriskModel, a: Args): AriResult {
  const ch = controlInValidState(m, a.str('channelId'));
  if (isResult(ch)) return ch;
  m.answer(ch);
  return noContent();
}

/** Ring, ringStop, progress, hold, unhold, mute, unmute, silence: accepted, no events. */
export function indicate(kind: 'ring' | 'other') {
  return (m: AsteriskModel, a: Args): AriResult => {
    const ch = controlInValidState(m, a.str('channelId'));
    if (isResult(ch)) return ch;
    if (kind === 'ring') m.note(ch, { kind: 'ringing' });
    return noContent();
  };
}

export function continueInDialplan(m: AsteriskModel, a: Args): AriResult {
  const ch = controlInValidState(m, a.str('channelId'));
  if (isResult(ch)) return ch;
  const context = a.str('context');
  const extension = a.str('extension');
  const label = a.str('label');
  const ctx = context ?? ch.dialplan.context;
  const exten = extension ?? ch.dialplan.exten;
  let priority: number;
  if (label) {
    const p = m.dialplan.findLabel(ctx, exten, label);
    if (p === undefined) return fail(404, 'Requested label can not be found');
    priority = p;
  } else if (a.int('priority', 0) > 0) {
    priority = a.int('priority', 0);
  } else {
    priority = !context && !extension ? ch.dialplan.priority + 1 : 1;
  }
  m.note(ch, { kind: 'continued', context: ctx, extension: exten, priority });
  m.channelTimer(ch, 0, () => {
    if (!ch.stasis) return;
    m.leaveStasis(ch);
    if (ch.resumeDelayMs > 0) m.channelTimer(ch, ch.resumeDelayMs, () => m.runDialplan(ch, ctx, exten, priority));
    else m.runDialplan(ch, ctx, exten, priority);
  });
  return noContent();
}

export function getChannelVar(m: AsteriskModel, a: Args): AriResult {
  const variable = a.str('variable');
  if (!variable) return fail(400, 'Variable name is required');
  const ch = m.liveChannel(a.str('channelId'));
  if (!ch) return fail(404, 'Provided channel was not found');
  const r = m.readVariable(ch, variable);
  if (r.ok) return ok({ value: r.value });
  return r.error === 'function' ? fail(500, 'Unable to read provided function') : fail(404, 'Provided variable was not found');
}

export function setChannelVar(m: AsteriskModel, a: Args): AriResult {
  const variable = a.str('variable');
  if (!variable) return fail(400, 'Variable name is required');
  const ch = findControl(m, a.str('channelId'));
  if (isResult(ch)) return ch;
  const value = a.rawStr('value');
  m.setVar(ch, variable, value);
  m.note(ch, { kind: 'variable-set', name: variable, value: value ?? '' });
  return noContent();
}

export function sendDtmf(m: AsteriskModel, a: Args): AriResult {
  const ch = controlInValidState(m, a.str('channelId'));
  if (isResult(ch)) return ch;
  const dtmf = a.str('dtmf');
  if (!dtmf) return fail(400, 'DTMF is required');
  m.note(ch, { kind: 'dtmf-sent', digits: dtmf });
  return noContent();
}

export function startMoh(m: AsteriskModel, a: Args): AriResult {
  const ch = controlInValidState(m, a.str('channelId'));
  if (isResult(ch)) return ch;
  ch.mohClass = a.str('mohClass') ?? 'default';
  m.note(ch, { kind: 'moh-started', mohClass: ch.mohClass });
  return noContent();
}

export function stopMoh(m: AsteriskModel, a: Args): AriResult {
  const ch = controlInValidState(m, a.str('channelId'));
  if (isResult(ch)) return ch;
  if (ch.mohClass !== undefined) m.note(ch, { kind: 'moh-stopped' });
  ch.mohClass = undefined;
  return noContent();
}
