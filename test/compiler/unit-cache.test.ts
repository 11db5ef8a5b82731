import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { compileProject } from '../../src/compiler/compile-project';
import { UnitCache } from '../../src/compiler/unit-cache';
import { loadProject, type FlowParser } from '../../src/config/load-project';
import { readText } from '../../src/config/read-text';
import { parseSource } from '../../src/parse/parse-source';
import type { ParseResult } from '../../src/parse/source-document';
import { goldenProject } from './golden-workload';
import { prng } from '../routing/prng';

// The language server compiles with a cache of normalised files and keeps
// the parsed documents of unchanged texts; after any series of edits its
// diagnostics must be those of a compile from scratch.

const EDITS: ((text: string, rand: () => number) => string)[] = [
  // Another route (the later files' generated names and orders shift).
  (t) => t.replace('routes:\n', 'routes:\n  - extension: "9"\n    flow: nowhere\n'),
  // One route less.
  (t) => t.replace(/\n {2}- name: p\d+\n {4}extension: \{ prefix: "\d+" \}\n {4}priority: \d\n {4}flow: f\d+/, ''),
  // A misspelt step (a broken step: unknowns change).
  (t) => t.replace('- answer', '- answr'),
  // A file that does not parse any more.
  (t) => `${t}  oops: [\n`,
  // A line dropped anywhere.
  (t, rand) => {
    const lines = t.split('\n');
    lines.splice(Math.floor(rand() * lines.length), 1);
    return lines.join('\n');
  },
  // A default (a second one for the app).
  (t) => `${t}default: f0\n`,
];

describe('compiling with a unit cache gives what a compile from scratch gives', () => {
  let dir: string;
  beforeAll(() => {
    dir = goldenProject(12);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('over a series of edits in several files', async () => {
    const rand = prng(5).next;
    const overlay = new Map<string, string>();
    const cache = new UnitCache();
    const parsed = new Map<string, { text: string; result: ParseResult }>();
    const parse: FlowParser = (absolute, display, text) => {
      const known = parsed.get(absolute);
      if (known?.text === text) return known.result;
      const result = parseSource(display, text);
      parsed.set(absolute, { text, result });
      return result;
    };
    const read = async (absolute: string, display: string) => (overlay.has(absolute) ? { text: overlay.get(absolute) } : readText(absolute, display));
    const files = ['shop/g001.yaml', 'shop/g002.yaml', 'shop/g004.yaml', 'shop/g007.yaml', 'shop/t01.toml', 'desk/main.yaml'].map((f) => path.join(dir, f));
    let compared = 0;
    for (let round = 0; round < 40; round++) {
      const file = files[Math.floor(rand() * files.length)];
      const before = overlay.get(file) ?? readFileSync(file, 'utf8');
      overlay.set(file, rand() < 0.15 ? readFileSync(file, 'utf8') : EDITS[Math.floor(rand() * EDITS.length)](before, rand));
      const cached = compileProject(await loadProject({ cwd: dir, env: {}, readText: read, parse }), undefined, undefined, { snapshots: false, cache });
      const fresh = compileProject(await loadProject({ cwd: dir, env: {}, readText: read }));
      expect(JSON.stringify(cached.diagnostics)).toBe(JSON.stringify(fresh.diagnostics));
      expect(cached.apps.map((a) => [a.name, a.files])).toEqual(fresh.apps.map((a) => [a.name, a.files]));
      compared += fresh.diagnostics.length;
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('leaves out the snapshot only when asked', async () => {
    const loaded = await loadProject({ cwd: dir, env: {} });
    const clean = (r: ReturnType<typeof compileProject>) => r.apps.find((a) => a.name === 'clean');
    expect(clean(compileProject(loaded))?.snapshot).toBeDefined();
    expect(clean(compileProject(loaded, undefined, undefined, { snapshots: false }))?.snapshot).toBeUndefined();
  });
});
