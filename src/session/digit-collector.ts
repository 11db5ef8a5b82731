import type { Clock } from '../core/clock';
import type { DtmfBuffer } from './dtmf-buffer';

export interface CollectOptions {
  readonly maxDigits: number;
  readonly minDigits: number;
  /** Wait for the first digit, ms. */
  readonly firstTimeoutMs: number;
  /** Wait between digits, ms. */
  readonly interDigitTimeoutMs: number;
  /** Ends input early and is not kept; '' for none. */
  readonly terminator: string;
  /** True ends input at once (after the digit was added). */
  readonly complete?: (digits: string) => boolean;
}

export interface CollectResult {
  digits: string;
  status: 'ok' | 'timeout';
  /** What ended the input. */
  reason: 'max_digits' | 'terminator' | 'complete' | 'timeout';
}

/**
 * Collects digits from the call's buffer (digits already buffered count
 * first). `timeout` means the caller did not complete a valid entry: no
 * digit at all, or fewer than `minDigits` before the timeout or terminator.
 * Rejects with AbortError when `signal` fires.
 */
export async function collectDigits(buffer: DtmfBuffer, clock: Clock, signal: AbortSignal, opts: CollectOptions): Promise<CollectResult> {
  let digits = '';
  const enough = (): boolean => digits.length > 0 && digits.length >= opts.minDigits;
  for (;;) {
    const digit = await buffer.next(clock, digits === '' ? opts.firstTimeoutMs : opts.interDigitTimeoutMs, signal);
    if (digit === undefined) return { digits, status: enough() ? 'ok' : 'timeout', reason: 'timeout' };
    if (opts.terminator !== '' && digit === opts.terminator) {
      return { digits, status: digits.length >= opts.minDigits ? 'ok' : 'timeout', reason: 'terminator' };
    }
    digits += digit;
    if (digits.length >= opts.maxDigits) return { digits, status: enough() ? 'ok' : 'timeout', reason: 'max_digits' };
    if (opts.complete?.(digits)) return { digits, status: 'ok', reason: 'complete' };
  }
}
