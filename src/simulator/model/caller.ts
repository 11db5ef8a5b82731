import { VoxtraError } from '../../core/errors';
import { isRecord } from '../../core/is-record';
import type { AsteriskModel } from './asterisk-model';
import type { Channel } from './channel';
import { broadcastSteps, inboundSteps, type BroadcastTarget } from './dialplan';

/** A step of a placed call's script, timed from the end of the previous step. */
export interface ScriptStep {
  readonly afterMs: number;
  /** Digits the caller presses (one ChannelDtmfReceived each). */
  readonly dtmf?: string;
  readonly hangup?: boolean;
  /** Per-digit length (default 200 ms) and spacing between digit starts (default 400 ms). */
  readonly durationMs?: number;
  readonly gapMs?: number;
}

/**
 * Where a placed call's extension goes instead of the dialplan's:
 * `{ stasis: 'app' }` runs Stasis(app,${EXTEN}) (a per-call outbound
 * WebSocket if the app has one), `{ broadcast: {...} }` runs
 * StasisBroadcast(timeout,filter,args,notify).
 */
export type CallTarget = { readonly stasis: string } | { readonly broadcast: BroadcastTarget };

export interface PlaceCallOptions {
  /** Stasis app to enter (default: the simulator's default app); the same as `target: { stasis: app }`. */
  readonly app?: string;
  /** Stasis(app) or StasisBroadcast(...) at the extension, overriding the dialplan. */
  readonly target?: CallTarget;
  /**
   * With `app` or `target`: the sound played when Stasis()/StasisBroadcast()
   * returns without SUCCESS (FAILED, TIMEOUT), before the hangup; `true`
   * means `beep`. Default: hang up at once.
   */
  readonly fallback?: string | boolean;
  readonly extension: string;
  readonly callerNumber?: string;
  readonly callerName?: string;
  /** SIP headers of the INVITE, readable with PJSIP_HEADER(read,Name). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Channel variables set before the call reaches Stasis. */
  readonly variables?: Readonly<Record<string, string>>;
  /** What the caller does once the call enters Stasis. */
  readonly script?: readonly ScriptStep[];
  /** How long the caller speaks once a recording starts (default: silent). */
  readonly talkMs?: number;
  /** Inbound PJSIP endpoint (default: the simulator's, `sipp`). */
  readonly endpoint?: string;
  /** Inbound context (default `voxtra-in`). */
  readonly context?: string;
}

export interface DtmfOptions {
  readonly durationMs?: number;
  readonly gapMs?: number;
}

