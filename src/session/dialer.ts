import { AbortError, type Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Bridge, CallControl, HangupReason, OutboundLeg, OutboundState } from '../control/call-control';
import type { DialAttempt, DialStatus } from '../call/call-api';
import { isHangupError } from './hangup-errors';

/** What to ring, already checked. */
export interface DialPlan {
  readonly endpoints: readonly string[];
  readonly strategy: 'sequential' | 'parallel';
  /** Per attempt (sequential) or for all legs together (parallel), ms. */
  readonly timeoutMs: number;
  readonly callerId?: string;
  /** Channel variables for each leg (`PJSIP_HEADER(add,X-...)` for SIP headers). */
  readonly variables: Readonly<Record<string, string>>;
}

export interface RingOutcome {
  /** The leg that answered first, still up. */
  readonly winner?: { readonly endpoint: string; readonly leg: OutboundLeg };
  /** Every endpoint tried, in order, with how it ended. */
  readonly attempts: readonly DialAttempt[];
}

interface DialerContext {
  readonly control: CallControl;
  readonly clock: Clock;
  /** The caller's hangup signal: ringing and bridging stop at once when it fires. */
  readonly signal: AbortSignal;
  readonly log: Logger;
}

const TERMINAL: ReadonlySet<OutboundState> = new Set<OutboundState>(['busy', 'no_answer', 'failed', 'hangup']);

/** Terminal leg state → dial status. A leg that ended before answering without a busy or no-answer cause failed. */
function statusOf(state: OutboundState): DialStatus {
  if (state === 'answered' || state === 'busy' || state === 'no_answer') return state;
  return state === 'failed' || state === 'hangup' ? 'failed' : 'no_answer';
}

/**
 * The status of a dial nobody answered: `no_answer` when some endpoint rang
 * out, else `busy` when some endpoint was busy, else `failed`.
 */
export function overallStatus(attempts: readonly DialAttempt[]): DialStatus {
  for (const s of ['answered', 'no_answer', 'busy'] as const) if (attempts.some((a) => a.status === s)) return s;
  return 'failed';
}

/**
 * Rings the plan's endpoints: one after the other, each for the timeout
 * (`sequential`), or all at once where the first to answer wins and the
 * others are hung up at once (`parallel`). Rejects with AbortError when the
 * caller hangs up; every leg still ringing is hung up either way.
 */
export async function ringEndpoints(ctx: DialerContext, plan: DialPlan): Promise<RingOutcome> {
  if (plan.strategy === 'parallel') return ringTogether(ctx, plan, plan.endpoints);
  const attempts: DialAttempt[] = [];
  for (const endpoint of plan.endpoints) {
    const round = await ringTogether(ctx, plan, [endpoint]);
    attempts.push(...round.attempts);
    if (round.winner) return { winner: round.winner, attempts };
  }
  return { attempts };
}

async function ringTogether(ctx: DialerContext, plan: DialPlan, endpoints: readonly string[]): Promise<RingOutcome> {
  const timeoutSeconds = Math.max(1, Math.ceil(plan.timeoutMs / 1000));
  const settled = await Promise.allSettled(
    endpoints.map((endpoint) =>
      ctx.control.originate({ endpoint, timeoutSeconds, variables: plan.variables, ...(plan.callerId ? { callerId: plan.callerId } : {}) }),
    ),
  );
  const legs: { endpoint: string; leg: OutboundLeg }[] = [];
  const attempts = new Map<string, DialStatus>();
  let gone: unknown;
  settled.forEach((r, i) => {
    const endpoint = endpoints[i];
    if (r.status === 'fulfilled') legs.push({ endpoint, leg: r.value });
    else if (isHangupError(r.reason, ctx.signal)) gone = r.reason;
    else {
      // An unknown or offline endpoint is an outcome (failed), not a fault: no stack in the log.
      ctx.log.warn({ endpoint, reason: r.reason instanceof Error ? r.reason.message : String(r.reason) }, `could not originate ${endpoint}`);
      attempts.set(endpoint, 'failed');
    }
  });
  let winner: { endpoint: string; leg: OutboundLeg } | undefined;
  try {
    if (gone !== undefined || ctx.signal.aborted) throw new AbortError(undefined, ctx.signal.reason ?? gone);
    if (legs.length > 0) winner = await firstAnswer(ctx, legs, plan.timeoutMs);
  } finally {
    // Legs still ringing lost (or rang out): they count as not answered.
    const ringing = legs.filter((l) => l !== winner && !TERMINAL.has(l.leg.state));
    for (const { endpoint } of ringing) attempts.set(endpoint, 'no_answer');
    const reason: HangupReason = ctx.signal.aborted ? 'normal' : winner ? 'answered_elsewhere' : 'no_answer';
    await Promise.all(ringing.map((l) => hangUpLeg(ctx, l.leg, reason)));
  }
  for (const { endpoint, leg } of legs) {
    if (leg === winner?.leg) attempts.set(endpoint, 'answered');
    else if (!attempts.has(endpoint)) attempts.set(endpoint, statusOf(leg.state));
  }
  return { ...(winner ? { winner } : {}), attempts: endpoints.map((endpoint) => ({ endpoint, status: attempts.get(endpoint) ?? 'failed' })) };
}

