import type { JsonPath } from '../core/json-path';
import { VoxtraError } from '../core/errors';
import type { StepIR } from '../ir/types';
import type { Prompt } from '../session/call-api';
import type { PlayParams } from './play';
import type { SayParams } from './say';
import { MEDIA_URI_START } from './shared-schemas';
import type { NormalizeContext, StepContext } from './step-definition';

/**
 * Normalises a prompt (a `play` or `say` step) into a nested step. The string
 * shorthand plays a media URI and says any other text.
 */
export function normalizePrompt(raw: unknown, rel: JsonPath, ctx: NormalizeContext): StepIR {
  const step = typeof raw === 'string' ? (MEDIA_URI_START.test(raw) ? { play: raw } : { say: raw }) : raw;
  return ctx.step(step, rel);
}

/** Renders a prompt step into what `call.listenDtmf` plays. Its own `interruptible` gives way to the listen's barge-in. */
export function promptOf(step: StepIR, ctx: StepContext): Prompt {
  if (step.type === 'play') return { media: (step.params as PlayParams).media.map((m) => ctx.render(m)) };
  if (step.type === 'say') {
    const p = step.params as SayParams;
    return { say: { text: ctx.render(p.text), ...(p.voice !== undefined ? { voice: ctx.render(p.voice) } : {}), ...(p.language !== undefined ? { language: p.language } : {}) } };
  }
  throw new VoxtraError('STEP_FAILED', `a prompt must be a play or say step, not ${step.type}`, { stepId: step.id });
}
