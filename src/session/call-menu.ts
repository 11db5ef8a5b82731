import type { ListenOptions, ListenResult, Prompt } from './call-api';
import type { TtsService } from './tts';

/** Menu defaults (the `menu` step uses the same); the inter-digit wait is listen's own default. */
export const MENU_DEFAULTS = { timeoutMs: 5000, interDigitTimeoutMs: 3000, attempts: 3 } as const;

/** A prompt, or a function that builds it at each attempt (templates are rendered afresh). */
export type MenuPrompt = Prompt | (() => Prompt);

/** How the attempts of a menu run; what happens on a choice is up to the caller. */
export interface MenuChoiceOptions<R = unknown> {
  /** Played at each attempt; a digit stops it (barge-in). */
  readonly prompt?: MenuPrompt;
  /** Played from the second attempt on (default: the prompt). */
  readonly reprompt?: MenuPrompt;
  /** Option keys: digit strings such as "1", "12", "*0". */
  readonly keys: readonly string[];
  /** Wait for a choice after the prompt, ms (default 5 s). */
  readonly timeoutMs?: number;
  /** Wait for the next digit of a multi-digit option, ms (default 3 s). */
  readonly interDigitTimeoutMs?: number;
  /** Most digits one choice takes (default: the longest key). */
  readonly maxDigits?: number;
  /** How many times the caller may try (default 3). */
  readonly attempts?: number;
  /** Run after an attempt with no digit, except the last. */
  readonly onNoInput?: () => R | Promise<R>;
  /** Run after an attempt with a choice that is no option, except the last. */
  readonly onInvalid?: () => R | Promise<R>;
  /** True when what a branch returned ends the menu at once (for the `menu` step: a goto out of it, the flow's end). */
  readonly leaves?: (result: R) => boolean;
  /** Engine for a `say` prompt (default: the call's own). */
  readonly tts?: TtsService;
}

/** How a menu ended: a valid choice, every attempt used, or the caller hung up. */
export type MenuOutcome = { readonly status: 'chosen'; readonly choice: string } | { readonly status: 'exhausted' } | { readonly status: 'hangup' };

/** A menu's attempts: how they ended, or `left` with what a no-input or invalid branch returned when that ended the menu. */
export type MenuRun<R> = MenuOutcome | { readonly status: 'left'; readonly result: R };

/**
 * True once the digits can mean only one thing: exactly one option (that no
 * longer key extends), or no option at all.
 */
export function menuInputComplete(keys: readonly string[], digits: string): boolean {
  return !keys.some((k) => k !== digits && k.startsWith(digits));
}

/**
 * The attempts loop of an IVR menu over `listenDtmf`: prompt (or reprompt),
 * collect a choice that stops as soon as it can only mean one option, and on
 * no input or an invalid choice run the matching branch and try again. The
 * `menu` step and `call.menu()` both run on this.
 */
export async function collectMenuChoice<R>(listen: (opts: ListenOptions) => Promise<ListenResult>, opts: MenuChoiceOptions<R>): Promise<MenuRun<R>> {
  const keys = opts.keys;
  const attempts = opts.attempts ?? MENU_DEFAULTS.attempts;
  const maxDigits = opts.maxDigits ?? keys.reduce((n, k) => Math.max(n, k.length), 1);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const source = attempt > 1 && opts.reprompt ? opts.reprompt : opts.prompt;
    const prompt = typeof source === 'function' ? source() : source;
    const result = await listen({
      ...(prompt ? { prompt } : {}),
      bargeIn: true,
      maxDigits,
      minDigits: 1,
      timeoutMs: opts.timeoutMs ?? MENU_DEFAULTS.timeoutMs,
      interDigitTimeoutMs: opts.interDigitTimeoutMs ?? MENU_DEFAULTS.interDigitTimeoutMs,
      terminator: '',
      complete: (digits) => menuInputComplete(keys, digits),
      ...(opts.tts ? { tts: opts.tts } : {}),
    });
    if (result.status === 'hangup') return { status: 'hangup' };
    if (keys.includes(result.digits)) return { status: 'chosen', choice: result.digits };
    if (attempt === attempts) break;
    const branch = result.digits === '' ? opts.onNoInput : opts.onInvalid;
    if (!branch) continue;
    const left = await branch();
    if (opts.leaves?.(left)) return { status: 'left', result: left };
  }
  return { status: 'exhausted' };
}

/** `call.menu()`: the attempts loop plus what each option does. */
export interface CallMenuOptions extends Omit<MenuChoiceOptions, 'keys' | 'leaves'> {
  /** Digits → what to run when the caller picks them, e.g. `{ '1': () => call.transferToQueue('sales') }`. */
  readonly options: Readonly<Record<string, () => unknown>>;
  /** Run when the last attempt fails; without it the menu just returns. */
  readonly onExhausted?: () => unknown;
}

/** Runs a menu for a TypeScript handler: collects a choice, then runs that option (or `onExhausted`). */
export async function runCallMenu(listen: (opts: ListenOptions) => Promise<ListenResult>, opts: CallMenuOptions): Promise<MenuOutcome> {
  // Without `leaves` no branch ends the attempts early.
  const outcome = (await collectMenuChoice(listen, { ...opts, keys: Object.keys(opts.options) })) as MenuOutcome;
  if (outcome.status === 'chosen') await opts.options[outcome.choice]?.();
  else if (outcome.status === 'exhausted') await opts.onExhausted?.();
  return outcome;
}
