import type { AsteriskModel } from '../asterisk-model';
import { parseCallerId } from '../caller-id';
import type { Channel } from '../channel';
import * as dialing from '../dialing';
import { parsePjsipDevice } from '../endpoints';
import type { JsonObject } from '../json';
import { splitAppData } from '../lifecycle';
import { createLocalPair, parseLocalDevice } from '../local';
import { allocationFailed, fail, noContent, ok, type AriResult } from '../result';
import type { Args } from './args';
import { findControl, isResult } from './common';

interface Allocated {
  readonly ch: Channel;
  /** Begins ringing the far end (now for originate, on /dial for create). */
  readonly start: (spec: dialing.OutboundSpec) => void;
}

/** POST /channels and POST /channels/{channelId}: allocate, answer 200 (Down), then dial in the background. */
export function originate(m: AsteriskModel, a: Args): AriResult {
  const endpoint = a.str('endpoint');
  if (!endpoint) return fail(400, 'Endpoint must be specified');
  if (a.str('originator') && a.str('formats')) return fail(400, "Originator and formats can't both be specified");
  const parsed = splitEndpoint(endpoint);
  if (!parsed) return fail(400, 'Invalid endpoint specified');
  const app = a.str('app');
  const extension = a.str('extension');
  if (!app && !extension) return fail(400, 'Application or extension must be specified');
  const dup = duplicateId(m, a);
  if (dup) return dup;
  const originator = a.str('originator') ? m.liveChannel(a.str('originator')) : undefined;
  if (a.str('originator') && !originator) return fail(400, 'Provided originator channel was not found');
  const callerId = parseCallerId(a.str('callerId'));
  const alloc = allocate(m, parsed, a, 'originated', callerId.name || callerId.number ? callerId : undefined);
  if (!alloc) return allocationFailed();
  const { ch } = alloc;
  applyVariables(m, ch, a.body('variables'));
  if (app) subscribe(m, app, ch.localPeer ? [ch, ch.localPeer] : [ch]);
  const snapshot = ch.toJson();
  const appArgs = a.rawStr('appArgs');
  const onAnswer = app
    ? (): void => {
        const appData = appArgs === undefined ? app : `${app},${appArgs}`;
        ch.dialplan = { ...ch.dialplan, priority: 1 };
        if (!m.enterStasis(ch, app, splitAppData(appData).args, appData, false)) m.hangup(ch, 'dialplan', 16, 'dialplan');
      }
    : (): void => {
        const context = a.str('context') ?? 'default';
        const exten = extension ?? 's';
        const label = a.str('label');
        const priority = (label ? m.dialplan.findLabel(context, exten, label) : undefined) ?? Math.max(1, a.int('priority', 1));
        m.runDialplan(ch, context, exten, priority);
      };
  if (originator) {
    m.note(originator, { kind: 'originated', channelId: ch.id, endpoint, ...headersOf(ch) });
  }
  m.note(ch, { kind: 'originated', channelId: ch.id, endpoint, ...headersOf(ch) });
  const timeoutSec = a.int('timeout', 30);
  m.channelTimer(ch, 0, () => alloc.start({ mode: 'originate', timeoutSec, originator, onAnswer }));
  return ok(snapshot);
}

/** POST /channels/create: a Down channel in Stasis(app) that /dial rings later. */
export function create(m: AsteriskModel, a: Args): AriResult {
  if (a.str('originator') && a.str('formats')) return fail(400, "Originator and formats can't both be specified");
  const endpoint = a.str('endpoint');
  if (!endpoint) return fail(400, 'Endpoint must be specified');
  const parsed = splitEndpoint(endpoint);
  if (!parsed) return fail(400, 'Invalid endpoint specified');
  const dup = duplicateId(m, a);
  if (dup) return dup;
  const alloc = allocate(m, parsed, a, 'created', undefined);
  if (!alloc) return allocationFailed();
  const { ch } = alloc;
  applyVariables(m, ch, a.body('variables'));
  ch.startOutbound = alloc.start;
  const app = a.str('app');
  const appArgs = a.rawStr('appArgs');
  if (app) subscribe(m, app, [ch]);
  const snapshot = ch.toJson();
  m.channelTimer(ch, 0, () => {
    const appData = app ? (appArgs === undefined ? app : `${app},${appArgs}`) : '';
    if (!app || !m.enterStasis(ch, app, splitAppData(appData).args, appData, true)) m.hangup(ch, 'failed', 16, 'dialplan');
  });
  return ok(snapshot);
}

