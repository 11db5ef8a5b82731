import { regexTokens, type RegexToken } from './regex-tokens';

/**
 * The literal text every match of a `^`-anchored regex must start with, or ''
 * when none can be proven: `^\+1(212|646)\d{7}$` gives `+1`. Unanchored
 * regexes, the `i`, `m` and `v` flags, and top-level alternation give ''.
 * This lets such regexes live in the prefix trie instead of being scanned.
 */
export function regexLiteralPrefix(source: string, flags: string): string {
  const tokens = plainTokens(source, flags);
  if (!tokens || tokens[0]?.kind !== 'start' || tokens[0].quantified) return '';
  let out = '';
  for (const t of tokens.slice(1)) {
    if (t.kind !== 'char') break;
    if (t.quantified) {
      // `2+` and `2{2}` still start with a 2; `2?` and `2*` may not.
      if (t.min >= 1) out += t.char;
      break;
    }
    out += t.char;
  }
  return out;
}

/**
 * The literal text every match of a `$`-anchored regex must end with, or ''
 * when none can be proven: `@example\.com$` gives `@example.com`. The `i`,
 * `m` and `v` flags and top-level alternation give ''.
 */
export function regexLiteralSuffix(source: string, flags: string): string {
  const tokens = plainTokens(source, flags);
  const last = tokens?.[tokens.length - 1];
  if (!tokens || last?.kind !== 'end' || last.quantified) return '';
  let out = '';
  for (let i = tokens.length - 2; i >= 0; i--) {
    const t = tokens[i];
    if (t.kind !== 'char' || t.quantified) break;
    out = t.char + out;
  }
  return out;
}

/** The top-level pieces, or undefined when flags or alternation keep anchored literals from being proven. */
function plainTokens(source: string, flags: string): RegexToken[] | undefined {
  if (/[imv]/.test(flags)) return undefined;
  const tokens = regexTokens(source);
  return tokens && !tokens.some((t) => t.kind === 'alt') ? tokens : undefined;
}
