import { compileRegex } from '../../src/routing/matchers';
import type { prng } from './prng';

type Rnd = ReturnType<typeof prng>;

/** A small regex syntax tree: enough to write random regexes and sample strings they match. */
type Node =
  | { kind: 'char'; c: string }
  | { kind: 'digit' }
  | { kind: 'set'; chars: string[]; source: string }
  | { kind: 'any' }
  | { kind: 'group'; alts: Node[][]; capture: boolean }
  | { kind: 'repeat'; node: Node; min: number; max: number; source: string };

export interface RandomRegex {
  readonly source: string;
  readonly flags: string;
  /** A string the regex matches, by the syntax tree ({@link matchingSample} checks it against RegExp). */
  sample(): string;
}

const SPECIAL = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);

/**
 * A random regex over `alphabet`: literals (escaped when special), `\d`, sets,
 * `.`, groups with alternation, and quantifiers (`?`, `*`, `+`, `{n}`,
 * `{n,m}`, lazy or not), optionally anchored, with random flags.
 */
export function randomRegex(rnd: Rnd, alphabet: readonly string[], flagChoices: readonly string[] = ['', '', '', 'i', 'm', 's', 'u', 'g', 'y', 'v', 'd']): RandomRegex {
  const atom = (depth: number): Node => {
    const roll = rnd.int(100);
    if (roll < 55) return { kind: 'char', c: rnd.pick(alphabet) };
    if (roll < 68) return { kind: 'digit' };
    if (roll < 80) {
      const a = rnd.pick(alphabet);
      const b = rnd.pick(alphabet);
      const range = /[0-9]/.test(a) && /[0-9]/.test(b) && a < b;
      const chars = range ? Array.from({ length: b.charCodeAt(0) - a.charCodeAt(0) + 1 }, (_, i) => String.fromCharCode(a.charCodeAt(0) + i)) : [...new Set([a, b])];
      const source = range ? `[${a}-${b}]` : `[${chars.map(escapeInSet).join('')}]`;
      return { kind: 'set', chars, source };
    }
    if (roll < 84) return { kind: 'any' };
    if (depth > 1) return { kind: 'char', c: rnd.pick(alphabet) };
    const alts = Array.from({ length: 1 + rnd.int(3) }, () => seq(depth + 1, 3));
    return { kind: 'group', alts, capture: rnd.chance(0.5) };
  };
  const repeat = (node: Node): Node => {
    const roll = rnd.int(100);
    const lazy = rnd.chance(0.2) ? '?' : '';
    if (roll < 70) return node;
    if (roll < 78) return { kind: 'repeat', node, min: 0, max: 1, source: `?${lazy}` };
    if (roll < 84) return { kind: 'repeat', node, min: 0, max: 3, source: `*${lazy}` };
    if (roll < 90) return { kind: 'repeat', node, min: 1, max: 3, source: `+${lazy}` };
    const min = rnd.int(3);
    if (rnd.chance(0.5)) return { kind: 'repeat', node, min, max: min, source: `{${min}}${lazy}` };
    const max = min + rnd.int(3);
    return { kind: 'repeat', node, min, max, source: `{${min},${max}}${lazy}` };
  };
  const seq = (depth: number, max: number): Node[] => Array.from({ length: rnd.int(max + 1) }, () => repeat(atom(depth)));

  const flags = rnd.pick(flagChoices);
  const start = rnd.chance(0.6);
  const end = rnd.chance(0.5);
  const branches = rnd.chance(0.1) ? [seq(0, 4), seq(0, 3)] : [seq(0, 5)];
  const body = branches.map((b) => b.map(print).join('')).join('|');
  const source = `${start ? '^' : ''}${body}${end ? '$' : ''}`;
  return {
    source,
    flags,
    sample: () => {
      const branch = rnd.pick(branches);
      // Unanchored ends may have anything around the match.
      const pad = (): string => Array.from({ length: rnd.int(3) }, () => rnd.pick(alphabet)).join('');
      const core = branch.map(sample).join('');
      return branches.length > 1 ? core : `${start ? '' : pad()}${core}${end ? '' : pad()}`;
    },
  };

  function sample(node: Node): string {
    switch (node.kind) {
      case 'char':
        return node.c;
      case 'digit':
        return String(rnd.int(10));
      case 'set':
        return rnd.pick(node.chars);
      case 'any':
        return rnd.pick(alphabet);
      case 'group':
        return rnd.pick(node.alts).map(sample).join('');
      case 'repeat': {
        const n = node.min + rnd.int(node.max - node.min + 1);
        return Array.from({ length: n }, () => sample(node.node)).join('');
      }
    }
  }
}

function print(node: Node): string {
  switch (node.kind) {
    case 'char':
      return SPECIAL.has(node.c) ? `\\${node.c}` : node.c;
    case 'digit':
      return '\\d';
    case 'set':
      return node.source;
    case 'any':
      return '.';
    case 'group':
      return `(${node.capture ? '' : '?:'}${node.alts.map((a) => a.map(print).join('')).join('|')})`;
    case 'repeat':
      return `${print(node.node)}${node.source}`;
  }
}

function escapeInSet(c: string): string {
  return ['\\', ']', '[', '^', '-', '/', '|', '(', ')', '{', '}', '.', '*', '+', '?', '$'].includes(c) ? `\\${c}` : c;
}

/**
 * `count` random regexes, each with its compiled RegExp; those that do not
 * compile are skipped. Lazy, so a test drawing from the same `rnd` between
 * regexes sees the same sequence as a loop would.
 */
export function* compilableRegexes(rnd: Rnd, alphabet: readonly string[], count: number, flagChoices?: readonly string[]): Generator<{ r: RandomRegex; re: RegExp }> {
  for (let n = 0; n < count; n++) {
    const r = randomRegex(rnd, alphabet, flagChoices);
    const re = compileRegex(r.source, r.flags);
    if (re) yield { r, re };
  }
}

/** A sample of `r` that the regex engine agrees it matches (throws if the sampler and the engine disagree). */
export function matchingSample(r: RandomRegex, re: RegExp): string {
  const s = r.sample();
  if (!re.test(s)) throw new Error(`sampler: /${r.source}/${r.flags} does not match ${JSON.stringify(s)}`);
  return s;
}
