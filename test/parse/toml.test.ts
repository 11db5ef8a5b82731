import { parseSource } from '../../src/parse/parse-source';

const TEXT = `default = "menu"

[[routes]]
name = "support"
extension = "1000"
flow = "support"

[[routes]]
name = "sales"
match.number = { prefix = "+1" }
flow = "sales"

[routes.metadata]
queue = "sales"

[flows.menu]
steps = ["answer", { say = "hi" }]

[flows."with space"]
description = '''
several
lines'''
steps = ["hangup"]
`;

describe('TOML parsing', () => {
  const { document, diagnostics } = parseSource('f.toml', TEXT);

  it('returns the plain value', () => {
    expect(diagnostics).toEqual([]);
    expect(document?.format).toBe('toml');
    expect((document?.value as { routes: unknown[] }).routes[1]).toEqual({ name: 'sales', match: { number: { prefix: '+1' } }, flow: 'sales', metadata: { queue: 'sales' } });
  });

  it('locates keys of tables and arrays of tables', () => {
    expect(document?.locate(['default'])).toEqual({ line: 1, column: 11 });
    expect(document?.locate(['routes', 0])).toEqual({ line: 3, column: 1 });
    expect(document?.locate(['routes', 1])).toEqual({ line: 8, column: 1 });
    expect(document?.locate(['routes', 1, 'flow'])).toEqual({ line: 11, column: 8 });
    expect(document?.locate(['routes', 1, 'flow'], { key: true })).toEqual({ line: 11, column: 1 });
    expect(document?.locate(['routes', 1, 'match', 'number'])).toEqual({ line: 10, column: 16 });
    expect(document?.locate(['routes', 1, 'metadata', 'queue'])).toEqual({ line: 14, column: 9 });
    expect(document?.locate(['flows', 'with space', 'steps'])).toEqual({ line: 23, column: 9 });
  });

  it('falls back to the key holding inline values', () => {
    expect(document?.locate(['flows', 'menu', 'steps', 1, 'say'])).toEqual({ line: 17, column: 9 });
    expect(document?.locate(['nowhere'])).toEqual({ line: 1, column: 1 });
  });

  it('reports syntax errors with their position', () => {
    const r = parseSource('f.toml', 'a = 1\nb = \nc = 2\n');
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['TOML_SYNTAX', 2, 5]]);
  });

  it('reports a key defined twice as DUPLICATE_KEY', () => {
    const r = parseSource('f.toml', 'a = 1\na = 2\n');
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['DUPLICATE_KEY', 2]]);
  });

  it('turns dates into ISO strings', () => {
    expect(parseSource('f.toml', 'd = 2026-01-02T03:04:05Z\n').document?.value).toEqual({ d: '2026-01-02T03:04:05.000Z' });
  });
});

describe('parseSource', () => {
  it('refuses other extensions', () => {
    expect(parseSource('f.txt', 'x').diagnostics.map((d) => d.code)).toEqual(['FILE_READ_ERROR']);
  });
});
