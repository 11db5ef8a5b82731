import { playStep } from './play';
import { sayStep } from './say';
import { MEDIA_SCHEMA, promptSchema } from './shared-schemas';
import type { JsonSchema } from './step-definition';

/** The shared `$defs/prompt` definition (a play or say step, or a string shorthand). */
export const PROMPT_SCHEMA: JsonSchema = promptSchema(playStep.schema, sayStep.schema);

/** The `$defs` entries this folder defines for the flow schema: `media` and `prompt`. */
export const STEP_SHARED_DEFS: Readonly<Record<'media' | 'prompt', JsonSchema>> = { media: MEDIA_SCHEMA, prompt: PROMPT_SCHEMA };
