import { parseSource } from '../../src/parse/parse-source';

const TEXT = `routes:
  - name: support
    extension: "1000"
    flow: support
flows:
  support:
    - answer
    - say:
        text: Hello
  alias: &steps [hangup]
  other: *steps
`;

describe('YAML parsing', () => {
  const { document, diagnostics } = parseSource('flows/a.yaml', TEXT);

  it('returns the plain value', () => {
    expect(diagnostics).toEqual([]);
    expect(document?.format).toBe('yaml');
    expect(document?.value).toEqual({
      routes: [{ name: 'support', extension: '1000', flow: 'support' }],
      flows: { support: ['answer', { say: { text: 'Hello' } }], alias: ['hangup'], other: ['hangup'] },
    });
  });

  it('locates values, keys and list items (1-based)', () => {
    expect(document?.locate(['routes', 0])).toEqual({ line: 2, column: 5 });
    expect(document?.locate(['routes', 0, 'flow'])).toEqual({ line: 4, column: 11 });
    expect(document?.locate(['routes', 0, 'flow'], { key: true })).toEqual({ line: 4, column: 5 });
    expect(document?.locate(['flows', 'support', 1, 'say', 'text'])).toEqual({ line: 9, column: 15 });
    expect(document?.locate([])).toEqual({ line: 1, column: 1 });
  });

  it('falls back to the nearest existing parent for missing paths', () => {
    expect(document?.locate(['routes', 0, 'metadata', 'queue'])).toEqual({ line: 2, column: 5 });
    expect(document?.locate(['routes', 7])).toEqual({ line: 2, column: 3 });
  });

  it('follows aliases to their anchor', () => {
    expect(document?.locate(['flows', 'other', 0])).toEqual({ line: 10, column: 18 });
  });

  it('reports syntax errors once per line with their position', () => {
    const r = parseSource('f.yaml', 'a: 1\nb: [1, 2\nc: 3\n');
    expect(r.document).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['YAML_SYNTAX', 'error', expect.any(Number)]]);
  });

  it('reports duplicate keys as DUPLICATE_KEY at the second key', () => {
    const r = parseSource('f.yaml', 'flows:\n  a: []\n  a: []\n');
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['DUPLICATE_KEY', 3, 3]]);
  });

  it('refuses several documents in one file', () => {
    const r = parseSource('f.yaml', 'a: 1\n---\nb: 2\n');
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['YAML_SYNTAX', 2]]);
  });

  it('gives null for an empty file', () => {
    expect(parseSource('f.yml', '# nothing\n').document?.value).toBeNull();
  });
});
