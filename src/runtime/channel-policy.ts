import type { CallControl } from '../control/call-control';
import type { Logger } from '../core/logger';
import type { ChannelPolicy } from '../config/runtime-settings';
import { isHangupError } from '../session/hangup-errors';

/**
 * Applies a {@link ChannelPolicy} to a channel no flow will run: hang it up,
 * or send it on into the dialplan. A failed `continue` (a context that does
 * not exist answers 204 and the channel simply leaves; an unknown label
 * answers 404) falls back to a hangup, so nothing stays in Stasis. Never
 * rejects; resolves once the channel is out of our hands or gone.
 */
export async function applyChannelPolicy(control: CallControl, policy: ChannelPolicy, log: Logger, why: string): Promise<'hangup' | 'continued' | 'gone'> {
  if (control.ending.aborted) return 'gone';
  if (policy.action === 'continue') {
    try {
      await control.continueInDialplan({ context: policy.context, extension: policy.extension, priority: policy.priority });
      log.info({ policy: 'continue', context: policy.context, extension: policy.extension, priority: policy.priority }, `${why}: sent on to ${policy.context},${policy.extension},${policy.priority}`);
      return 'continued';
    } catch (err) {
      if (isHangupError(err) || control.ending.aborted) return 'gone';
      log.warn({ err, context: policy.context }, `${why}: continue into the dialplan failed; hanging up instead`);
    }
  }
  const cause = policy.action === 'hangup' ? (policy.cause ?? 'normal') : 'normal';
  try {
    await control.hangup(cause);
    log.info({ policy: 'hangup', ...(cause !== 'normal' ? { cause } : {}) }, `${why}: hung up`);
    return 'hangup';
  } catch (err) {
    if (isHangupError(err) || control.ending.aborted) return 'gone';
    log.warn({ err }, `${why}: hangup failed`);
    return 'gone';
  }
}
