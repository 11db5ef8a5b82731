import { HANGUP_REASONS, type HangupReason } from '../control/call-control';

// SIP final responses to ARI hangup reasons, after RFC 3398 §8.2.6.1 and the
// Q.850 causes Asterisk gives each ARI reason (busy=17, no_answer=19, ...).
const BY_STATUS: Readonly<Record<number, HangupReason>> = {
  401: 'rejected',
  403: 'rejected',
  404: 'unallocated',
  407: 'rejected',
  408: 'timeout',
  410: 'unallocated',
  415: 'codec_mismatch',
  480: 'no_answer',
  484: 'number_incomplete',
  486: 'busy',
  487: 'normal_unspecified',
  488: 'codec_mismatch',
  500: 'failure',
  502: 'congestion',
  503: 'congestion',
  504: 'congestion',
  600: 'busy',
  603: 'rejected',
  604: 'unallocated',
  606: 'codec_mismatch',
};

/**
 * The hangup reason for an HTTP router's `status`: a SIP status code (as in
 * the RustPBX protocol) or an ARI hangup reason name. Unknown 4xx/6xx codes
 * reject, unknown 5xx codes fail; no status means 403 (rejected), as in the seed.
 */
export function hangupReasonForStatus(status: number | string | undefined): HangupReason {
  if (status === undefined) return 'rejected';
  if (typeof status === 'string') return (HANGUP_REASONS as readonly string[]).includes(status) ? (status as HangupReason) : 'rejected';
  const mapped = BY_STATUS[status];
  if (mapped) return mapped;
  return status >= 500 && status < 600 ? 'failure' : 'rejected';
}