/** The first leg to answer; undefined once every leg ended or the timeout passed; rejects on the caller's hangup. */
function firstAnswer(
  ctx: DialerContext,
  legs: readonly { endpoint: string; leg: OutboundLeg }[],
  timeoutMs: number,
): Promise<{ endpoint: string; leg: OutboundLeg } | undefined> {
  return new Promise((resolve, reject) => {
    let done = false;
    const offs: (() => void)[] = [];
    const finish = (fn: () => void): void => {
      if (done) return;
      done = true;
      ctx.clock.clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
      for (const off of offs) off();
      fn();
    };
    const check = (): void => {
      const winner = legs.find((l) => l.leg.state === 'answered');
      if (winner) finish(() => resolve(winner));
      else if (legs.every((l) => TERMINAL.has(l.leg.state))) finish(() => resolve(undefined));
    };
    const onAbort = (): void => finish(() => reject(new AbortError(undefined, ctx.signal.reason)));
    const timer = ctx.clock.setTimeout(() => finish(() => resolve(undefined)), timeoutMs);
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    for (const l of legs) offs.push(l.leg.onState(check));
    // A leg may have changed state before we listened (its events can beat originate's answer).
    check();
  });
}

/**
 * Bridges the caller with the answered leg and waits until one side hangs
 * up. Resolves with the talk time when the far end hung up (the caller stays
 * in the app, out of the bridge); rejects with AbortError when the caller hung
 * up. The leg is hung up and the bridge destroyed either way.
 */
export async function bridgeUntilHangup(ctx: DialerContext, leg: OutboundLeg): Promise<{ talkMs: number }> {
  let bridge: Bridge | undefined;
  try {
    bridge = await ctx.control.createBridge();
    try {
      await bridge.addChannels([ctx.control.channelId, leg.channelId]);
    } catch (err) {
      // The far end hung up between answering and joining: nothing to talk over.
      if (TERMINAL.has(leg.state) && !ctx.signal.aborted) return { talkMs: 0 };
      throw err;
    }
    const start = ctx.clock.now();
    await legEnded(leg, ctx.signal);
    return { talkMs: ctx.clock.now() - start };
  } finally {
    if (!TERMINAL.has(leg.state)) await hangUpLeg(ctx, leg, 'normal');
    if (bridge) {
      await bridge.destroy().catch((err: unknown) => ctx.log.warn({ err, bridgeId: bridge?.id }, 'could not destroy the dial bridge'));
    }
  }
}

function legEnded(leg: OutboundLeg, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new AbortError(undefined, signal.reason));
    if (TERMINAL.has(leg.state)) return resolve();
    const off = leg.onState((state) => {
      if (!TERMINAL.has(state)) return;
      signal.removeEventListener('abort', onAbort);
      off();
      resolve();
    });
    const onAbort = (): void => {
      off();
      reject(new AbortError(undefined, signal.reason));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

async function hangUpLeg(ctx: DialerContext, leg: OutboundLeg, reason: HangupReason): Promise<void> {
  try {
    await leg.hangup(reason);
  } catch (err) {
    ctx.log.warn({ err, legId: leg.channelId }, 'could not hang up a dial leg');
  }
}
