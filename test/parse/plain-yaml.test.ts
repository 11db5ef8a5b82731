import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { JsonPath } from '../../src/core/json-path';
import { readPlainYaml } from '../../src/parse/plain-yaml';
import { plainYamlLocator } from '../../src/parse/plain-yaml-locator';
import { yamlLocator } from '../../src/parse/yaml-locator';
import { flowFile } from '../compiler/golden-workload';

// The fast reader must answer exactly what the YAML package does, or not at
// all: same value (key order included), same position for every path, and
// only for texts the package reads without an error or a warning.

const ROOT = path.resolve(__dirname, '../..');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...filesUnder(file));
    else if (/\.(ya?ml|json)$/.test(name)) out.push(file);
  }
  return out;
}

/** Same data, with key order, NaN, -0 and undefined told apart. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Every path in a value, and for each collection a missing key and a missing index below it. */
function pathsOf(value: unknown, at: (string | number)[] = [], out: JsonPath[] = []): JsonPath[] {
  out.push(at);
  if (Array.isArray(value)) {
    value.forEach((v, i) => pathsOf(v, [...at, i], out));
    out.push([...at, value.length], [...at, 'missing'], [...at, '0']);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      pathsOf(v, [...at, k], out);
      if (/^[0-9]+$/.test(k)) out.push([...at, Number(k)]);
    }
    out.push([...at, 'missing'], [...at, 0]);
  } else {
    out.push([...at, 'below'], [...at, 0]);
  }
  return out;
}

/** Checks one text; returns whether the fast reader took it. */
function check(text: string, label: string): boolean {
  const plain = readPlainYaml(text);
  if (!plain) return false;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings].map((e) => e.message);
  if (problems.length > 0) throw new Error(`${label}: read fast, but the YAML package says: ${problems.join('; ')}\n${text}`);
  const expected: unknown = doc.toJS({ maxAliasCount: 100 }) ?? null;
  if (!same(plain.value, expected)) throw new Error(`${label}: values differ\n${JSON.stringify(plain.value)}\n${JSON.stringify(expected)}\n${text}`);
  const slow = yamlLocator(doc, lines);
  const fast = plainYamlLocator(plain.root, text);
  for (const p of pathsOf(expected)) {
    for (const key of [false, true]) {
      const want = slow(p, { key });
      const got = fast(p, { key });
      if (want?.line !== got?.line || want?.column !== got?.column) {
        throw new Error(`${label}: ${JSON.stringify(p)}${key ? ' (key)' : ''} at ${JSON.stringify(got)}, the YAML package says ${JSON.stringify(want)}\n${text}`);
      }
    }
  }
  return true;
}

// A seeded PRNG so the generated texts are the same on every run.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCALARS = [
  'answer', 'sound:beep', 'Hello, world', 'a#b', 'x # comment', '"quoted: yes"', "'it''s'", '"esc \\" \\\\ \\n \\t \\u00e9 \\x41 \\/"', '12', '-3', '+4', '007', '0o17', '0x1F',
  '1.5', '.5', '1e3', '-1.5E-2', '.inf', '-.Inf', '.nan', 'true', 'False', 'TRUE', 'null', '~', 'Null', 'yes', 'no', '5s', 'http://x.example/a?b=c', '{{ vars.x }}', '"{{ metadata.q }}"',
  'a: b', 'a:b', '- x', '-x', '? x', ':x', '[a, b]', '{ a: 1 }', '[]', '{}', '"a"', "''", '""', 'é ünïcode ✓', '@at', '`tick', '%pc', '!tag x', '&anchor x', '*alias', '|', '>',
];
const KEYS = ['a', 'say', 'menu', '"1"', '1', '01', '1.5', 'true', 'null', '"with space"', "'q'", 'a b', '-k', '<<', '__proto__', 'k:', 'dup', 'dup'];

function randomDoc(rand: () => number, depth = 0, indent = 0): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const pad = ' '.repeat(indent);
  const scalar = (): string => pick(SCALARS);
  const flow = (d: number): string => {
    if (d > 2 || rand() < 0.5) return scalar();
    if (rand() < 0.5) return `[${Array.from({ length: Math.floor(rand() * 3) }, () => flow(d + 1)).join(pick([', ', ',', ' , ']))}]`;
    return `{ ${Array.from({ length: Math.floor(rand() * 3) }, () => `${pick(KEYS)}: ${flow(d + 1)}`).join(', ')} }`;
  };
  const comment = (): string => (rand() < 0.15 ? pick(['  # note', ' #x', '#bad', '']) : '');
  const blank = (): string => (rand() < 0.1 ? pick(['\n', '  \n', '# c\n', '   # c\n']) : '');
  if (depth > 3 || rand() < 0.2) return `${pad}${pick(KEYS)}: ${flow(0)}${comment()}\n`;
  const n = 1 + Math.floor(rand() * 4);
  let out = '';
  if (rand() < 0.5) {
    for (let i = 0; i < n; i++) {
      const key = pick(KEYS);
      const r = rand();
      if (r < 0.5) out += `${blank()}${pad}${key}: ${flow(0)}${comment()}\n`;
      else if (r < 0.75) out += `${blank()}${pad}${key}:${comment()}\n${randomDoc(rand, depth + 1, indent + pick([2, 2, 4, 1]))}`;
      else {
        // A sequence under the key, indented or not.
        const inner = indent + pick([0, 2, 2, 3]);
        out += `${pad}${key}:\n`;
        for (let j = 0; j < 1 + Math.floor(rand() * 3); j++) out += seqItem(rand, depth, inner, pick, flow, comment);
      }
    }
  } else {
    for (let i = 0; i < n; i++) out += seqItem(rand, depth, indent, pick, flow, comment);
  }
  return out;
}

