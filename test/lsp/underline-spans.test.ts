import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { JsonPath } from '../../src/core/json-path';
import { FileModel } from '../../src/lsp/file-model';
import { diagnosticRange } from '../../src/lsp/lsp-diagnostics';
import { defaultLanguage } from '../../src/lsp/server';
import { underlineSpans } from '../../src/parse/plain-yaml-spans';
import { flowFile } from '../compiler/golden-workload';

// A keystroke's diagnostics are underlined from the fast reader's spans
// (FileModel.underline); every underline must be the one the node ranges
// (the YAML package's document) give.

const ROOT = path.resolve(__dirname, '../..');
const language = defaultLanguage();

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...filesUnder(file));
    else if (/\.(ya?ml|json)$/.test(name)) out.push(file);
  }
  return out;
}

/** Checks every node of one text; returns whether the fast spans were used. */
function check(text: string, name: string): boolean {
  const file = path.join(ROOT, name);
  const slow = new FileModel(file, text, 'flow', language);
  const ranges = slow.ranges;
  const fast = new FileModel(file, text, 'flow', language);
  const spans = underlineSpans(text);
  const paths: JsonPath[] = ranges.entries.map((e) => e.path).filter((p) => p.length > 0);
  paths.push(...paths.slice(0, 20).flatMap((p): JsonPath[] => [[...p, 'missing'], [...p, 0], [...p, '0'], [...p, 99]]));
  for (const p of paths) {
    const entry = ranges.get(p);
    const offsets = [entry?.key?.start, entry?.value?.start, entry?.value?.end, (entry?.value?.start ?? 0) + 1].filter((o): o is number => o !== undefined && o <= text.length);
    for (const offset of offsets) {
      const at = slow.doc.positionAt(offset);
      const want = diagnosticRange(slow, p, at.line + 1, at.character + 1);
      const got = diagnosticRange(fast, p, at.line + 1, at.character + 1);
      if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${name} ${JSON.stringify(p)} at ${offset}: ${JSON.stringify(got)}, the node ranges give ${JSON.stringify(want)}\n${text}`);
    }
  }
  return spans !== undefined;
}

describe('underline spans of plain YAML', () => {
  it('underline every node of the repository files as the node ranges do', () => {
    const files = [...filesUnder(path.join(ROOT, 'test/fixtures')), ...filesUnder(path.join(ROOT, 'examples')), ...filesUnder(path.join(ROOT, 'flows'))];
    let fast = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      if (check(text, f.endsWith('.json') ? 'x.json' : 'x.yaml')) fast++;
      check(text.replace(/\n+$/, ''), f.endsWith('.json') ? 'x.json' : 'x.yaml');
      check(text.replace(/\n/g, '  # note\n'), 'x.yaml');
      check(text.replace(/\n/g, '   \n'), 'x.yaml');
    }
    expect(fast / files.length).toBeGreaterThan(0.8);
  });

  it('underline every node of the generated flow files as the node ranges do', () => {
    for (let i = 0; i < 16; i++) {
      expect(check(flowFile(i), 'x.yaml')).toBe(true);
      check(flowFile(i).replace(/\n {6}- /g, '\n      -   '), 'x.yaml');
    }
  });

  it('are not used for a text without a final line break', () => {
    expect(underlineSpans('a:\n  b: 1')).toBeUndefined();
    expect(underlineSpans('a:\n  b: 1\n')).toBeDefined();
  });
});