const DTMF_DIGITS = /^[0-9A-D*#]+$/;

/**
 * A SIP call arriving like sipp's: `PJSIP/<endpoint>-0000000N`, state Ring,
 * running NoOp → Stasis(app,${EXTEN}) → Hangup at the inbound context.
 * With no socket for the app, Stasis fails and the call is hung up.
 */
export function placeCall(m: AsteriskModel, opts: PlaceCallOptions): Channel {
  if (typeof opts.extension !== 'string' || opts.extension === '' || /[\s,]/.test(opts.extension)) {
    throw new VoxtraError('SIMULATOR', `invalid extension ${JSON.stringify(opts.extension)}`);
  }
  for (const step of opts.script ?? []) if (step.dtmf !== undefined && !DTMF_DIGITS.test(step.dtmf)) throw new VoxtraError('SIMULATOR', `invalid DTMF ${JSON.stringify(step.dtmf)}`);
  const t = opts.target as unknown;
  if (t !== undefined && !(isRecord(t) && (typeof t.stasis === 'string' ? t.stasis !== '' : isRecord(t.broadcast)))) {
    throw new VoxtraError('SIMULATOR', `invalid target ${JSON.stringify(t)}: expected {"stasis": "<app>"} or {"broadcast": {timeoutMs?, appFilter?, args?, notifyClaimed?}}`);
  }
  const context = opts.context ?? m.names.inbound;
  const target = opts.target;
  const broadcast = target && 'broadcast' in target ? target.broadcast : undefined;
  const app = (target && 'stasis' in target ? target.stasis : undefined) ?? opts.app ?? m.names.defaultApp;
  const fallback = opts.fallback === true ? 'beep' : typeof opts.fallback === 'string' && opts.fallback !== '' ? opts.fallback : undefined;
  const ch = m.newChannel({
    tech: 'PJSIP',
    resource: opts.endpoint ?? m.endpoints.inboundEndpoint,
    origin: 'inbound',
    protocolId: m.ids.inboundCallId(),
    state: 'Ring',
    caller: { name: opts.callerName ?? '', number: opts.callerNumber ?? '' },
    connected: { name: '', number: '' },
    dialplan: { context, exten: opts.extension, priority: 1, appName: '', appData: '' },
    placed: true,
  });
  if (broadcast) ch.inboundSteps = { context, exten: opts.extension, steps: broadcastSteps(broadcast, fallback) };
  else if (opts.app !== undefined || target !== undefined || !m.dialplan.steps(context, opts.extension)) {
    ch.inboundSteps = { context, exten: opts.extension, steps: inboundSteps(app, fallback ?? m.names.fallback) };
  }
  for (const [k, v] of Object.entries(opts.headers ?? {})) ch.inboundHeaders.set(k, String(v));
  for (const [k, v] of Object.entries(opts.variables ?? {})) ch.vars.set(k, String(v));
  ch.talkMs = opts.talkMs;
  const script = opts.script ?? [];
  if (script.length > 0) ch.onStasisStart = () => runScript(m, ch, script);
  m.counters.placedCalls++;
  m.note(ch, { kind: 'call-placed', extension: opts.extension, callerNumber: ch.caller.number, callerName: ch.caller.name, app: broadcast ? 'StasisBroadcast' : app });
  m.channelTimer(ch, 0, () => m.runDialplan(ch, context, opts.extension, 1));
  return ch;
}

function runScript(m: AsteriskModel, ch: Channel, steps: readonly ScriptStep[]): void {
  let index = 0;
  const next = (): void => {
    const step = steps[index++];
    if (!step) return;
    m.channelTimer(ch, Math.max(0, step.afterMs), () => {
      if (step.dtmf) sendDigits(m, ch, step.dtmf, step, next);
      else if (step.hangup) m.hangup(ch, 'remote', 16, 'caller');
      else next();
    });
  };
  next();
}

/** The caller presses `digits`: each ChannelDtmfReceived fires at the end of its digit. */
export function sendDigits(m: AsteriskModel, ch: Channel, digits: string, opts: DtmfOptions, done?: () => void): void {
  if (!DTMF_DIGITS.test(digits)) throw new VoxtraError('SIMULATOR', `invalid DTMF ${JSON.stringify(digits)}`);
  const duration = Math.max(0, opts.durationMs ?? 200);
  const gap = Math.max(0, opts.gapMs ?? 400);
  [...digits].forEach((digit, k) => {
    m.channelTimer(ch, k * gap + duration, () => {
      m.dtmfReceived(ch, digit, duration);
      if (k === digits.length - 1) done?.();
    });
  });
}

/** The caller (or far end) hangs up: BYE. */
export function callerHangup(m: AsteriskModel, ch: Channel): void {
  m.hangup(ch, 'remote', 16, ch.origin === 'inbound' ? 'caller' : 'far-end');
}

/** `core stop now`: every channel gets HangupRequest{4,soft}, {0}, StasisEnd; bridges vanish. */
export function shutdown(m: AsteriskModel): void {
  for (const ch of [...m.channels.values()]) if (!ch.hungUp) m.hangup(ch, 'shutdown', 0, 'server');
  m.bridges.clear();
  m.playbacks.clear();
  m.liveRecordings.clear();
}
