import { silentLogger, type Logger } from '../core/logger';
import type { HangupReason } from '../control/call-control';
import type { DialStatus } from '../call/call-api';
import type { ForwardHandler } from './call-session';
import { dialHeaderProblem } from '../call/dial-input';

/** How the caller is hung up when a forward was not answered, so their phone shows why. */
const CAUSE_OF: Record<Exclude<DialStatus, 'answered'>, HangupReason> = {
  busy: 'busy',
  no_answer: 'no_answer',
  failed: 'congestion',
};

/**
 * The HTTP router's `forward` answer: dials its `targets` (sequentially or in
 * parallel, with its ring timeout and SIP headers) and bridges the caller
 * with the first to answer. When that call ends the caller is hung up; when
 * nobody answers the caller is hung up with a matching cause (busy, no answer,
 * congestion). Headers a dial may not add (only `X-` headers and a few
 * informational ones are allowed) are left out and logged; `record: true`
 * is logged as not supported.
 */
export const forwardCall: ForwardHandler = async (call, decision, log: Logger = silentLogger) => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(decision.headers)) {
    const problem = dialHeaderProblem(name);
    if (problem) log.warn({ header: name }, `forward: ${problem}; left out`);
    else headers[name] = value;
  }
  if (decision.record) log.warn('forward: record is not supported for forwarded calls; the call is not recorded');
  const result = await call.dial({
    endpoints: decision.targets,
    strategy: decision.strategy,
    ...(decision.timeoutMs !== undefined ? { timeoutMs: decision.timeoutMs } : {}),
    headers,
  });
  log.info({ status: result.status, endpoint: result.endpoint, attempts: result.attempts, talkMs: result.talkMs }, `forward: ${result.status}${result.endpoint ? ` (${result.endpoint})` : ''}`);
  if (result.status === 'answered') return 'completed';
  await call.hangup(CAUSE_OF[result.status]);
  return 'hung_up';
};
