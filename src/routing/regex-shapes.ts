import { normalizeRanges, type CharRange, type SimplePattern } from './asterisk-pattern';

/** More alternatives than this are not worth expanding: the regex keeps its literal prefix. */
const MAX_SHAPES = 64;
const MAX_REPEAT = 32;
const DIGITS: readonly CharRange[] = [[0x30, 0x39]];

type Seq = (readonly CharRange[])[];

class Unsupported extends Error {}

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
  try {
    const parser = new Parser(body);
    const seqs = parser.sequence();
    if (parser.at < body.length) return undefined;
    const tail: SimplePattern['tail'] = anchoredEnd ? 'end' : 'zero_or_more';
    return seqs.map((classes) => ({ classes, tail }));
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

class Parser {
  at = 0;

  constructor(private readonly src: string) {}

  /** A sequence of atoms up to `|`, `)` or the end: every way it can be spelled, as class sequences. */
  sequence(): Seq[] {
    let seqs: Seq[] = [[]];
    while (this.at < this.src.length) {
      const c = this.src[this.at];
      if (c === '|' || c === ')') break;
      const atom = this.atom();
      seqs = concat(seqs, this.repeat(atom));
    }
    return seqs;
  }

  private alternation(): Seq[] {
    const out: Seq[] = [...this.sequence()];
    while (this.src[this.at] === '|') {
      this.at++;
      out.push(...this.sequence());
      if (out.length > MAX_SHAPES) throw new Unsupported();
    }
    return out;
  }

  private atom(): Seq[] {
    const c = this.src[this.at];
    if (c === '(') {
      this.at++;
      if (this.src[this.at] === '?') {
        // Only plain non-capturing groups; lookarounds and named groups are out.
        if (this.src[this.at + 1] !== ':') throw new Unsupported();
        this.at += 2;
      }
      const alts = this.alternation();
      if (this.src[this.at] !== ')') throw new Unsupported();
      this.at++;
      return alts;
    }
    if (c === '[') return [[this.charClass()]];
    if (c === '\\') {
      const d = this.src[this.at + 1];
      this.at += 2;
      if (d === 'd') return [[DIGITS]];
      // \w, \b, \1, \u0041, \cX...: other classes, assertions, references and code escapes are out.
      if (d === undefined || /[A-Za-z0-9]/.test(d)) throw new Unsupported();
      return [[single(d)]];
    }
    // `.`, anchors in the middle, stray quantifiers and Annex B literal brackets are out.
    if ('.^$*+?{}[]|()'.includes(c)) throw new Unsupported();
    this.at++;
    return [[single(c)]];
  }

  private charClass(): CharRange[] {
    const src = this.src;
    let i = this.at + 1;
    if (src[i] === '^' || src[i] === ']') throw new Unsupported();
    const ranges: CharRange[] = [];
    while (i < src.length && src[i] !== ']') {
      const lo = classAtom(src, i);
      i += lo.width;
      if (src[i] === '-' && i + 1 < src.length && src[i + 1] !== ']') {
        const hi = classAtom(src, i + 1);
        if (lo.code < 0 || hi.code < 0 || hi.code < lo.code) throw new Unsupported();
        ranges.push([lo.code, hi.code]);
        i += 1 + hi.width;
      } else if (lo.code < 0) {
        ranges.push(...DIGITS);
      } else {
        ranges.push([lo.code, lo.code]);
      }
    }
    if (src[i] !== ']') throw new Unsupported();
    this.at = i + 1;
    return normalizeRanges(ranges);
  }

  /** Applies a quantifier after an atom, if any: `?`, `{n}` or `{n,m}` expand into alternatives; `*`, `+`, `{n,}` are out. */
  private repeat(atom: Seq[]): Seq[] {
    const src = this.src;
    const c = src[this.at];
    let min = 1;
    let max = 1;
    if (c === '?') {
      min = 0;
      this.at++;
    } else if (c === '{') {
      const m = /^\{(\d+)(?:,(\d+))?\}/.exec(src.slice(this.at));
      if (!m) throw new Unsupported();
      min = Number(m[1]);
      max = m[2] === undefined ? min : Number(m[2]);
      if (max > MAX_REPEAT || min > max) throw new Unsupported();
      this.at += m[0].length;
    } else if (c === '*' || c === '+') {
      throw new Unsupported();
    } else {
      return atom;
    }
    // A lazy quantifier matches the same strings.
    if (src[this.at] === '?') this.at++;
    const out: Seq[] = [];
    let run: Seq[] = [[]];
    for (let n = 0; n <= max; n++) {
      if (n >= min) out.push(...run);
      if (out.length > MAX_SHAPES) throw new Unsupported();
      if (n < max) run = concat(run, atom);
    }
    return out;
  }
}

/** A character inside a set: its code, or -1 for `\d`. */
function classAtom(src: string, i: number): { code: number; width: number } {
  const c = src[i];
  if (c !== '\\') return { code: src.charCodeAt(i), width: 1 };
  const d = src[i + 1];
  if (d === 'd') return { code: -1, width: 2 };
  // Inside a set `\b` is a backspace and `\-` a dash; keep to the escapes that are plainly the character.
  if (d === undefined || /[A-Za-z0-9]/.test(d)) throw new Unsupported();
  return { code: src.charCodeAt(i + 1), width: 2 };
}

function single(c: string): CharRange[] {
  return [[c.charCodeAt(0), c.charCodeAt(0)]];
}

function concat(left: Seq[], right: Seq[]): Seq[] {
  if (left.length * right.length > MAX_SHAPES) throw new Unsupported();
  const out: Seq[] = [];
  for (const a of left) for (const b of right) out.push([...a, ...b]);
  return out;
}

function isEscaped(source: string, at: number): boolean {
  let n = 0;
  for (let i = at - 1; i >= 0 && source[i] === '\\'; i--) n++;
  return n % 2 === 1;
}
