import { promptSchema } from '../../src/steps/prompt';
import { STEP_REGISTRY, stepDefinition, stepLookup } from '../../src/steps/registry';
import { MEDIA_SCHEMA } from '../../src/steps/schema-helpers';
import type { JsonSchema } from '../../src/steps/step-definition';
import { validateStep, validateStepValue } from './support/schema';

/** The `$defs` src/steps defines for the flow schema: `media` and `prompt`. */
const STEP_SHARED_DEFS: Record<'media' | 'prompt', JsonSchema> = { media: MEDIA_SCHEMA, prompt: promptSchema(stepLookup()) };

const EXPECTED = [
  'answer', 'hangup', 'play', 'say', 'listen_dtmf', 'menu', 'set', 'if', 'switch', 'label', 'goto', 'call', 'return',
  'transfer_to_queue', 'wait', 'log', 'set_channel_var', 'continue_in_dialplan', 'send_dtmf', 'hold', 'dial', 'record', 'http',
];

/** Walks a schema, calling `visit` with each sub-schema and where it sits. */
function walk(schema: unknown, where: string, visit: (s: JsonSchema, where: string) => void): void {
  if (typeof schema !== 'object' || schema === null) return;
  const s = schema as JsonSchema;
  visit(s, where);
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const list = s[key];
    if (Array.isArray(list)) list.forEach((sub, i) => walk(sub, `${where}/${key}/${i}`, visit));
  }
  if (typeof s.items === 'object') walk(s.items, `${where}/items`, visit);
  if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${where}/additionalProperties`, visit);
  const props = s.properties as Record<string, unknown> | undefined;
  if (props) for (const [k, v] of Object.entries(props)) walk(v, `${where}/properties/${k}`, visit);
}

describe('STEP_REGISTRY', () => {
  it('is an array with one definition per step type', () => {
    expect(Array.isArray(STEP_REGISTRY)).toBe(true);
    expect(STEP_REGISTRY.map((d) => d.type)).toEqual(EXPECTED);
    expect(stepDefinition('menu')?.type).toBe('menu');
    expect(stepDefinition('dial')?.type).toBe('dial');
    expect(stepDefinition('fax')).toBeUndefined();
  });

  it('describes every step and every property, and closes every object', () => {
    const problems: string[] = [];
    const schemas: [string, JsonSchema][] = [...STEP_REGISTRY.map((d): [string, JsonSchema] => [d.type, d.schema]), ...Object.entries(STEP_SHARED_DEFS)];
    for (const [name, schema] of schemas) {
      walk(schema, name, (s, where) => {
        if (s.type === 'object' && s.additionalProperties === undefined) problems.push(`${where}: object without additionalProperties`);
        const props = s.properties as Record<string, JsonSchema> | undefined;
        for (const [k, v] of Object.entries(props ?? {})) if (typeof v.description !== 'string' || v.description === '') problems.push(`${where}/${k}: no description`);
      });
      if (typeof schema.description !== 'string') problems.push(`${name}: no description`);
    }
    for (const d of STEP_REGISTRY) if (d.description.length < 10) problems.push(`${d.type}: description too short`);
    expect(problems).toEqual([]);
  });

  it('compiles every fragment with ajv in strict mode', () => {
    for (const d of STEP_REGISTRY) expect(() => validateStepValue(d, null)).not.toThrow();
  });

  it('marks bare steps and only those accept a null value', () => {
    const bare = STEP_REGISTRY.filter((d) => d.bare).map((d) => d.type);
    expect(bare).toEqual(['answer', 'hangup', 'return', 'hold']);
    for (const d of STEP_REGISTRY) expect({ type: d.type, valid: validateStepValue(d, null).valid }).toEqual({ type: d.type, valid: d.bare === true });
  });

  it('accepts the SPEC menu example and rejects unknown steps and keys', () => {
    const example = [
      'answer',
      {
        menu: {
          prompt: { say: 'Press 1 for sales, 2 for support, 0 for an agent.' },
          timeout: '5s',
          attempts: 3,
          options: {
            '1': [{ transfer_to_queue: 'sales' }],
            '2': [{ transfer_to_queue: '{{ metadata.queue }}' }],
            '0': [{ transfer_to_queue: 'agents' }],
          },
          invalid: [{ say: 'Invalid choice, please try again.' }],
          exhausted: [{ play: 'sound:vm-nobodyavail' }, 'hangup'],
        },
      },
    ];
    for (const step of example) expect(validateStep(step)).toBe(true);
    expect(validateStep('dial')).toBe(false);
    expect(validateStep({ play: 'sound:x', say: 'two keys' })).toBe(false);
    expect(validateStep({ menu: { options: {}, colour: 'red' } })).toBe(false);
  });

  it('reports ends-list and written variables from params', () => {
    const ends = (type: string, params: unknown): boolean => stepDefinition(type)?.endsList?.(params) ?? false;
    expect(ends('hangup', { cause: 'normal' })).toBe(true);
    expect(ends('goto', { label: 'top' })).toBe(true);
    expect(ends('goto', { label: 'top', max: 3 })).toBe(false);
    expect(ends('return', {})).toBe(true);
    expect(ends('transfer_to_queue', { queue: 'sales' })).toBe(true);
    expect(ends('continue_in_dialplan', { context: 'a', extension: 's' })).toBe(true);
    expect(ends('play', { media: ['sound:x'], interruptible: false })).toBe(false);
    expect(ends('call', { flow: 'x' })).toBe(false);
  });
});
