import type { StepIR } from '../ir/types';
import { collectMenuChoice, longestKey } from './menu-attempts';
import { normalizePrompt, promptOf } from './prompt';
import { intoSchema, objectSchema, ref } from './schema-helpers';
import type { StepBranch, StepChild, StepDefinition } from './step-definition';
import type { StepRule } from './step-rule';
import { NEXT, type StepResult } from './step-result';

export interface MenuOption {
  /** Digits, e.g. "1", "12", "*0". */
  readonly key: string;
  readonly steps: readonly StepIR[];
}

export interface MenuParams {
  readonly prompt?: StepIR;
  /** Played from the second attempt on (default: the prompt). */
  readonly reprompt?: StepIR;
  readonly options: readonly MenuOption[];
  readonly timeoutMs: number;
  readonly interDigitTimeoutMs: number;
  readonly maxDigits: number;
  readonly attempts: number;
  readonly noInput?: readonly StepIR[];
  readonly invalid?: readonly StepIR[];
  readonly exhausted?: readonly StepIR[];
  /** Variable for the chosen option ('' when the attempts ran out). */
  readonly into?: string;
}

/** Menu defaults; `call.menu()` in TypeScript handlers uses the same. The most digits default to the longest option key. */
export const MENU_DEFAULTS = { timeoutMs: 5000, interDigitTimeoutMs: 3000, attempts: 3 } as const;
const OPTION_KEY = '^[0-9*#]{1,16}$';

/** A no-input or invalid branch that did not run to its end (a goto out, a return, the flow's end) ends the menu with it. */
const leavesMenu = (result: StepResult): boolean => result.kind !== 'next';

/** MENU_NO_EXIT: a menu with no options gives the caller no way out. */
const menuNoExit: StepRule<MenuParams> = {
  name: 'menu-no-exit',
  code: 'MENU_NO_EXIT',
  check(step, ctx) {
    if (step.params.options.length === 0) ctx.report({ at: step, message: 'this menu has no options, so no key the caller presses leads anywhere' });
  },
};

