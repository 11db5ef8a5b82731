import type { Clock } from '../core/clock';
import { isVoxtraError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { VoxtraCall } from './call';
import type { CallHandler } from './call-handlers';
import { isHangupError } from './hangup-errors';
import { emit, type RunOutcome, type SessionObserver } from './observer';

export interface HandlerRun {
  readonly flowId: string;
  readonly name: string;
  readonly run: CallHandler;
  readonly clock: Clock;
  readonly log: Logger;
  readonly observer?: SessionObserver;
}

/**
 * Runs a TypeScript handler the way the interpreter runs a flow: the outcome
 * says how the call ended (the app hung up, transferred or continued it, the
 * caller hung up, or the handler returned with the call still here), a
 * caller hangup is not an error, and any other error is reported to the
 * observer and thrown to the session, which logs it and hangs up.
 */
export async function runHandler(call: VoxtraCall, h: HandlerRun): Promise<RunOutcome> {
  const started = h.clock.now();
  const ended = (outcome: RunOutcome, error?: { code?: string; message: string }): void =>
    emit(h.observer, 'ended', { callId: call.id, at: h.clock.now(), flowId: h.flowId, outcome, steps: 0, durationMs: h.clock.now() - started, ...(error ? { error } : {}) }, h.log);
  try {
    await h.run(call);
  } catch (err) {
    // Using the call after it left (say after transferToQueue) fails with ARI_CHANNEL_GONE: the call ended as the handler asked.
    if (call.exitedBy && isHangupError(err)) {
      ended(call.exitedBy);
      return call.exitedBy;
    }
    if (isHangupError(err, call.signal)) {
      ended('caller_hangup');
      return 'caller_hangup';
    }
    const message = err instanceof Error ? err.message : String(err);
    ended('error', isVoxtraError(err) ? { code: err.code, message } : { message });
    throw err;
  }
  const outcome: RunOutcome = call.exitedBy ?? (call.ended ? 'caller_hangup' : 'completed');
  ended(outcome);
  return outcome;
}
