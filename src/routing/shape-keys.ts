import type { CharRange, SimplePattern } from './asterisk-pattern';

/** Leading sets larger than this are not spelled out (`X`, all ten digits, narrows nothing among digits). */
const MAX_SET = 8;
/** At most this many keys from spelling out sets, per shape. */
const MAX_EXPANDED = 16;
/** At most this many keys for a whole union; beyond, sets are not spelled out. */
const MAX_KEYS = 64;

/** The keys a union of shapes can be filed under. */
export interface ShapeKeys {
  /** Every string the shapes match, when they match only finitely many literal strings (at most a few dozen). */
  readonly exact?: readonly string[];
  /** Prefixes at least one of which starts every match ('' when none is known). */
  readonly prefixes: readonly string[];
  /** The one length every match has, if there is one. */
  readonly length?: number;
}

/**
 * Keys for the strings a union of shapes matches. Each shape gives its
 * literal prefix, with small leading sets spelled out (`_[2-8]XXX.` gives the
 * prefixes 2 to 8, `^1[2-9]\d{9}$` 12 to 19); a shape with nothing but
 * literals and small sets and no open tail spells out every string it
 * matches, and when every shape does, those strings are the exact keys.
 */
export function shapeKeys(shapes: readonly SimplePattern[]): ShapeKeys {
  let spelled = spellAll(shapes, MAX_EXPANDED);
  if (spelled.prefixes.size > MAX_KEYS) spelled = spellAll(shapes, 1);
  const { prefixes, allExact } = spelled;
  const lengths = new Set(shapes.map((s) => (s.tail === 'end' ? s.classes.length : -1)));
  const length = lengths.size === 1 && !lengths.has(-1) ? [...lengths][0] : undefined;
  const values = [...prefixes];
  return {
    ...(allExact ? { exact: values } : {}),
    prefixes: values,
    ...(length !== undefined ? { length } : {}),
  };
}

function spellAll(shapes: readonly SimplePattern[], maxExpanded: number): { prefixes: Set<string>; allExact: boolean } {
  const prefixes = new Set<string>();
  let allExact = shapes.length > 0;
  for (const shape of shapes) {
    const { keys, complete } = spell(shape.classes, maxExpanded);
    if (!complete || shape.tail !== 'end') allExact = false;
    for (const k of keys) prefixes.add(k);
  }
  return { prefixes, allExact };
}

/** Spells out a shape's leading literals and small sets: the keys, and whether they cover every class. */
function spell(classes: readonly (readonly CharRange[])[], maxExpanded: number): { keys: string[]; complete: boolean } {
  let keys = [''];
  for (const cls of classes) {
    const size = setSize(cls);
    if (size === 1) {
      const c = String.fromCharCode(cls[0][0]);
      keys = keys.map((k) => k + c);
      continue;
    }
    if (size > MAX_SET || keys.length * size > maxExpanded) return { keys, complete: false };
    const chars = setChars(cls);
    keys = keys.flatMap((k) => chars.map((c) => k + c));
  }
  return { keys, complete: true };
}

function setSize(cls: readonly CharRange[]): number {
  let n = 0;
  for (const [lo, hi] of cls) n += hi - lo + 1;
  return n;
}

function setChars(cls: readonly CharRange[]): string[] {
  const out: string[] = [];
  for (const [lo, hi] of cls) for (let c = lo; c <= hi; c++) out.push(String.fromCharCode(c));
  return out;
}
