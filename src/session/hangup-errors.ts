import type { CancelSignal } from '../core/cancel-signal';
import { isVoxtraError } from '../core/errors';

/**
 * True for the errors a caller hangup causes: `ARI_CHANNEL_GONE`, an abort
 * (ours or a DOMException from fetch), or anything at all once the call's
 * signal has fired, since the error is then only a consequence of the hangup.
 */
export function isHangupError(err: unknown, signal?: CancelSignal): boolean {
  if (signal?.aborted) return true;
  if (isVoxtraError(err, 'ARI_CHANNEL_GONE')) return true;
  return err instanceof Error && err.name === 'AbortError';
}
