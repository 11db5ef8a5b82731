import { normalizeRanges, type CharRange, type SimplePattern } from './asterisk-pattern';

/** More alternatives than this are not worth expanding: the regex keeps its literal prefix. */
const MAX_SHAPES = 64;
const MAX_REPEAT = 32;
const DIGITS: readonly CharRange[] = [[0x30, 0x39]];

type Seq = (readonly CharRange[])[];

/**
 * The strings a `^`-anchored regex matches, as a union of pattern shapes, or
 * undefined when the regex is outside the simple subset this understands:
 * literal characters, `\d`, plain character sets (`[2-9]`, `[67]`, no `^`
 * negation), groups `(...)`/`(?:...)` with alternation inside, the
 * quantifiers `?`, `{n}` and `{n,m}`, and an optional final `$` (without it
 * the shape ends in "anything"). `^\+1(212|646)\d{7}$` gives two shapes,
 * `^(?:911|112)$` two literal ones. Flags other than `d`, `g`, `s`, `y`
 * (`i`, `m`, `u`, `v` change what characters, anchors or sets mean) give
 * undefined, as does anything else: the union must match exactly what the
 * regex matches, since the index files and verifies the route by it.
 */
export function regexShapes(source: string, flags: string): SimplePattern[] | undefined {
  if (/[^dgsy]/.test(flags) || !source.startsWith('^')) return undefined;
  const anchoredEnd = source.endsWith('$') && !isEscaped(source, source.length - 1);
  const body = anchoredEnd ? source.slice(1, -1) : source.slice(1);
  const parser = new Parser(body);
  const seqs = parser.sequence();
  if (!seqs || parser.at < body.length) return undefined;
  const tail: SimplePattern['tail'] = anchoredEnd ? 'end' : 'zero_or_more';
  return seqs.map((classes) => ({ classes, tail }));
}

// Every parsing function below returns undefined as soon as the source leaves the subset.

class Parser {
  at = 0;

  constructor(private readonly src: string) {}

  /** A sequence of atoms up to `|`, `)` or the end: every way it can be spelled, as class sequences. */
  sequence(): Seq[] | undefined {
    let seqs: Seq[] | undefined = [[]];
    while (this.at < this.src.length) {
      const c = this.src[this.at];
      if (c === '|' || c === ')') break;
      const atom = this.atom();
      const repeated = atom && this.repeat(atom);
      seqs = repeated && concat(seqs, repeated);
      if (!seqs) return undefined;
    }
    return seqs;
  }

  private alternation(): Seq[] | undefined {
    const first = this.sequence();
    if (!first) return undefined;
    const out: Seq[] = [...first];
    while (this.src[this.at] === '|') {
      this.at++;
      const next = this.sequence();
      if (!next) return undefined;
      out.push(...next);
      if (out.length > MAX_SHAPES) return undefined;
    }
    return out;
  }

  private atom(): Seq[] | undefined {
    const c = this.src[this.at];
    if (c === '(') {
      this.at++;
      if (this.src[this.at] === '?') {
        // Only plain non-capturing groups; lookarounds and named groups are out.
        if (this.src[this.at + 1] !== ':') return undefined;
        this.at += 2;
      }
      const alts = this.alternation();
      if (!alts || this.src[this.at] !== ')') return undefined;
      this.at++;
      return alts;
    }
    if (c === '[') {
      const set = this.charClass();
      return set && [[set]];
    }
    if (c === '\\') {
      const d = this.src[this.at + 1];
      this.at += 2;
      if (d === 'd') return [[DIGITS]];
      // \w, \b, \1, \u0041, \cX...: other classes, assertions, references and code escapes are out.
      if (d === undefined || /[A-Za-z0-9]/.test(d)) return undefined;
      return [[single(d)]];
    }
    // `.`, anchors in the middle, stray quantifiers and Annex B literal brackets are out.
    if ('.^$*+?{}[]|()'.includes(c)) return undefined;
    this.at++;
    return [[single(c)]];
  }

  private charClass(): CharRange[] | undefined {
    const src = this.src;
    let i = this.at + 1;
    if (src[i] === '^' || src[i] === ']') return undefined;
    const ranges: CharRange[] = [];
    while (i < src.length && src[i] !== ']') {
      const lo = classAtom(src, i);
      if (!lo) return undefined;
      i += lo.width;
      if (src[i] === '-' && i + 1 < src.length && src[i + 1] !== ']') {
        const hi = classAtom(src, i + 1);
        if (!hi || lo.code < 0 || hi.code < 0 || hi.code < lo.code) return undefined;
        ranges.push([lo.code, hi.code]);
        i += 1 + hi.width;
      } else if (lo.code < 0) {
        ranges.push(...DIGITS);
      } else {
        ranges.push([lo.code, lo.code]);
      }
    }
    if (src[i] !== ']') return undefined;
    this.at = i + 1;
    return normalizeRanges(ranges);
  }

  /** Applies a quantifier after an atom, if any: `?`, `{n}` or `{n,m}` expand into alternatives; `*`, `+`, `{n,}` are out. */
  private repeat(atom: Seq[]): Seq[] | undefined {
    const src = this.src;
    const c = src[this.at];
    let min = 1;
    let max = 1;
    if (c === '?') {
      min = 0;
      this.at++;
    } else if (c === '{') {
      const m = /^\{(\d+)(?:,(\d+))?\}/.exec(src.slice(this.at));
      if (!m) return undefined;
      min = Number(m[1]);
      max = m[2] === undefined ? min : Number(m[2]);
      if (max > MAX_REPEAT || min > max) return undefined;
      this.at += m[0].length;
    } else if (c === '*' || c === '+') {
      return undefined;
    } else {
      return atom;
    }
    // A lazy quantifier matches the same strings.
    if (src[this.at] === '?') this.at++;
    const out: Seq[] = [];
    let run: Seq[] | undefined = [[]];
    for (let n = 0; n <= max; n++) {
      if (n >= min) out.push(...run);
      if (out.length > MAX_SHAPES) return undefined;
      if (n < max) {
        run = concat(run, atom);
        if (!run) return undefined;
      }
    }
    return out;
  }
}

/** A character inside a set: its code, or -1 for `\d`. */
function classAtom(src: string, i: number): { code: number; width: number } | undefined {
  const c = src[i];
  if (c !== '\\') return { code: src.charCodeAt(i), width: 1 };
  const d = src[i + 1];
  if (d === 'd') return { code: -1, width: 2 };
  // Inside a set `\b` is a backspace and `\-` a dash; keep to the escapes that are plainly the character.
  if (d === undefined || /[A-Za-z0-9]/.test(d)) return undefined;
  return { code: src.charCodeAt(i + 1), width: 2 };
}

function single(c: string): CharRange[] {
  return [[c.charCodeAt(0), c.charCodeAt(0)]];
}

function concat(left: Seq[], right: Seq[]): Seq[] | undefined {
  if (left.length * right.length > MAX_SHAPES) return undefined;
  const out: Seq[] = [];
  for (const a of left) for (const b of right) out.push([...a, ...b]);
  return out;
}

function isEscaped(source: string, at: number): boolean {
  let n = 0;
  for (let i = at - 1; i >= 0 && source[i] === '\\'; i--) n++;
  return n % 2 === 1;
}
