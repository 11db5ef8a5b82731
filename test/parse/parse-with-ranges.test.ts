import { readFileSync } from 'node:fs';
import { nodeRanges } from '../../src/parse/node-ranges';
import { parseSource } from '../../src/parse/parse-source';
import { parseWithRanges } from '../../src/parse/parse-with-ranges';
import { flowFile } from '../compiler/golden-workload';
import { repositoryFiles } from './repository-files';

// The language server takes a file's node ranges from the compile's parse of
// its text; they must be those `nodeRanges` reads on its own.

describe('parseWithRanges', () => {
  it('gives the parse result and the node ranges of every clean YAML text', () => {
    const texts = repositoryFiles(/\.ya?ml$/).map((f) => readFileSync(f, 'utf8'));
    for (let i = 0; i < 16; i++) texts.push(flowFile(i));
    let withRanges = 0;
    for (const text of texts) {
      const { result, ranges } = parseWithRanges('x.yaml', text);
      const alone = parseSource('x.yaml', text);
      expect(result.diagnostics).toEqual(alone.diagnostics);
      expect(result.document?.value).toEqual(alone.document?.value);
      if (!ranges) {
        expect(result.document).toBeUndefined();
        continue;
      }
      withRanges++;
      const want = nodeRanges(text, 'yaml');
      const got = ranges();
      expect([got.value, got.clean, got.entries]).toEqual([want.value, want.clean, want.entries]);
      expect(ranges()).toBe(got);
    }
    expect(withRanges).toBeGreaterThan(40);
  });

  it('leaves the ranges of broken texts and other formats to nodeRanges', () => {
    expect(parseWithRanges('x.yaml', 'a: [1\n').ranges).toBeUndefined();
    expect(parseWithRanges('x.yaml', 'a: 1\na: 2\n').ranges).toBeUndefined();
    expect(parseWithRanges('x.toml', 'a = 1\n').ranges).toBeUndefined();
    expect(parseWithRanges('x.toml', 'a = 1\n').result.document?.value).toEqual({ a: 1 });
  });
});
