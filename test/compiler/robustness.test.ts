import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { compileApp } from '../../src/compiler/compile-app';
import { parseSource } from '../../src/parse/parse-source';

// Nothing a user writes may crash the compiler: mutate a valid app at random
// places (seeded, so every run is the same) and compile each variant.

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const base = {
  ...(YAML.parse(readFileSync(path.join(__dirname, '../fixtures/valid/yaml/flows/10-routes.yaml'), 'utf8')) as object),
  ...(YAML.parse(readFileSync(path.join(__dirname, '../fixtures/valid/yaml/flows/20-flows.yaml'), 'utf8')) as object),
};

function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

const WEIRD: unknown[] = [null, 0, -1, 1.5, true, '', 'x', '{{', '_[', '5 seconds', [], [null], {}, { x: 1 }, ['answer', 'answer'], { answer: { x: 1 } }, [[]], 'goto'];

describe('compiler robustness', () => {
  it('never throws, and places every diagnostic, on 250 mutated apps', () => {
    const rand = prng(7);
    const all = paths(base).filter((p) => p.length > 0);
    for (let i = 0; i < 250; i++) {
      const value = structuredClone(base) as Record<string, unknown>;
      const target = all[Math.floor(rand() * all.length)];
      let parent: Record<string | number, unknown> = value;
      for (const seg of target.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
      const last = target[target.length - 1];
      if (rand() < 0.2) delete parent[last];
      else parent[last] = structuredClone(WEIRD[Math.floor(rand() * WEIRD.length)]);
      const { document } = parseSource('m.json', JSON.stringify(value, null, 1));
      if (!document) throw new Error('mutated JSON should still parse');
      const settings = { queuesContext: 'q', calendars: { office: {} }, maxStepsPerCall: 10, maxCallDepth: 2 };
      const result = compileApp({ name: 'm', settings, documents: [document], files: ['m.json'], absoluteFiles: [], diagnostics: [] });
      for (const d of result.diagnostics) {
        expect(d.file).toBe('m.json');
        expect(d.line).toBeGreaterThan(0);
      }
    }
  });
});
