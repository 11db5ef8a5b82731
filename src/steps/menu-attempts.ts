import type { ListenOptions, ListenResult, Prompt } from '../call/call-api';
import type { TtsService } from '../call/tts';

/** A prompt, or a function that builds it at each attempt (templates are rendered afresh). */
export type MenuPrompt = Prompt | (() => Prompt);

/** How a menu ended: a valid choice, every attempt used, or the caller hung up. */
export type MenuOutcome = { readonly status: 'chosen'; readonly choice: string } | { readonly status: 'exhausted' } | { readonly status: 'hangup' };

/** A menu's attempts: how they ended, or `left` with what a no-input or invalid branch returned when that ended the menu. */
export type MenuRun<R> = MenuOutcome | { readonly status: 'left'; readonly result: R };

/**
 * How the attempts of a menu run, every value given (the `menu` step and
 * `call.menu()` fill in the defaults from `MENU_DEFAULTS` in
 * src/steps/menu.ts); what happens on a choice is up to the caller.
 */
export interface MenuAttempts<R> {
  /** Played at each attempt; a digit stops it (barge-in). */
  readonly prompt?: MenuPrompt;
  /** Played from the second attempt on (default: the prompt). */
  readonly reprompt?: MenuPrompt;
  /** Option keys: digit strings such as "1", "12", "*0". */
  readonly keys: readonly string[];
  readonly timeoutMs: number;
  readonly interDigitTimeoutMs: number;
  readonly maxDigits: number;
  readonly attempts: number;
  /** Run after an attempt with no digit, except the last. */
  readonly onNoInput?: () => R | Promise<R>;
  /** Run after an attempt with a choice that is no option, except the last. */
  readonly onInvalid?: () => R | Promise<R>;
  /** True when what a branch returned ends the menu at once (for the `menu` step: a goto out of it, the flow's end). */
  readonly leaves?: (result: R) => boolean;
  /** Engine for a `say` prompt (default: the call's own). */
  readonly tts?: TtsService;
}

/** The most digits one choice takes: the length of the longest key (at least 1). */
export function longestKey(keys: readonly string[]): number {
  return keys.reduce((n, k) => Math.max(n, k.length), 1);
}

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
export async function collectMenuChoice<R>(listen: (opts: ListenOptions) => Promise<ListenResult>, opts: MenuAttempts<R>): Promise<MenuRun<R>> {
  const keys = opts.keys;
  for (let attempt = 1; attempt <= opts.attempts; attempt++) {
    const source = attempt > 1 && opts.reprompt ? opts.reprompt : opts.prompt;
    const prompt = typeof source === 'function' ? source() : source;
    const result = await listen({
      ...(prompt ? { prompt } : {}),
      bargeIn: true,
      maxDigits: opts.maxDigits,
      minDigits: 1,
      timeoutMs: opts.timeoutMs,
      interDigitTimeoutMs: opts.interDigitTimeoutMs,
      terminator: '',
      complete: (digits) => menuInputComplete(keys, digits),
      ...(opts.tts ? { tts: opts.tts } : {}),
    });
    if (result.status === 'hangup') return { status: 'hangup' };
    if (keys.includes(result.digits)) return { status: 'chosen', choice: result.digits };
    if (attempt === opts.attempts) break;
    const branch = result.digits === '' ? opts.onNoInput : opts.onInvalid;
    if (!branch) continue;
    const left = await branch();
    if (opts.leaves?.(left)) return { status: 'left', result: left };
  }
  return { status: 'exhausted' };
}
