import type { JsonSchema } from './step-definition';

/** Media URI schemes a flow may name; checked again after templates render. */
export const MEDIA_URI_START = /^(?:sound|digits|number|characters|tone|recording):|^https?:\/\//;

/**
 * The shared `$defs/media` definition: one media URI (or a template that
 * renders to one). The compiler puts it under `$defs.media`.
 */
export const MEDIA_SCHEMA: JsonSchema = {
  type: 'string',
  description:
    'A media URI: sound:NAME, digits:123, number:42, characters:abc, tone:ring, recording:NAME, or an http(s) URL. May be a template such as "sound:{{ vars.greeting }}".',
  pattern: `${MEDIA_URI_START.source}|\\{\\{|\\{%`,
  minLength: 1,
};

/**
 * The shared `$defs/prompt` definition: a `play` or `say` step, or a string
 * shorthand (a media URI plays it; other text is said). `playSchema` and
 * `saySchema` are those steps' own fragments.
 */
export function promptSchema(playSchema: JsonSchema, saySchema: JsonSchema): JsonSchema {
  return {
    description: 'What the caller hears first: { play: ... } or { say: ... }; a plain string plays a media URI (sound:...) or says the text.',
    oneOf: [
      { type: 'string', description: 'A media URI to play, or text to say.', minLength: 1 },
      { type: 'object', description: 'A play step.', properties: { play: playSchema }, required: ['play'], additionalProperties: false },
      { type: 'object', description: 'A say step.', properties: { say: saySchema }, required: ['say'], additionalProperties: false },
    ],
  };
}