/** POST /channels/{id}/dial: rings a created channel; `caller` becomes subscribed like the traces show. */
export function dial(m: AsteriskModel, a: Args): AriResult {
  const ch = findControl(m, a.str('channelId'));
  if (isResult(ch)) return ch;
  const callerId = a.str('caller');
  const caller = callerId ? m.liveChannel(callerId) : undefined;
  if (callerId && !caller) return fail(404, 'Caller not found');
  const start = ch.startOutbound;
  if (ch.state !== 'Down' || !start) return fail(409, "Channel is not in the 'Down' state");
  ch.startOutbound = undefined;
  if (caller?.stasis) subscribe(m, caller.stasis.app, [caller]);
  const timeoutSec = a.int('timeout', 0);
  m.channelTimer(ch, 0, () => start({ mode: 'dial', timeoutSec, originator: caller, onAnswer: () => undefined }));
  return noContent();
}

function splitEndpoint(endpoint: string): { tech: string; device: string } | undefined {
  const slash = endpoint.indexOf('/');
  if (slash <= 0 || slash === endpoint.length - 1) return undefined;
  return { tech: endpoint.slice(0, slash), device: endpoint.slice(slash + 1) };
}

function duplicateId(m: AsteriskModel, a: Args): AriResult | undefined {
  for (const id of [a.str('channelId'), a.str('otherChannelId')]) {
    if (id !== undefined && m.channels.has(id)) return fail(409, 'Channel with given unique ID already exists');
  }
  return undefined;
}

function allocate(
  m: AsteriskModel,
  target: { tech: string; device: string },
  a: Args,
  origin: 'originated' | 'created',
  callerId: { name: string; number: string } | undefined,
): Allocated | undefined {
  const tech = target.tech.toLowerCase();
  const cid = callerId ?? { name: '', number: '' };
  const outgoingApp = origin === 'originated' ? 'AppDial2' : '';
  if (tech === 'pjsip') {
    const pj = parsePjsipDevice(target.device);
    const behaviour = m.endpoints.resolve(pj);
    if (!behaviour) return undefined;
    const ch = m.newChannel({
      tech: 'PJSIP',
      resource: pj.endpoint,
      origin,
      protocolId: m.ids.uuid(),
      state: 'Down',
      caller: cid,
      connected: cid,
      dialplan: { context: m.names.inbound, exten: 's', priority: 1, appName: outgoingApp, appData: outgoingApp ? '(Outgoing Line)' : '' },
      id: a.str('channelId'),
    });
    ch.dialString = target.device;
    return { ch, start: (spec) => dialing.startPjsip(m, ch, behaviour, spec) };
  }
  if (tech === 'local') {
    const lt = parseLocalDevice(target.device);
    const { one, two } = createLocalPair(m, lt, { origin, outgoingApp, callerId, channelId: a.str('channelId'), otherChannelId: a.str('otherChannelId') });
    one.dialString = lt.dialstring;
    return {
      ch: one,
      start: (spec) => {
        if (callerId) dialing.announceLocalCallerId(m, two);
        dialing.startLocal(m, one, two, lt, spec);
      },
    };
  }
  return undefined;
}

function subscribe(m: AsteriskModel, appName: string, channels: Channel[]): void {
  const app = m.apps.get(appName);
  if (!app) return;
  for (const ch of channels) {
    ch.subscribedApps.add(appName);
    app.channelIds.add(ch.id);
  }
}

/** Originate/create `variables` body: plain variables and PJSIP_HEADER(add,...) functions. */
function applyVariables(m: AsteriskModel, ch: Channel, body: JsonObject | undefined): void {
  const vars = body?.variables ?? body;
  if (!vars || typeof vars !== 'object' || Array.isArray(vars)) return;
  for (const [name, raw] of Object.entries(vars)) {
    const value = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw.value : raw;
    if (name.includes('(')) m.setVar(ch, name, String(value ?? ''));
    else ch.vars.set(name, String(value ?? ''));
  }
}

function headersOf(ch: Channel): { headers?: Record<string, string> } {
  return ch.outboundHeaders.size > 0 ? { headers: Object.fromEntries(ch.outboundHeaders) } : {};
}