function seqItem(rand: () => number, depth: number, indent: number, pick: <T>(xs: readonly T[]) => T, flow: (d: number) => string, comment: () => string): string {
  const pad = ' '.repeat(indent);
  const r = rand();
  if (r < 0.5) return `${pad}- ${flow(0)}${comment()}\n`;
  // A map on the item's line: its other keys line up under the first.
  const keys = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(KEYS));
  const col = indent + pick([2, 2, 3]);
  let out = `${pad}-${' '.repeat(col - indent - 1)}${keys[0]}: ${flow(0)}${comment()}\n`;
  for (const k of keys.slice(1)) {
    if (rand() < 0.3) out += `${' '.repeat(col)}${k}:\n${randomDoc(rand, depth + 2, col + 2)}`;
    else out += `${' '.repeat(col + (rand() < 0.05 ? 1 : 0))}${k}: ${flow(0)}\n`;
  }
  return out;
}

describe('readPlainYaml answers as the YAML package does', () => {
  it('on every YAML and JSON file of the repository', () => {
    const files = [...filesUnder(path.join(ROOT, 'test/fixtures')), ...filesUnder(path.join(ROOT, 'examples')), ...filesUnder(path.join(ROOT, 'flows'))];
    let taken = 0;
    for (const f of files) if (check(readFileSync(f, 'utf8'), f)) taken++;
    expect(files.length).toBeGreaterThan(100);
    // Most real files are plain YAML: the fast reader must take them, or it is not worth having.
    expect(taken / files.length).toBeGreaterThan(0.8);
  });

  it('on the generated workloads (and their lines shuffled, cut and indented)', () => {
    const rand = prng(3);
    let taken = 0;
    let total = 0;
    for (let i = 0; i < 40; i++) {
      const text = flowFile(i);
      total++;
      if (check(text, `flowFile(${i})`)) taken++;
      const lines = text.split('\n');
      for (let m = 0; m < 25; m++) {
        const copy = [...lines];
        const at = Math.floor(rand() * copy.length);
        const what = rand();
        if (what < 0.3) copy.splice(at, 1);
        else if (what < 0.6) copy[at] = ` ${copy[at]}`;
        else if (what < 0.8) copy[at] = copy[at].slice(1);
        else copy.splice(at, 0, copy[Math.floor(rand() * copy.length)]);
        total++;
        if (check(copy.join('\n'), `flowFile(${i}) mutated`)) taken++;
      }
    }
    expect(taken).toBeGreaterThan(total / 4);
  });

  it('on random texts of every construct it reads and many it must refuse', () => {
    const rand = prng(11);
    let taken = 0;
    for (let i = 0; i < 3000; i++) if (check(randomDoc(rand), `random #${i}`)) taken++;
    expect(taken).toBeGreaterThan(300);
  });

  it('on flow collections over several lines and JSON', () => {
    const texts = [
      '{\n  "a": 1,\n  "b": [1, 2, {"c": "d"}],\n  "e": {}\n}\n',
      '{"a":1,"b":[true,false,null],"c":"\\u00e9\\ud83d\\ude00"}',
      '[\n  1,\n  2\n]',
      'a: [\n    1,\n    2 ]\n',
      'a: [\n  1 ]\n',
      'a: [\n1 ]\n',
      'a: {\n    b: 1,\n    c: 2\n  }\n',
      'a: { b: 1, # note\n    c: 2 }\n',
      'a: [ 1,\n# c\n    2 ]\n',
      'a:\n  { b: 1 }\n',
      '- { a: 1,\n    b: 2 }\n',
      '- [a,\n  b]\n',
      '{ a: 1 }\n---\n',
      'a: 1\n...\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: "x\n  y"\n',
      'a: x\n  y\n',
      'a:\n  - b\n  c: d\n',
      'a:\n- b\n- c\nd: e\n',
      '- a: 1\n  b: 2\n- c\n',
      '-  a: 1\n   b:\n     - x\n',
      'a:\n\n\n  b: 1\n',
      'a: 1\n  # indented comment\nb: 2\n',
      '  a: 1\n  b: 2\n',
      'a:    1   \nb: "x"   # c\n',
      'a: b: c\n',
      'a: "b": c\n',
      "'a': b\n\"c\": d\n",
    ];
    for (const t of texts) check(t, JSON.stringify(t));
  });
});
