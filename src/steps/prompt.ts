import type { JsonPath } from '../core/json-path';
import { VoxtraError } from '../core/errors';
import type { StepIR } from '../ir/types';
import type { Prompt } from '../call/call-api';
import type { PlayParams } from './play';
import type { SayParams } from './say';
import type { StepLookup } from './registry';
import { MEDIA_URI_START } from './schema-helpers';
import type { JsonSchema, NormalizeContext, StepContext } from './step-definition';

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
  if (step.type === 'play') return { media: ctx.renderList((step.params as PlayParams).media) };
  if (step.type === 'say') {
    const p = step.params as SayParams;
    return { say: { text: ctx.render(p.text), ...(p.voice !== undefined ? { voice: ctx.render(p.voice) } : {}), ...(p.language !== undefined ? { language: p.language } : {}) } };
  }
  throw new VoxtraError('STEP_FAILED', `a prompt must be a play or say step, not ${step.type}`, { stepId: step.id });
}

/**
 * The shared `$defs/prompt` definition: a `play` or `say` step, or a string
 * shorthand (a media URI plays it; other text is said), with the catalogue's
 * own play and say fragments.
 */
export function promptSchema(steps: StepLookup): JsonSchema {
  const schemaOf = (type: string): JsonSchema => steps.get(type)?.schema ?? { description: `No ${type} step is registered.` };
  return {
    description: 'What the caller hears first: { play: ... } or { say: ... }; a plain string plays a media URI (sound:...) or says the text.',
    oneOf: [
      { type: 'string', description: 'A media URI to play, or text to say.', minLength: 1 },
      { type: 'object', description: 'A play step.', properties: { play: schemaOf('play') }, required: ['play'], additionalProperties: false },
      { type: 'object', description: 'A say step.', properties: { say: schemaOf('say') }, required: ['say'], additionalProperties: false },
    ],
  };
}
