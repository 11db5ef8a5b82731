import { readFileSync } from 'node:fs';
import type { JsonPath } from '../../src/core/json-path';
import { LineIndex } from '../../src/parse/line-index';
import { nodeRanges } from '../../src/parse/node-ranges';
import { parseSource } from '../../src/parse/parse-source';
import { flowFile } from '../compiler/golden-workload';
import { repositoryFiles } from './repository-files';

// Parsing keeps each node's start instead of the YAML document; every path
// must still be located where the document's node ranges (node-ranges.ts,
// which walks the document itself) put its value and its key.

/** Checks every node of a text; returns how many paths were compared. */
function check(text: string, name: string): number {
  const parsed = parseSource(name, text);
  if (!parsed.document) return 0;
  const ranges = nodeRanges(text, 'yaml');
  const lines = new LineIndex(text);
  let compared = 0;
  for (const entry of ranges.entries) {
    const where = (p: JsonPath, key?: boolean): string => `${name} ${JSON.stringify(p)}${key ? ' (key)' : ''}`;
    if (entry.value && entry.value.end > entry.value.start) {
      expect([where(entry.path), parsed.document.locate(entry.path)]).toEqual([where(entry.path), lines.position(entry.value.start)]);
      // A missing key below points at its parent.
      expect([where([...entry.path, 'missing']), parsed.document.locate([...entry.path, 'missing'])]).toEqual([where([...entry.path, 'missing']), lines.position(entry.value.start)]);
      compared++;
    }
    if (entry.key) {
      expect([where(entry.path, true), parsed.document.locate(entry.path, { key: true })]).toEqual([where(entry.path, true), lines.position(entry.key.start)]);
      compared++;
    }
  }
  return compared;
}

describe('locating paths from the node starts kept after parsing', () => {
  it('finds every node of the repository files where the YAML document has it', () => {
    const files = repositoryFiles(/\.(ya?ml|json)$/);
    let compared = 0;
    for (const f of files) compared += check(readFileSync(f, 'utf8'), f.endsWith('.json') ? 'x.json' : 'x.yaml');
    expect(compared).toBeGreaterThan(1000);
  });

  it('finds every node of the generated flow files', () => {
    for (let i = 0; i < 16; i++) expect(check(flowFile(i), 'x.yaml')).toBeGreaterThan(20);
  });

  it('follows aliases, recursive ones included, and stops at what is missing', () => {
    const { document } = parseSource('a.yaml', 'a: &x\n  b: [1, *x]\nc: *x\nd:\ne: [1, 2]\n');
    expect(document?.locate(['c', 'b', 1])).toEqual({ line: 2, column: 3 });
    expect(document?.locate(['e', 1])).toEqual({ line: 5, column: 8 });
    expect(document?.locate(['a', 'b', 1, 'b', 0])).toEqual({ line: 2, column: 7 });
    expect(document?.locate(['d', 'x'])).toEqual({ line: 4, column: 3 });
    expect(document?.locate(['e', 5])).toEqual({ line: 5, column: 4 });
    expect(document?.locate(['e', '1'])).toEqual({ line: 5, column: 4 });
    expect(document?.locate(['e', 1.5])).toEqual({ line: 5, column: 4 });
    expect(document?.locate(['missing'], { key: true })).toEqual({ line: 1, column: 1 });
    expect(parseSource('empty.yaml', '').document?.locate(['a'])).toEqual({ line: 1, column: 1 });
  });
});
