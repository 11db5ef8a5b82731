/** An inclusive range of UTF-16 code units. */
export type CharRange = readonly [lo: number, hi: number];

/**
 * A pattern as a fixed sequence of character classes followed by a tail:
 * `end` (nothing more), `one_or_more` (Asterisk `.`) or `zero_or_more` (`!`).
 * Exact strings and prefixes are the same shape, which is what lets
 * {@link ../routing/subsume} compare them with patterns.
 */
export interface SimplePattern {
  /** One entry per position; each a sorted list of disjoint, non-adjacent ranges. */
  readonly classes: readonly (readonly CharRange[])[];
  readonly tail: 'end' | 'one_or_more' | 'zero_or_more';
}

export type PatternParseResult =
  | { readonly ok: true; readonly regex: RegExp; readonly literalPrefix: string; readonly shape: SimplePattern }
  | { readonly ok: false; readonly message: string; readonly offset: number };

const DIGITS: readonly CharRange[] = [[0x30, 0x39]];
const WILDCARDS: Readonly<Record<string, readonly CharRange[]>> = {
  X: DIGITS,
  x: DIGITS,
  Z: [[0x31, 0x39]],
  z: [[0x31, 0x39]],
  N: [[0x32, 0x39]],
  n: [[0x32, 0x39]],
};

/**
 * Parses an Asterisk dialplan extension pattern the way Asterisk's default
 * (non-trie) matcher reads it:
 * - a leading `_` makes it a pattern; without it the whole text is literal;
 * - `X` is 0-9, `Z` 1-9, `N` 2-9 (either case);
 * - `[...]` is a set of literal characters and `a-b` ranges (everything up to
 *   the first `]`; a `-` first or last is literal; `[]` is ignored);
 * - `.` is one or more of anything, `!` zero or more (both only at the end);
 * - `-` and spaces outside a set are separators and ignored;
 * - every other character is literal (case-sensitive).
 * `/` (Asterisk's caller-id separator) is refused: match the number instead.
 * The regex is anchored and tests the raw value.
 */
export function parseAsteriskPattern(pattern: string): PatternParseResult {
  const isPattern = pattern.startsWith('_');
  const classes: CharRange[][] = [];
  let tail: SimplePattern['tail'] = 'end';
  let tailAt = -1;
  for (let i = isPattern ? 1 : 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '-' || c === ' ') continue;
    if (tailAt >= 0) {
      return fail(`"${pattern[tailAt]}" matches the rest of the value, so nothing may follow it`, i);
    }
    if (!isPattern) {
      classes.push([[c.charCodeAt(0), c.charCodeAt(0)]]);
      continue;
    }
    if (c === '/') return fail('"/" separates a caller-id match in Asterisk; match the number field instead', i);
    if (c === '.' || c === '!') {
      tail = c === '.' ? 'one_or_more' : 'zero_or_more';
      tailAt = i;
      continue;
    }
    const wildcard = WILDCARDS[c];
    if (wildcard) {
      classes.push([...wildcard]);
      continue;
    }
    if (c === '[') {
      const set = parseSet(pattern, i);
      if (!set.ok) return set;
      if (set.ranges.length > 0) classes.push(set.ranges);
      i = set.end;
      continue;
    }
    classes.push([[c.charCodeAt(0), c.charCodeAt(0)]]);
  }
  if (classes.length === 0 && tail === 'end') return fail('the pattern is empty', 0);
  const shape: SimplePattern = { classes, tail };
  return { ok: true, regex: new RegExp(shapeToRegexSource(shape)), literalPrefix: literalPrefixOf(shape), shape };
}

function fail(message: string, offset: number): PatternParseResult {
  return { ok: false, message, offset };
}

type SetResult = { ok: true; ranges: CharRange[]; end: number } | { ok: false; message: string; offset: number };

function parseSet(pattern: string, open: number): SetResult {
  const close = pattern.indexOf(']', open + 1);
  if (close < 0) return { ok: false, message: 'a "[" set is not closed with "]"', offset: open };
  const ranges: CharRange[] = [];
  for (let j = open + 1; j < close; j++) {
    const lo = pattern.charCodeAt(j);
    if (j + 2 < close && pattern[j + 1] === '-') {
      const hi = pattern.charCodeAt(j + 2);
      if (hi < lo) return { ok: false, message: `the range "${pattern.slice(j, j + 3)}" is reversed and matches nothing`, offset: j };
      ranges.push([lo, hi]);
      j += 2;
    } else {
      ranges.push([lo, lo]);
    }
  }
  return { ok: true, ranges: normalizeRanges(ranges), end: close };
}

/** Sorts ranges and merges overlapping or adjacent ones. */
export function normalizeRanges(ranges: readonly CharRange[]): CharRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** The shape of an exact string (`tail: end`) or a prefix (`tail: zero_or_more`). */
export function literalShape(text: string, tail: SimplePattern['tail']): SimplePattern {
  const classes: CharRange[][] = [];
  for (let i = 0; i < text.length; i++) classes.push([[text.charCodeAt(i), text.charCodeAt(i)]]);
  return { classes, tail };
}

function literalPrefixOf(shape: SimplePattern): string {
  let out = '';
  for (const cls of shape.classes) {
    if (cls.length !== 1 || cls[0][0] !== cls[0][1]) break;
    out += String.fromCharCode(cls[0][0]);
  }
  return out;
}

function shapeToRegexSource(shape: SimplePattern): string {
  let src = '^';
  for (const cls of shape.classes) {
    if (cls.length === 1 && cls[0][0] === cls[0][1]) src += escapeCode(cls[0][0]);
    else src += `[${cls.map(([lo, hi]) => (lo === hi ? escapeCode(lo) : `${escapeCode(lo)}-${escapeCode(hi)}`)).join('')}]`;
  }
  if (shape.tail === 'one_or_more') src += '[\\s\\S]+';
  else if (shape.tail === 'zero_or_more') src += '[\\s\\S]*';
  return `${src}$`;
}

function escapeCode(code: number): string {
  const c = String.fromCharCode(code);
  if (/[A-Za-z0-9]/.test(c)) return c;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * A test function for a shape that walks its classes directly. It accepts
 * exactly what the shape's regex accepts, but every pattern shares this one
 * piece of code, which keeps thousands of pattern routes cheap to verify.
 */
export function shapeTest(shape: SimplePattern): (value: string) => boolean {
  const n = shape.classes.length;
  const lo = Int32Array.from(shape.classes, (c) => c[0][0]);
  const hi = Int32Array.from(shape.classes, (c) => c[0][1]);
  const multi = shape.classes.map((c) => (c.length > 1 ? c : undefined));
  const minLen = shape.tail === 'one_or_more' ? n + 1 : n;
  const exactLen = shape.tail === 'end';
  return (value) => {
    const len = value.length;
    if (exactLen ? len !== n : len < minLen) return false;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      const ranges = multi[i];
      if (ranges === undefined) {
        if (c < lo[i] || c > hi[i]) return false;
      } else if (!ranges.some(([a, b]) => c >= a && c <= b)) {
        return false;
      }
    }
    return true;
  };
}
