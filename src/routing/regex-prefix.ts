const SPECIAL = new Set(['.', '^', '$', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '\\']);
const OPTIONAL_QUANTIFIER = new Set(['*', '?', '{']);

/**
 * The literal text every match of a `^`-anchored regex must start with, or ''
 * when none can be proven: `^\+1(212|646)\d{7}$` gives `+1`. Unanchored
 * regexes, the `i` and `m` flags, and top-level alternation give ''.
 * This lets such regexes live in the prefix trie instead of being scanned.
 */
export function regexLiteralPrefix(source: string, flags: string): string {
  if (!source.startsWith('^') || /[im]/.test(flags) || hasTopLevelAlternation(source)) return '';
  let out = '';
  let i = 1;
  while (i < source.length) {
    let literal: string;
    let width: number;
    const c = source[i];
    if (c === '\\') {
      const d = source[i + 1];
      // \d, \w, \1, \u0041, \p{..}: classes, backreferences and code escapes end the literal part.
      if (d === undefined || /[A-Za-z0-9]/.test(d)) break;
      literal = d;
      width = 2;
    } else if (SPECIAL.has(c)) {
      break;
    } else {
      literal = c;
      width = 1;
    }
    if (OPTIONAL_QUANTIFIER.has(source[i + width])) break;
    out += literal;
    i += width;
  }
  return out;
}

/**
 * The literal text every match of a `$`-anchored regex must end with, or ''
 * when none can be proven: `@example\.com$` gives `@example.com`. The `i`
 * and `m` flags and top-level alternation give ''.
 */
export function regexLiteralSuffix(source: string, flags: string): string {
  if (/[im]/.test(flags) || !source.endsWith('$') || isEscaped(source, source.length - 1) || hasTopLevelAlternation(source)) return '';
  let out = '';
  let i = source.length - 2;
  while (i >= 0) {
    const c = source[i];
    if (isEscaped(source, i)) {
      // \d, \b, \1...: classes, assertions and backreferences end the literal part.
      if (/[A-Za-z0-9]/.test(c)) break;
      out = c + out;
      i -= 2;
    } else if (SPECIAL.has(c)) {
      break;
    } else {
      out = c + out;
      i -= 1;
    }
  }
  return out;
}

/** True when the character at `at` is escaped (an odd run of backslashes before it). */
function isEscaped(source: string, at: number): boolean {
  let n = 0;
  for (let i = at - 1; i >= 0 && source[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
    } else if (c === '|' && depth === 0) {
      return true;
    }
  }
  return false;
}
