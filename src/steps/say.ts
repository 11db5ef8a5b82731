import { INTERRUPTIBLE_SCHEMA } from './play';
import { isRecord } from '../core/is-record';
import { objectSchema } from './schema-helpers';
import type { StepDefinition } from './step-definition';
import { NEXT } from './step-result';

export interface SayParams {
  /** Template. */
  readonly text: string;
  readonly voice?: string;
  readonly language?: string;
  readonly interruptible: boolean | string;
}

export const sayStep: StepDefinition<SayParams> = {
  type: 'say',
  shape: 'step',
  description: 'Says text through the configured text-to-speech engine (fails with TTS_UNAVAILABLE when none is configured).',
  schema: {
    description: 'Text to say, or { text, voice, language, interruptible }.',
    oneOf: [
      { type: 'string', description: 'Text to say; may be a template.', minLength: 1 },
      objectSchema(
        'Long form.',
        {
          text: { type: 'string', description: 'Text to say; may be a template.', minLength: 1 },
          voice: { type: 'string', description: 'Voice name, as the TTS engine knows it.', minLength: 1 },
          language: { type: 'string', description: 'Language tag, e.g. en-US.', pattern: '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$' },
          interruptible: INTERRUPTIBLE_SCHEMA,
        },
        ['text'],
      ),
    ],
  },
  normalize(raw) {
    if (!isRecord(raw)) return { text: String(raw), interruptible: false };
    return {
      text: String(raw.text),
      ...(typeof raw.voice === 'string' ? { voice: raw.voice } : {}),
      ...(typeof raw.language === 'string' ? { language: raw.language } : {}),
      interruptible: raw.interruptible === undefined ? false : (raw.interruptible as boolean | string),
    };
  },
  summary: (p) => [`say "${p.text}"`],
  speaks: (p) => ({ text: p.text, ...(p.voice !== undefined ? { voice: p.voice } : {}), ...(p.language !== undefined ? { language: p.language } : {}) }),
  async execute(p, ctx) {
    await ctx.call.say(ctx.render(p.text), {
      voice: p.voice === undefined ? undefined : ctx.render(p.voice),
      language: p.language,
      interruptible: p.interruptible,
      tts: ctx.services.tts,
    });
    return NEXT;
  },
};
