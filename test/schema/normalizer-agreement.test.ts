import Ajv2020 from 'ajv/dist/2020';
import { normalizeCondition } from '../../src/compiler/normalize-condition';
import { normalizeMatcher } from '../../src/compiler/normalize-matcher';
import { CompileSink } from '../../src/compiler/sink';
import { parseSource } from '../../src/parse/parse-source';
import { flowSchema } from '../../src/schema/flow-schema';

// The compiler checks matchers and conditions by hand (for precise messages);
// the published schema describes them for editors. They must agree.

const schema = flowSchema([], 'editor');
const ajv = new Ajv2020({ strict: false });
const defs = schema.$defs as Record<string, object>;
const validMatcher = ajv.compile({ $defs: defs, $ref: '#/$defs/matcher' });
const validCondition = ajv.compile({ $defs: defs, $ref: '#/$defs/condition' });

function sink(): CompileSink {
  const doc = parseSource('x.json', '{}').document;
  if (!doc) throw new Error('no document');
  return new CompileSink(doc);
}

const matchers: unknown[] = [
  '1000',
  '_1XXX',
  { exact: '1' },
  { prefix: '+1' },
  { suffix: '0' },
  { regex: '^1', flags: 'i' },
  { pattern: '1XXX' },
  { prefx: '1' },
  { prefix: '1', suffix: '2' },
  { prefix: 1 },
  { exact: '1', flags: 'i' },
  {},
  1000,
  null,
  ['1'],
];

const conditions: unknown[] = [
  'vars.a == "1"',
  { all: ['vars.a', { not: 'vars.b' }] },
  { any: ['vars.a'] },
  { all: [] },
  { all: 'vars.a' },
  { not: { calendar: 'office' } },
  { calendar: 'office', is: 'holiday' },
  { calendar: 'office', is: 'later' },
  { value: '{{ vars.a }}', equals: '1' },
  { value: '{{ vars.a }}', in: ['1', '2'] },
  { value: '{{ vars.a }}', regex: '^1', flags: 'i' },
  { value: '{{ vars.a }}' },
  { value: '{{ vars.a }}', equals: '1', prefix: '2' },
  { value: '{{ vars.a }}', in: [] },
  { all: ['vars.a'], any: ['vars.b'] },
  { some: [] },
  { calendar: 'office', extra: 1 },
  true,
  3,
];

describe('hand-written normalisers agree with the published schema', () => {
  it.each(matchers.map((m) => [JSON.stringify(m), m]))('matcher %s', (_label, m) => {
    const s = sink();
    normalizeMatcher(m, [], s);
    expect(s.diagnostics.length === 0).toBe(validMatcher(m));
  });

  it.each(conditions.map((c) => [JSON.stringify(c), c]))('condition %s', (_label, c) => {
    const s = sink();
    normalizeCondition(c, [], s);
    expect(s.diagnostics.length === 0).toBe(validCondition(c));
  });
});

describe('normalised forms', () => {
  it('reads matchers into StringMatcher', () => {
    const read = (m: unknown): unknown => normalizeMatcher(m, [], sink());
    expect(read('1000')).toEqual({ kind: 'exact', value: '1000' });
    expect(read('_1XXX')).toEqual({ kind: 'pattern', value: '_1XXX' });
    expect(read({ pattern: '1XXX' })).toEqual({ kind: 'pattern', value: '_1XXX' });
    expect(read({ regex: '^1', flags: 'i' })).toEqual({ kind: 'regex', source: '^1', flags: 'i' });
    expect(read({ suffix: '0' })).toEqual({ kind: 'suffix', value: '0' });
  });

  it('reads conditions into ConditionIR', () => {
    const read = (c: unknown): unknown => normalizeCondition(c, [], sink());
    expect(read(' vars.a ')).toEqual({ kind: 'expr', source: 'vars.a' });
    expect(read({ not: { calendar: 'office' } })).toEqual({ kind: 'not', of: { kind: 'calendar', calendar: 'office', state: 'open' } });
    expect(read({ value: '{{ vars.a }}', in: ['1', '2'] })).toEqual({
      kind: 'any',
      of: [
        { kind: 'match', value: '{{ vars.a }}', matcher: { kind: 'exact', value: '1' } },
        { kind: 'match', value: '{{ vars.a }}', matcher: { kind: 'exact', value: '2' } },
      ],
    });
    expect(read({ value: '{{ call.extension }}', pattern: '1XX' })).toEqual({ kind: 'match', value: '{{ call.extension }}', matcher: { kind: 'pattern', value: '_1XX' } });
  });

  it('records expressions, templates, matchers and calendars for the rules', () => {
    const s = sink();
    normalizeCondition({ all: ['vars.a == "1"', { calendar: 'office' }, { value: '{{ vars.b }}', regex: '^x' }] }, ['when'], s, 'menu');
    expect(s.templates.map((t) => [t.kind, t.text, t.flowId, t.source.path])).toEqual([
      ['condition', 'vars.a == "1"', 'menu', ['when', 'all', 0]],
      ['template', '{{ vars.b }}', 'menu', ['when', 'all', 2, 'value']],
    ]);
    expect(s.calendars.map((c) => c.name)).toEqual(['office']);
    expect(s.matchers.map((m) => m.matcher)).toEqual([{ kind: 'regex', source: '^x', flags: '' }]);
  });
});
