import type { AsteriskModel } from './asterisk-model';
import * as bridging from './bridging';
import { formatCallerIdAll, parseCallerId, type CallerId } from './caller-id';
import type { Channel, ChannelState } from './channel';
import { strftime } from './dialplan-expr';
import * as ev from './events';

export type VariableRead = { ok: true; value: string } | { ok: false; error: 'not-found' | 'function' };

export function setState(m: AsteriskModel, ch: Channel, state: ChannelState): void {
  if (ch.state === state) return;
  if (ch.bridge) bridging.peerVarRound(m, ch.bridge);
  ch.state = state;
  m.emitChannel(ch, ev.channelEvent('ChannelStateChange', m.ts(), ch));
  if (state === 'Up') m.note(ch, { kind: 'answered' });
  else if (state === 'Ringing') m.note(ch, { kind: 'ringing' });
}

/** Answers `ch`; answering one half of a Local pair answers the other (which may be an originate in progress). */
export function answer(m: AsteriskModel, ch: Channel): void {
  setState(m, ch, 'Up');
  const peer = ch.localPeer;
  if (peer && !peer.hungUp && peer.state !== 'Up') {
    setState(m, peer, 'Up');
    peer.onAnswered?.();
  }
}

/**
 * Sets a channel variable (with its ChannelVarset) or writes a dialplan
 * function: PJSIP_HEADER(add|update|remove,Name), CALLERID(...),
 * CONNECTEDLINE(...). Functions publish no ChannelVarset, as in Asterisk.
 */
export function setVar(m: AsteriskModel, ch: Channel, name: string, value: string | undefined): void {
  const fn = /^([A-Za-z_0-9]+)\((.*)\)$/.exec(name);
  if (fn) {
    writeFunction(m, ch, fn[1].toUpperCase(), fn[2], value ?? '');
    return;
  }
  if (value === undefined) ch.vars.delete(name);
  else ch.vars.set(name, value);
  m.emitChannel(ch, ev.varset(m.ts(), name, value ?? '', ch));
}

function writeFunction(m: AsteriskModel, ch: Channel, fn: string, args: string, value: string): void {
  const [first, second] = args.split(',').map((s) => s.trim());
  if (fn === 'PJSIP_HEADER') {
    if (first === 'add' || first === 'update') ch.outboundHeaders.set(second, value);
    else if (first === 'remove') ch.outboundHeaders.delete(second);
    return;
  }
  if (fn === 'CALLERID' || fn === 'CONNECTEDLINE') {
    const target: CallerId = fn === 'CALLERID' ? ch.caller : ch.connected;
    if (first === 'name') target.name = value;
    else if (first === 'num' || first === 'number') target.number = value;
    else if (first === 'all') Object.assign(target, parseCallerId(value));
    else return;
    m.emitChannel(ch, fn === 'CALLERID' ? ev.callerIdEvent(m.ts(), ch) : ev.channelEvent('ChannelConnectedLine', m.ts(), ch));
  }
}

/** Reads what `GET /channels/{id}/variable` and `${...}` see: builtins, channel vars, globals, a few functions. */
export function readVariable(m: AsteriskModel, ch: Channel, name: string): VariableRead {
  const fn = /^([A-Za-z_0-9]+)\((.*)\)$/.exec(name);
  if (fn) {
    const value = fn[1].toUpperCase() === 'STRFTIME' ? strftime(m.now(), fn[2]) : readFunction(ch, fn[1].toUpperCase(), fn[2]);
    return value === undefined ? { ok: false, error: 'function' } : { ok: true, value };
  }
  const builtin: Record<string, () => string> = {
    EXTEN: () => ch.dialplan.exten,
    CONTEXT: () => ch.dialplan.context,
    PRIORITY: () => String(ch.dialplan.priority),
    CHANNEL: () => ch.name,
    UNIQUEID: () => ch.id,
    HANGUPCAUSE: () => (ch.hungUp ? String(ch.hangupCause) : ''),
    EPOCH: () => String(Math.floor(m.now() / 1000)),
  };
  if (builtin[name]) return { ok: true, value: builtin[name]() };
  const v = ch.vars.get(name) ?? m.globals.get(name);
  return v === undefined ? { ok: false, error: 'not-found' } : { ok: true, value: v };
}

function readFunction(ch: Channel, fn: string, args: string): string | undefined {
  const parts = args.split(',').map((s) => s.trim());
  const field = parts[0]?.toLowerCase();
  switch (fn) {
    case 'CALLERID':
    case 'CONNECTEDLINE': {
      const c = fn === 'CALLERID' ? ch.caller : ch.connected;
      if (field === 'num' || field === 'number' || field === 'ani') return c.number;
      if (field === 'name') return c.name;
      if (field === 'all') return formatCallerIdAll(c);
      return undefined;
    }
    case 'CHANNEL': {
      const fields: Record<string, string> = {
        name: ch.name,
        language: ch.language,
        state: ch.state,
        uniqueid: ch.id,
        linkedid: ch.id,
        channeltype: ch.tech,
        accountcode: '',
      };
      return fields[field ?? ''];
    }
    case 'PJSIP_HEADER': {
      if (ch.tech !== 'PJSIP' || field !== 'read' || !parts[1]) return undefined;
      const wanted = parts[1].toLowerCase();
      for (const [k, v] of ch.inboundHeaders) if (k.toLowerCase() === wanted) return v;
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Puts `ch` into Stasis(app): STASISSTATUS="" (seen only by explicit
 * subscribers, as it precedes the Stasis subscription), then StasisStart.
 * Returns false when no socket holds the app, as Stasis() fails then.
 */
export function enterStasis(m: AsteriskModel, ch: Channel, app: string, args: readonly string[], appData: string, announce: boolean, appName = 'Stasis'): boolean {
  if (!m.apps.isRegistered(app)) return false;
  ch.dialplan = { ...ch.dialplan, appName, appData };
  if (announce) m.emitChannel(ch, ev.dialplanEvent(m.ts(), ch, appName, appData));
  setVar(m, ch, 'STASISSTATUS', '');
  ch.stasis = { app, args: [...args] };
  m.apps.get(app)?.stasisChannelIds.add(ch.id);
  m.emitChannel(ch, ev.stasisStart(m.ts(), args, ch));
  m.firstRequests.stasisStarted(ch.id);
  m.note(ch, { kind: 'stasis-start', app, args: [...args] });
  const start = ch.onStasisStart;
  ch.onStasisStart = undefined;
  start?.();
  return true;
}

/** StasisEnd, then STASISSTATUS=SUCCESS (seen only by explicit subscribers). */
export function leaveStasis(m: AsteriskModel, ch: Channel): void {
  const s = ch.stasis;
  if (!s) return;
  m.emitChannel(ch, ev.channelEvent('StasisEnd', m.ts(), ch));
  ch.stasis = undefined;
  m.apps.get(s.app)?.stasisChannelIds.delete(ch.id);
  m.firstRequests.stasisEnded(ch.id);
  setVar(m, ch, 'STASISSTATUS', 'SUCCESS');
  m.note(ch, { kind: 'stasis-end', app: s.app });
  m.pruneApp(s.app);
  const end = ch.onStasisEnd;
  ch.onStasisEnd = undefined;
  end?.();
}

/** Splits Stasis app data the way the Stasis application does: `voxtra,a,b c,,d` → app + ["a","b c","","d"]. */
export function splitAppData(data: string): { app: string; args: string[] } {
  const [app, ...args] = data.split(',');
  return { app: app.trim(), args };
}
