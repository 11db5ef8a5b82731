import { SchemaValidator } from '../../src/schema/schema-validator';

const root = {
  $defs: {
    id: { type: 'string', pattern: '^[a-z]+$', description: 'An id.' },
    steps: { type: 'array', items: { type: 'string' } },
  },
  type: 'object',
  properties: {
    name: { type: 'string', description: 'A name.' },
    level: { enum: ['low', 'high'] },
    size: { type: 'integer', minimum: 1 },
    default: { description: 'An id or steps.', anyOf: [{ $ref: '#/$defs/id' }, { $ref: '#/$defs/steps' }] },
    target: {
      description: 'Exactly one target.',
      type: 'object',
      properties: { flow: { type: 'string' }, steps: { type: 'array' }, reject: { type: 'object' } },
      oneOf: [{ required: ['flow'] }, { required: ['steps'] }, { required: ['reject'] }],
      additionalProperties: false,
    },
    play: {
      oneOf: [
        { type: 'string', pattern: '^sound:' },
        { type: 'object', properties: { media: { type: 'string' }, interruptible: { type: 'boolean' } }, required: ['media'], additionalProperties: false },
      ],
    },
    prompt: {
      anyOf: [
        { type: 'object', properties: { play: { type: 'string' } }, required: ['play'], additionalProperties: false },
        { type: 'object', properties: { say: { type: 'string' } }, required: ['say'], additionalProperties: false },
      ],
    },
    options: { type: 'object', propertyNames: { pattern: '^[0-9]+$' }, additionalProperties: { type: 'array' } },
  },
  additionalProperties: false,
};

const v = new SchemaValidator(root);
const problems = (data: unknown): [string, string, string][] => v.validate(data).map((p) => [p.code, JSON.stringify(p.path), p.message]);

describe('explainErrors', () => {
  it('is empty for valid data', () => {
    expect(v.validate({ name: 'x', default: 'abc', target: { flow: 'a' }, play: 'sound:x', prompt: { say: 'hi' }, options: { '1': [] } })).toEqual([]);
  });

  it('reports unknown keys at the key, with a did-you-mean hint', () => {
    const [p] = v.validate({ nme: 'x' });
    expect(p).toMatchObject({ code: 'SCHEMA_UNKNOWN_PROPERTY', path: ['nme'], atKey: true, hint: 'Did you mean "name"?' });
  });

  it('maps type, enum and range errors', () => {
    expect(problems({ name: 1, level: 'hgh', size: 0 })).toEqual([
      ['SCHEMA_TYPE', '["name"]', 'expected a string, got an integer'],
      ['SCHEMA_VALUE', '["level"]', '"hgh" is not one of "low" or "high"'],
      ['SCHEMA_VALUE', '["size"]', '0 must be >= 1'],
    ]);
    expect(v.validate({ level: 'hgh' })[0].hint).toBe('Did you mean "high"?');
  });

  it('explains only the branch of a union the value was meant for', () => {
    expect(problems({ default: ['a', 2] })).toEqual([['SCHEMA_TYPE', '["default",1]', 'expected a string, got an integer']]);
    expect(problems({ default: 'ABC' })).toEqual([['SCHEMA_VALUE', '["default"]', '"ABC" does not have the expected form']]);
    expect(problems({ play: { media: 'sound:x', interruptable: true } })).toEqual([['SCHEMA_UNKNOWN_PROPERTY', '["play","interruptable"]', 'unknown key "interruptable"']]);
    expect(problems({ prompt: { say: 3 } })).toEqual([['SCHEMA_TYPE', '["prompt","say"]', 'expected a string, got an integer']]);
  });

  it('says which forms were expected when the type fits none', () => {
    expect(problems({ default: 3 })).toEqual([['SCHEMA_TYPE', '["default"]', 'expected a string or a list, got an integer']]);
  });

  it('names the keys a oneOf of required keys wants', () => {
    expect(problems({ target: {} })).toEqual([['SCHEMA_MISSING_PROPERTY', '["target"]', 'needs one of "flow", "steps" or "reject"']]);
    expect(problems({ target: { flow: 'a', reject: {} } })).toEqual([['SCHEMA_INVALID', '["target"]', 'give only one of "flow" or "reject"']]);
  });

  it('keeps digit-only object keys as strings and reports bad key names at the key', () => {
    expect(v.validate({ options: { '1': 'x' } })[0].path).toEqual(['options', '1']);
    expect(v.validate({ options: { a: [] } })[0]).toMatchObject({ code: 'SCHEMA_VALUE', path: ['options', 'a'], atKey: true });
  });
});
