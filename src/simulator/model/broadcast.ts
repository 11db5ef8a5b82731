import type { TimerHandle } from '../../core/clock';
import { astTrue } from '../api/normalize-args';
import type { AsteriskModel } from './asterisk-model';
import type { Channel } from './channel';
import type { JsonObject } from './json';

/** StasisBroadcast()'s defaults and bounds (app_stasis_broadcast.c). */
const DEFAULT_TIMEOUT_MS = 500;
const MAX_TIMEOUT_MS = 60_000;
const MAX_FILTER_LENGTH = 256;
/** The winner's StasisStart follows the claim by about 1 ms (the waiting PBX thread wakes up). */
const WAKE_MS = 1;

/** One channel on offer (res_stasis_broadcast.c's broadcast context). */
export interface BroadcastOffer {
  readonly channelId: string;
  /** Undefined: every application (no filter, or one that did not compile). */
  readonly filter?: RegExp;
  readonly notifyClaimed: boolean;
  winner?: string;
  /** Set once the dialplan has read the outcome: later claims lose (409 if claimed, else 404). */
  finished: boolean;
  wake?: () => void;
}

/** StasisBroadcast(timeout_ms,app_filter,colon:separated:args,notify_claimed), parsed with the app's defaults. */
export interface BroadcastArgs {
  readonly timeoutMs: number;
  readonly filter?: RegExp;
  readonly args: string[];
  readonly notifyClaimed: boolean;
  /** Why the filter was ignored, when it was. */
  readonly filterProblem?: string;
  readonly timeoutProblem?: string;
}

export function parseBroadcastArgs(data: string): BroadcastArgs {
  const [timeout = '', filter = '', args = '', notify = ''] = data === '' ? [] : data.split(',').map((s) => s.trim());
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  let timeoutProblem: string | undefined;
  if (timeout !== '') {
    const n = /^\s*[+-]?\d+/.test(timeout) ? Number.parseInt(timeout, 10) : Number.NaN;
    if (Number.isNaN(n) || n < 0 || n > MAX_TIMEOUT_MS) timeoutProblem = `invalid timeout value '${timeout}' (must be 0-${MAX_TIMEOUT_MS}ms), using default ${DEFAULT_TIMEOUT_MS}ms`;
    else timeoutMs = n;
  }
  let regex: RegExp | undefined;
  let filterProblem: string | undefined;
  if (filter !== '') {
    if (filter.length > MAX_FILTER_LENGTH) filterProblem = `rejecting app_filter regex as potentially dangerous: ${filter}`;
    else {
      try {
        regex = new RegExp(filter);
      } catch {
        filterProblem = `failed to compile app_filter regex '${filter}'`;
      }
    }
  }
  return { timeoutMs, filter: regex, args: args === '' ? [] : args.split(':'), notifyClaimed: notify !== '' && astTrue(notify), filterProblem, timeoutProblem };
}

/** Every app name the filter lets through, in the registry's order (apps without a socket get nothing, as stasis_app_send drops it). */
function matchingApps(m: AsteriskModel, filter: RegExp | undefined): string[] {
  return m.apps
    .all()
    .filter((app) => app.registered && (!filter || filter.test(app.name)))
    .map((app) => app.name);
}

/**
 * Runs StasisBroadcast() on `ch` at its current priority: STASISSTATUS="",
 * a CallBroadcast (each matching app its own copy, the delivery order
 * rotating from one broadcast to the next, as Asterisk shuffles it), then
 * waits for a claim. The winner gets StasisStart (state as it is, the
 * dialplan still showing StasisBroadcast) 1 ms after its claim and the call
 * is its until `continue` or hangup (STASISSTATUS=SUCCESS); a winner that is
 * no registered app gives FAILED at once; no claim within the timeout gives
 * TIMEOUT. Then `next` runs the following priority.
 */
