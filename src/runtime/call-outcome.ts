import type { CallOutcome } from '../observability/metrics';
import type { SessionOutcome } from '../session/call-session';

/**
 * The `outcome` label of `voxtra_calls_total` for a session's outcome: the
 * few values the docs promise, so dashboards do not chase interpreter
 * details. A call the runtime cut at shutdown counts as `shutdown` whatever
 * its flow reported.
 */
export function metricOutcome(outcome: SessionOutcome, cutAtShutdown = false): CallOutcome {
  if (cutAtShutdown) return 'shutdown';
  switch (outcome) {
    case 'completed':
    case 'hung_up':
      return 'completed';
    case 'transferred':
    case 'continued':
    case 'forwarded':
      return 'transferred';
    case 'caller_hangup':
      return 'caller_hangup';
    case 'rejected':
      return 'rejected';
    case 'no_route':
      return 'no_route';
    case 'error':
      return 'failed';
    default:
      return 'failed';
  }
}