export const menuStep: StepDefinition<MenuParams> = {
  type: 'menu',
  shape: 'menu',
  otherwise: 'exhausted',
  defaults: MENU_DEFAULTS,
  description: 'An IVR menu: plays a prompt, collects a choice, runs that option\'s steps and continues after the menu; re-prompts on no input or an invalid choice, up to `attempts`.',
  schema: objectSchema(
    'The prompt, the options and what happens on no input, invalid input and exhaustion.',
    {
      prompt: ref('prompt', 'Played at each attempt; a digit stops it (barge-in).'),
      reprompt: ref('prompt', 'A shorter prompt for the second and later attempts (default: the prompt).'),
      options: {
        type: 'object',
        description: 'Digits → steps, e.g. "1": [{ transfer_to_queue: sales }]. Keys use 0-9, * and #. After an option\'s steps the flow continues after the menu.',
        propertyNames: { pattern: OPTION_KEY },
        additionalProperties: ref('steps', 'Steps run when the caller picks this option.'),
      },
      timeout: ref('duration', 'How long to wait for a choice after the prompt (default 5s).'),
      inter_digit_timeout: ref('duration', 'How long to wait for the next digit of a multi-digit option (default 3s).'),
      max_digits: { type: 'integer', minimum: 1, maximum: 16, description: 'Most digits one choice takes (default: the longest option key).' },
      attempts: { type: 'integer', minimum: 1, maximum: 20, description: 'How many times the caller may try (default 3).' },
      no_input: ref('steps', 'Run after an attempt with no digit (not after the last attempt).'),
      invalid: ref('steps', 'Run after an attempt with a choice that is not an option (not after the last attempt).'),
      exhausted: ref('steps', 'Run when the last attempt fails; without it the flow continues after the menu.'),
      into: intoSchema(64, 'Variable that receives the chosen option ("" when the attempts run out).'),
    },
    ['options'],
  ),
  normalize(raw, ctx) {
    const r = raw as Record<string, unknown>;
    const optionsRaw = (r.options ?? {}) as Record<string, unknown>;
    const options = Object.entries(optionsRaw).map(([key, steps]) => ({ key, steps: ctx.steps(steps, ['options', key]) }));
    const list = (key: string): readonly StepIR[] | undefined => (r[key] !== undefined ? ctx.steps(r[key], [key]) : undefined);
    const noInput = list('no_input');
    const invalid = list('invalid');
    const exhausted = list('exhausted');
    return {
      ...(r.prompt !== undefined ? { prompt: normalizePrompt(r.prompt, ['prompt'], ctx) } : {}),
      ...(r.reprompt !== undefined ? { reprompt: normalizePrompt(r.reprompt, ['reprompt'], ctx) } : {}),
      options,
      timeoutMs: r.timeout !== undefined ? ctx.duration(r.timeout, ['timeout']) : MENU_DEFAULTS.timeoutMs,
      interDigitTimeoutMs: r.inter_digit_timeout !== undefined ? ctx.duration(r.inter_digit_timeout, ['inter_digit_timeout']) : MENU_DEFAULTS.interDigitTimeoutMs,
      maxDigits: typeof r.max_digits === 'number' ? r.max_digits : longestKey(options.map((o) => o.key)),
      attempts: typeof r.attempts === 'number' ? r.attempts : MENU_DEFAULTS.attempts,
      ...(noInput ? { noInput } : {}),
      ...(invalid ? { invalid } : {}),
      ...(exhausted ? { exhausted } : {}),
      ...(typeof r.into === 'string' ? { into: r.into } : {}),
    };
  },
  branches(p) {
    const out: StepBranch[] = p.options.map((o) => ({ key: `options.${o.key}`, steps: o.steps, title: o.key, choice: o.key }));
    if (p.noInput) out.push({ key: 'no_input', steps: p.noInput, title: 'no input', retry: true });
    if (p.invalid) out.push({ key: 'invalid', steps: p.invalid, retry: true });
    if (p.exhausted) out.push({ key: 'exhausted', steps: p.exhausted });
    return out;
  },
  children(p) {
    const out: StepChild[] = [];
    if (p.prompt) out.push({ key: 'prompt', step: p.prompt });
    if (p.reprompt) out.push({ key: 'reprompt', step: p.reprompt });
    return out;
  },
  writesVars: (p) => (p.into ? [p.into] : []),
  summary: (p, ctx) => ['menu', ...(p.prompt ? ctx.step(p.prompt) : [])],
  rules: [menuNoExit],
  async execute(p, ctx) {
    const { prompt, reprompt, noInput, invalid } = p;
    // The same attempts loop as call.menu() in TypeScript handlers.
    const outcome = await collectMenuChoice((opts) => ctx.call.listenDtmf(opts), {
      ...(prompt ? { prompt: () => promptOf(prompt, ctx) } : {}),
      ...(reprompt ? { reprompt: () => promptOf(reprompt, ctx) } : {}),
      keys: p.options.map((o) => o.key),
      timeoutMs: p.timeoutMs,
      interDigitTimeoutMs: p.interDigitTimeoutMs,
      maxDigits: p.maxDigits,
      attempts: p.attempts,
      ...(noInput ? { onNoInput: () => ctx.run(noInput) } : {}),
      ...(invalid ? { onInvalid: () => ctx.run(invalid) } : {}),
      leaves: leavesMenu,
      tts: ctx.services.tts,
    });
    if (outcome.status === 'left') return outcome.result;
    // The interpreter sees the ended call and stops before the next step.
    if (outcome.status === 'hangup') return NEXT;
    const option = outcome.status === 'chosen' ? p.options.find((o) => o.key === outcome.choice) : undefined;
    if (option) {
      if (p.into) ctx.setVar(p.into, option.key);
      return ctx.run(option.steps);
    }
    if (p.into) ctx.setVar(p.into, '');
    return p.exhausted ? ctx.run(p.exhausted) : NEXT;
  },
};
