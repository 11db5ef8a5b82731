/** One top-level piece of a regex source, as the literal extractors see it. */
export interface RegexToken {
  readonly kind: 'char' | 'other' | 'alt' | 'start' | 'end';
  /** The character a `char` token matches. */
  readonly char: string;
  /** Fewest times the piece must occur (1 unless quantified). */
  readonly min: number;
  readonly quantified: boolean;
}

/**
 * Splits a regex source into top-level pieces: plain characters (including
 * escaped punctuation such as `\+`), `^`, `$`, `|`, and everything else as
 * opaque pieces (groups, sets, `.`, and escapes that are classes,
 * assertions, references or character codes: `\d`, `\b`, `\1`, `\x41`,
 * `\cJ`, `\u{1F600}`, `\k<name>`; the letters and digits after an escape
 * that takes an argument are swallowed with it, which may only hide a
 * literal, never invent one). Each piece carries its quantifier. Undefined
 * when the source has something this reading could get wrong: a stray `)`,
 * `]`, `}` or quantifier, a `{` that is not a quantifier (Annex B reads it
 * literally), or an unclosed group or set.
 */
export function regexTokens(source: string): RegexToken[] | undefined {
  const tokens: RegexToken[] = [];
  const n = source.length;
  let i = 0;
  while (i < n) {
    const c = source[i];
    let kind: RegexToken['kind'] = 'other';
    let char = '';
    let end = i + 1;
    if (c === '\\') {
      const d = source[i + 1];
      if (d === undefined) return undefined;
      if (isAlnum(d)) {
        end = i + 2;
        // Escapes with an argument (\cJ, \x41, \u0041, \p{L}, \k<n>, \12) swallow what may belong to it.
        if (/[cxupPk0-9]/.test(d)) while (end < n && isAlnum(source[end])) end++;
        if (/[upPk]/.test(d) && (source[end] === '{' || source[end] === '<')) {
          const close = source.indexOf(source[end] === '{' ? '}' : '>', end);
          if (close < 0) return undefined;
          end = close + 1;
        }
      } else {
        kind = 'char';
        char = d;
        end = i + 2;
      }
    } else if (c === '[') {
      const close = setEnd(source, i);
      if (close < 0) return undefined;
      end = close + 1;
    } else if (c === '(') {
      const close = groupEnd(source, i);
      if (close < 0) return undefined;
      end = close + 1;
    } else if (c === '|') {
      kind = 'alt';
    } else if (c === '^') {
      kind = 'start';
    } else if (c === '$') {
      kind = 'end';
    } else if (c === ')' || c === ']' || c === '}' || c === '*' || c === '+' || c === '?' || c === '{') {
      return undefined;
    } else if (c !== '.') {
      kind = 'char';
      char = c;
    }
    const q = quantifierAt(source, end);
    if (q === undefined) return undefined;
    tokens.push({ kind, char, min: q.min, quantified: q.width > 0 });
    i = end + q.width;
  }
  return tokens;
}

function isAlnum(c: string): boolean {
  return /[A-Za-z0-9]/.test(c);
}

/** The quantifier at `at` (width 0 when there is none), or undefined for a `{` that is not one. */
function quantifierAt(source: string, at: number): { min: number; width: number } | undefined {
  const c = source[at];
  let min: number;
  let width: number;
  if (c === '*' || c === '?') {
    min = 0;
    width = 1;
  } else if (c === '+') {
    min = 1;
    width = 1;
  } else if (c === '{') {
    const m = /^\{(\d+)(?:,\d*)?\}/.exec(source.slice(at, at + 24));
    if (!m) return undefined;
    min = Number(m[1]);
    width = m[0].length;
  } else {
    return { min: 1, width: 0 };
  }
  // A lazy quantifier matches the same strings.
  if (source[at + width] === '?') width++;
  return { min, width };
}

/** Index of the `]` closing the set opened at `open`, or -1. */
function setEnd(source: string, open: number): number {
  for (let i = open + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return -1;
}

/** Index of the `)` closing the group opened at `open`, or -1. */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      const close = setEnd(source, i);
      if (close < 0) return -1;
      i = close;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
