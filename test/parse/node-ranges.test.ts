import { nodeRanges, type NodeRanges, type Span } from '../../src/parse/node-ranges';

const slice = (text: string, span: Span | undefined): string | undefined => (span ? text.slice(span.start, span.end) : undefined);

/** What an entry's spans hold, as text. */
function texts(text: string, ranges: NodeRanges, path: (string | number)[]): Record<string, string | undefined> {
  const e = ranges.get(path);
  return { kind: e?.kind, key: slice(text, e?.key), keyText: slice(text, e?.keyText), value: slice(text, e?.value), valueText: slice(text, e?.valueText) };
}

describe('node ranges: YAML', () => {
  const text = `routes:
  - name: "support"
    flow: support   # comment
flows:
  support:
    - answer
    - goto:
    - { say: 'hi {{ x }}' }
`;
  const ranges = nodeRanges(text, 'yaml');

  it('reads the value and every node\'s key and value spans, quotes kept out of the text spans', () => {
    expect(ranges.clean).toBe(true);
    expect(ranges.value).toEqual({ routes: [{ name: 'support', flow: 'support' }], flows: { support: ['answer', { goto: null }, { say: 'hi {{ x }}' }] } });
    expect(texts(text, ranges, ['routes', 0, 'name'])).toEqual({ kind: 'scalar', key: 'name', keyText: 'name', value: '"support"', valueText: 'support' });
    expect(texts(text, ranges, ['routes', 0, 'flow'])).toMatchObject({ value: 'support', valueText: 'support' });
    expect(texts(text, ranges, ['flows', 'support'])).toMatchObject({ kind: 'seq', key: 'support' });
    expect(texts(text, ranges, ['flows', 'support', 2, 'say'])).toMatchObject({ key: 'say', value: "'hi {{ x }}'", valueText: 'hi {{ x }}' });
  });

  it('marks a key with nothing after it as empty', () => {
    expect(ranges.get(['flows', 'support', 1, 'goto'])).toMatchObject({ kind: 'empty' });
  });

  it('finds the deepest node at an offset, on its key or its value', () => {
    const hitValue = ranges.at(text.indexOf('flow: support') + 8);
    expect(hitValue?.entry.path).toEqual(['routes', 0, 'flow']);
    expect(hitValue?.on).toBe('value');
    const hitKey = ranges.at(text.indexOf('answer') - 10);
    expect(hitKey).toMatchObject({ on: 'key', entry: { path: ['flows', 'support'] } });
    // Right after the last character counts: where a cursor sits after typing.
    expect(ranges.at(text.indexOf('answer') + 6)?.entry.path).toEqual(['flows', 'support', 0]);
  });

  it('keeps the nodes of a file with a syntax error', () => {
    const broken = `flows:\n  menu:\n    - answer\n    - say: "unterminated\n`;
    const r = nodeRanges(broken, 'yaml');
    expect(r.clean).toBe(false);
    expect(r.get(['flows', 'menu', 0])?.kind).toBe('scalar');
  });
});

describe('node ranges: JSON', () => {
  const text = `{
  "routes": [{ "extension": "1000", "flow": "menu" }],
  "flows": { "menu": ["answer"] }
}`;
  const ranges = nodeRanges(text, 'json');

  it('reads keys and values without their quotes', () => {
    expect(texts(text, ranges, ['routes', 0, 'flow'])).toMatchObject({ key: '"flow"', keyText: 'flow', value: '"menu"', valueText: 'menu' });
    expect(texts(text, ranges, ['flows', 'menu'])).toMatchObject({ kind: 'seq', keyText: 'menu', value: '["answer"]' });
  });
});

describe('node ranges: TOML', () => {
  const text = `default = "menu"   # the menu

[[routes]]
name = "support"
match.number = { prefix = "+1" }
flow = 'support'

[[routes]]
flow = "sales"

[routes.metadata]
queue = "sales"

[flows.menu]
steps = [
  "answer",
  { goto = { label = "top", max = 3 } },
]

[flows."with space"]
description = """
two
lines"""
steps = ["hangup"]
`;
  const ranges = nodeRanges(text, 'toml');

  it('reads the same value as smol-toml', () => {
    expect(ranges.clean).toBe(true);
    expect(ranges.value).toMatchObject({ default: 'menu', routes: [{ name: 'support', flow: 'support' }, { flow: 'sales', metadata: { queue: 'sales' } }] });
  });

  it('gives key = value lines, dotted keys and table headers their spans', () => {
    expect(texts(text, ranges, ['default'])).toMatchObject({ kind: 'scalar', key: 'default', value: '"menu"', valueText: 'menu' });
    expect(texts(text, ranges, ['routes', 0, 'flow'])).toMatchObject({ value: "'support'", valueText: 'support' });
    expect(texts(text, ranges, ['routes', 0, 'match'])).toMatchObject({ key: 'match' });
    expect(texts(text, ranges, ['routes', 0, 'match', 'number', 'prefix'])).toMatchObject({ valueText: '+1' });
    expect(texts(text, ranges, ['routes', 1, 'metadata', 'queue'])).toMatchObject({ valueText: 'sales' });
    expect(texts(text, ranges, ['flows', 'menu'])).toMatchObject({ kind: 'map', key: 'menu', keyText: 'menu' });
    expect(texts(text, ranges, ['flows', 'with space'])).toMatchObject({ key: '"with space"', keyText: 'with space' });
  });

  it('reaches into inline arrays and tables', () => {
    expect(texts(text, ranges, ['flows', 'menu', 'steps', 0])).toMatchObject({ value: '"answer"', valueText: 'answer' });
    expect(texts(text, ranges, ['flows', 'menu', 'steps', 1, 'goto', 'label'])).toMatchObject({ key: 'label', valueText: 'top' });
    expect(ranges.at(text.indexOf('"top"') + 2)?.entry.path).toEqual(['flows', 'menu', 'steps', 1, 'goto', 'label']);
  });

  it('skips a line it cannot read and keeps the rest', () => {
    const broken = `[flows.menu]\nsteps = ["answer"]\nthis is not toml\n[flows.other]\nsteps = ["hangup"]\n`;
    const r = nodeRanges(broken, 'toml');
    expect(r.clean).toBe(false);
    expect(r.value).toEqual({ flows: { menu: { steps: ['answer'] }, other: { steps: ['hangup'] } } });
    expect(texts(broken, r, ['flows', 'other', 'steps', 0])).toMatchObject({ valueText: 'hangup' });
  });
});
