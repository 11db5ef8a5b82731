import { regexTokens } from './regex-tokens';

/**
 * The longest literal text every match of a regex must contain, or '' when
 * none can be proven: `[0-9]{3}-[0-9]{4}` gives `-`, `x\d+$` gives `x`,
 * `conference` itself. Only characters outside groups, sets and alternations
 * count, and only when nothing optional sits between them; a top-level `|`,
 * the `i` flag (case folding) and the `v` flag (nested sets) give ''. A
 * scanned route with such a literal is skipped with a cheap `includes` test
 * when the call's value lacks it, before its regex runs.
 */
export function regexRequiredLiteral(source: string, flags: string): string {
  if (/[iv]/.test(flags)) return '';
  const tokens = regexTokens(source);
  if (!tokens || tokens.some((t) => t.kind === 'alt')) return '';
  let best = '';
  let run = '';
  for (const t of tokens) {
    if (t.kind === 'char' && t.min >= 1) run += t.char;
    // Anything but a plain single character ends the run of adjacent required characters.
    if (t.kind !== 'char' || t.quantified) {
      if (run.length > best.length) best = run;
      run = '';
    }
  }
  return run.length > best.length ? run : best;
}
