import type { AriOperation } from './transport';

/**
 * Operations that are safe to send twice, so a request that failed below HTTP
 * (typically a pooled keep-alive socket the server had just closed) is retried
 * once. Never play, originate, record or continue: a duplicate would be heard
 * or would dial twice.
 */
const IDEMPOTENT: ReadonlySet<AriOperation> = new Set<AriOperation>([
  'channels.answer',
  'channels.setChannelVar',
  'channels.hangup',
  'channels.startMoh',
  'channels.stopMoh',
]);

/** True when `op` may be retried once after a transport error. GETs always are. */
export function isRetryable(op: AriOperation, method: string): boolean {
  return method.toUpperCase() === 'GET' || IDEMPOTENT.has(op);
}
