import { parseSource } from '../../src/parse/parse-source';
import { jsonErrorOffset } from '../../src/parse/json-error-offset';

describe('JSON parsing', () => {
  it('parses strictly and locates values', () => {
    const { document, diagnostics } = parseSource('f.json', '{\n  "flows": {\n    "main": ["answer", {"say": "hi"}]\n  }\n}\n');
    expect(diagnostics).toEqual([]);
    expect(document?.format).toBe('json');
    expect(document?.value).toEqual({ flows: { main: ['answer', { say: 'hi' }] } });
    expect(document?.locate(['flows', 'main', 1, 'say'])).toEqual({ line: 3, column: 32 });
    expect(document?.locate(['flows', 'main', 1, 'say'], { key: true })).toEqual({ line: 3, column: 25 });
  });

  it.each([
    ['a trailing comma', '{\n  "a": 1,\n}\n', 3, 1],
    ['a missing colon', '{\n  "a" 1\n}', 2, 7],
    ['an unclosed list', '[1, 2', 1, 6],
    ['YAML syntax', 'a: 1\n', 1, 1],
  ])('reports %s as JSON_SYNTAX with line and column', (_what, text, line, column) => {
    const r = parseSource('f.json', text);
    expect(r.document).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['JSON_SYNTAX', line, column]]);
  });

  it('reports duplicate keys, which JSON.parse would merge silently', () => {
    const r = parseSource('f.json', '{\n  "a": 1,\n  "a": 2\n}\n');
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['DUPLICATE_KEY', 3, 3]]);
  });
});

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a": 1}', undefined],
    ['[1, -2.5e3, "x\\u00e9", true, false, null, {}]', undefined],
    ['a: 1', 0],
    ['{"a": tru}', 9],
    ['{"a": 1} x', 9],
    ['{"a": 01}', 7],
    ['[1,,2]', 3],
    ['"abc', 4],
    ['{"a":"\u0001"}', 6],
  ])('%j → %p', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });
});
