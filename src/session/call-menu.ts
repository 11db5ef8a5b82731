import { MENU_DEFAULTS } from '../steps/menu';
import type { ListenOptions, ListenResult } from '../call/call-api';
import { collectMenuChoice, longestKey, type MenuOutcome, type MenuPrompt } from '../steps/menu-attempts';
import type { TtsService } from '../call/tts';

/** `call.menu()`: the attempts of an IVR menu plus what each option does. */
export interface CallMenuOptions {
  /** Played at each attempt; a digit stops it (barge-in). */
  readonly prompt?: MenuPrompt;
  /** Played from the second attempt on (default: the prompt). */
  readonly reprompt?: MenuPrompt;
  /** Digits → what to run when the caller picks them, e.g. `{ '1': () => call.transferToQueue('sales') }`. */
  readonly options: Readonly<Record<string, () => unknown>>;
  /** Wait for a choice after the prompt, ms (default 5 s). */
  readonly timeoutMs?: number;
  /** Wait for the next digit of a multi-digit option, ms (default 3 s). */
  readonly interDigitTimeoutMs?: number;
  /** Most digits one choice takes (default: the longest key). */
  readonly maxDigits?: number;
  /** How many times the caller may try (default 3). */
  readonly attempts?: number;
  /** Run after an attempt with no digit, except the last. */
  readonly onNoInput?: () => unknown;
  /** Run after an attempt with a choice that is no option, except the last. */
  readonly onInvalid?: () => unknown;
  /** Run when the last attempt fails; without it the menu just returns. */
  readonly onExhausted?: () => unknown;
  /** Engine for a `say` prompt (default: the call's own). */
  readonly tts?: TtsService;
}

/** Runs a menu for a TypeScript handler, with the `menu` step's defaults: collects a choice, then runs that option (or `onExhausted`). */
export async function runCallMenu(listen: (opts: ListenOptions) => Promise<ListenResult>, opts: CallMenuOptions): Promise<MenuOutcome> {
  const keys = Object.keys(opts.options);
  // Without `leaves` no branch ends the attempts early, so the run is a plain outcome.
  const outcome = (await collectMenuChoice(listen, {
    ...opts,
    keys,
    timeoutMs: opts.timeoutMs ?? MENU_DEFAULTS.timeoutMs,
    interDigitTimeoutMs: opts.interDigitTimeoutMs ?? MENU_DEFAULTS.interDigitTimeoutMs,
    maxDigits: opts.maxDigits ?? longestKey(keys),
    attempts: opts.attempts ?? MENU_DEFAULTS.attempts,
  })) as MenuOutcome;
  if (outcome.status === 'chosen') await opts.options[outcome.choice]?.();
  else if (outcome.status === 'exhausted') await opts.onExhausted?.();
  return outcome;
}