export function runStasisBroadcast(m: AsteriskModel, ch: Channel, data: string, next: () => void): void {
  const parsed = parseBroadcastArgs(data);
  if (parsed.timeoutProblem) m.log.add('WARNING', 'app_stasis_broadcast.c', `Channel ${ch.name}: ${parsed.timeoutProblem}`);
  if (parsed.filterProblem) {
    m.log.add('WARNING', 'res_stasis_broadcast.c', `Channel ${ch.id}: ${parsed.filterProblem}`);
    m.log.add('WARNING', 'res_stasis_broadcast.c', `Channel ${ch.id}: proceeding without application filtering due to invalid regex`);
  }
  m.setVar(ch, 'STASISSTATUS', '');
  const offer: BroadcastOffer = { channelId: ch.id, filter: parsed.filter, notifyClaimed: parsed.notifyClaimed, finished: false };
  m.broadcasts.set(ch.id, offer);
  ch.cleanups.push(() => {
    if (m.broadcasts.get(ch.id) === offer) m.broadcasts.delete(ch.id);
  });

  const apps = matchingApps(m, offer.filter);
  const start = apps.length > 0 ? m.counters.broadcasts++ % apps.length : 0;
  const event: JsonObject = { type: 'CallBroadcast', timestamp: m.ts(), channel: ch.toJson(), caller: ch.caller.number, called: ch.dialplan.exten };
  for (let k = 0; k < apps.length; k++) m.emit(event, [apps[(start + k) % apps.length]]);
  m.note(ch, { kind: 'broadcast', apps, timeoutMs: parsed.timeoutMs });

  const timer: { handle?: TimerHandle } = {};
  const decide = (): void => {
    if (offer.finished) return;
    if (timer.handle !== undefined) {
      ch.timers.delete(timer.handle);
      m.clock.clearTimeout(timer.handle);
    }
    offer.wake = undefined;
    offer.finished = true;
    const winner = offer.winner;
    if (winner === undefined) {
      m.broadcasts.delete(ch.id);
      m.log.add('WARNING', 'app_stasis_broadcast.c', `Channel ${ch.name}: not claimed within ${parsed.timeoutMs}ms timeout`);
      m.setVar(ch, 'STASISSTATUS', 'TIMEOUT');
      m.note(ch, { kind: 'broadcast-timeout', timeoutMs: parsed.timeoutMs });
      next();
      return;
    }
    ch.onStasisEnd = () => {
      if (m.broadcasts.get(ch.id) === offer) m.broadcasts.delete(ch.id);
    };
    if (m.enterStasis(ch, winner, parsed.args, data, false, ch.dialplan.appName)) return;
    ch.onStasisEnd = undefined;
    m.broadcasts.delete(ch.id);
    m.note(ch, { kind: 'stasis-failed', app: winner });
    m.setVar(ch, 'STASISSTATUS', 'FAILED');
    next();
  };
  offer.wake = () => m.channelTimer(ch, WAKE_MS, decide);
  timer.handle = m.channelTimer(ch, parsed.timeoutMs, decide);
}

export type ClaimOutcome = 'claimed' | 'not-found' | 'conflict';

/**
 * POST /events/claim: the first claim of a channel on offer wins (the
 * application is not checked); CallClaimed goes to the matching apps before
 * the answer when the broadcast asked for it. A claim while the winner
 * holds the call loses with 409; after the broadcast is over (continue,
 * hangup, timeout), or for a channel never offered, 404.
 */
export function claimChannel(m: AsteriskModel, channelId: string, app: string): ClaimOutcome {
  const offer = m.broadcasts.get(channelId);
  if (!offer) return 'not-found';
  if (offer.winner !== undefined) return 'conflict';
  if (offer.finished) return 'not-found';
  offer.winner = app;
  m.log.add('VERBOSE', 'res_stasis_broadcast.c', `Channel ${channelId} claimed by application ${app}`);
  const ch = m.channels.get(channelId);
  if (ch) m.note(ch, { kind: 'claimed', app });
  if (offer.notifyClaimed && ch) {
    const event: JsonObject = { type: 'CallClaimed', timestamp: m.ts(), channel: ch.toJson(), winner_app: app };
    for (const name of matchingApps(m, offer.filter)) m.emit(event, [name]);
  }
  offer.wake?.();
  return 'claimed';
}
