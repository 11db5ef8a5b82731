import { isRecord } from '../core/is-record';
import type { Outcome } from '../core/outcome';
import { executeThroughStart } from './execute-through-start';
import { NextAfter } from './next-after';
import { objectSchema, ref } from './schema-helpers';
import type { StepContext, StepDefinition } from './step-definition';
import type { StepResult } from './step-result';

export interface PlayParams {
  /** Media URIs (templates), played in order. */
  readonly media: readonly string[];
  /** false, true (any digit), or the digits that interrupt. */
  readonly interruptible: boolean | string;
}

const MEDIA_LIST = {
  type: 'array',
  description: 'Media URIs played one after the other.',
  items: ref('media', 'A media URI.'),
  minItems: 1,
  maxItems: 32,
};

/** `interruptible`, shared with `say`. */
export const INTERRUPTIBLE_SCHEMA = {
  description: 'Whether a DTMF digit stops the playback: true for any digit, or a string of the digits that do (e.g. "#*"). The digit stays buffered for the next listen. Default false.',
  oneOf: [
    { type: 'boolean', description: 'true: any digit interrupts.' },
    { type: 'string', description: 'Only these digits interrupt.', pattern: '^[0-9A-D*#]{1,16}$' },
  ],
};

/** `sound:hello-world` reads as `hello-world` in graphs; other URIs keep their scheme. */
function shortMedia(uri: string): string {
  return uri.startsWith('sound:') ? uri.slice('sound:'.length) : uri;
}

export const playStep: StepDefinition<PlayParams> = {
  type: 'play',
  shape: 'step',
  description: 'Plays one media URI or a list (sound:, digits:, number:, characters:, tone:, recording:, http(s)), optionally interruptible by DTMF.',
  schema: {
    description: 'A media URI, a list of them, or { media, interruptible }.',
    oneOf: [
      ref('media', 'One media URI, e.g. sound:hello-world.'),
      MEDIA_LIST,
      objectSchema(
        'Long form.',
        {
          media: { description: 'A media URI or a list of them.', oneOf: [ref('media', 'One media URI.'), MEDIA_LIST] },
          interruptible: INTERRUPTIBLE_SCHEMA,
        },
        ['media'],
      ),
    ],
  },
  normalize(raw) {
    const long = isRecord(raw) ? raw : { media: raw };
    const media = Array.isArray(long.media) ? long.media.map(String) : [String(long.media)];
    const interruptible = long.interruptible === undefined ? false : (long.interruptible as boolean | string);
    return { media, interruptible };
  },
  summary: (p) => [`play ${p.media.map(shortMedia).join(', ')}`],
  // A call spends a good part of its life here: it keeps a MediaPlay and a NextAfter, not a promise chain.
  start: startPlay,
  execute: executeThroughStart(startPlay),
};

function startPlay(p: PlayParams, ctx: StepContext, end: Outcome<StepResult>): void {
  ctx.playInto(ctx.renderList(p.media), { interruptible: p.interruptible }, new NextAfter(end));
}
