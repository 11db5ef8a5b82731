import type { AsteriskModel } from './asterisk-model';
import { runStasisBroadcast } from './broadcast';
import type { Channel } from './channel';
import { substitute } from './dialplan';
import { conditionTrue, expandExpressions } from './dialplan-expr';
import * as ev from './events';
import { splitAppData } from './lifecycle';
import { runQueue } from './queue-sim';

type AppOutcome = 'next' | 'async' | { context: string; exten: string; priority: number };

/** Answer() waits this long for media before the next priority, like __ast_answer. */
const ANSWER_SETTLE_MS = 500;

/**
 * Runs the dialplan for `ch` from context/exten/priority: each priority
 * updates the channel's dialplan location and publishes ChannelDialplan
 * (seen only by explicit subscribers). Falling off the end, or a missing
 * extension or context, hangs the channel up.
 */
export function runDialplan(m: AsteriskModel, ch: Channel, context: string, exten: string, priority: number): void {
  ch.hasPbx = true;
  let loc = { context, exten, priority };
  for (let guard = 0; guard < 10_000 && !ch.hungUp; guard++) {
    const own = ch.inboundSteps;
    const step = own && own.context === loc.context && own.exten === loc.exten ? own.steps[loc.priority - 1] : m.dialplan.step(loc.context, loc.exten, loc.priority);
    if (!step) {
      m.hangup(ch, 'dialplan', 16, 'dialplan');
      return;
    }
    ch.dialplan = { ...loc, appName: step.app, appData: '' };
    const data = expandExpressions(
      substitute(step.data ?? '', (name) => {
        const r = m.readVariable(ch, name);
        return r.ok ? r.value : undefined;
      }),
    );
    ch.dialplan.appData = data;
    m.emitChannel(ch, ev.dialplanEvent(m.ts(), ch, step.app, data));
    const here = loc;
    const outcome = runApp(m, ch, step.app, data, () => runDialplan(m, ch, here.context, here.exten, here.priority + 1));
    if (outcome === 'async') return;
    loc = outcome === 'next' ? { ...loc, priority: loc.priority + 1 } : outcome;
  }
}

function runApp(m: AsteriskModel, ch: Channel, app: string, data: string, next: () => void): AppOutcome {
  switch (app.toLowerCase()) {
    case 'answer':
      m.answer(ch);
      m.channelTimer(ch, ANSWER_SETTLE_MS, next);
      return 'async';
    case 'wait':
      m.channelTimer(ch, (Number.parseFloat(data) || 0) * 1000, next);
      return 'async';
    case 'playback':
      return playback(m, ch, data, next);
    case 'stasis': {
      const { app: name, args } = splitAppData(data);
      if (m.enterStasis(ch, name, args, data, false)) return 'async';
      // Not registered: a per_call_config outbound WebSocket for the app may connect out for this call.
      if (m.perCallStasis?.start(ch, name, args, data, next)) return 'async';
      m.note(ch, { kind: 'stasis-failed', app: name });
      m.setVar(ch, 'STASISSTATUS', 'FAILED');
      return 'next';
    }
    case 'stasisbroadcast':
      runStasisBroadcast(m, ch, data, next);
      return 'async';
    case 'queue':
      runQueue(m, ch, data, next);
      return 'async';
    case 'hangup':
      m.hangup(ch, 'dialplan', Number.parseInt(data, 10) || 16, 'dialplan');
      return 'async';
    case 'set': {
      const eq = data.indexOf('=');
      if (eq > 0) m.setVar(ch, data.slice(0, eq), data.slice(eq + 1));
      return 'next';
    }
    case 'goto':
      return goto(m, ch, data) ?? 'next';
    case 'gotoif':
      return gotoIf(m, ch, data) ?? 'next';
    default:
      return 'next';
  }
}

/** Playback(files): answers a channel that is not up first (and waits for media like Answer()), then plays. */
function playback(m: AsteriskModel, ch: Channel, data: string, next: () => void): AppOutcome {
  if (ch.state !== 'Up') {
    m.answer(ch);
    m.channelTimer(ch, ANSWER_SETTLE_MS, () => playback(m, ch, data, next));
    return 'async';
  }
  let total = 0;
  for (const file of data.split(',')[0].split('&').filter(Boolean)) {
    const plan = m.planMedia(`sound:${file}`);
    if (plan.kind !== 'timed') break;
    m.note(ch, { kind: 'dialplan-playback', media: `sound:${file}` });
    total += plan.durationMs;
  }
  m.channelTimer(ch, total, next);
  return 'async';
}

/** GotoIf(condition?[label_if_true][:label_if_false]): a missing branch goes on to the next priority. */
function gotoIf(m: AsteriskModel, ch: Channel, data: string): AppOutcome | undefined {
  const q = data.indexOf('?');
  if (q < 0) return undefined;
  const [ifTrue = '', ifFalse = ''] = data.slice(q + 1).split(':');
  const target = (conditionTrue(data.slice(0, q)) ? ifTrue : ifFalse).trim();
  return target === '' ? undefined : goto(m, ch, target);
}

/** Goto([[context,]exten,]priority|label). */
function goto(m: AsteriskModel, ch: Channel, data: string): AppOutcome | undefined {
  const parts = data.split(',').map((s) => s.trim());
  const target = parts.pop() ?? '';
  const exten = parts.pop() ?? ch.dialplan.exten;
  const context = parts.pop() ?? ch.dialplan.context;
  const own = ch.inboundSteps;
  const ownIndex = own && own.context === context && own.exten === exten ? own.steps.findIndex((s) => s.label === target) : -1;
  const priority = /^\d+$/.test(target) ? Number(target) : ownIndex >= 0 ? ownIndex + 1 : m.dialplan.findLabel(context, exten, target);
  return priority === undefined ? undefined : { context, exten, priority };
}
