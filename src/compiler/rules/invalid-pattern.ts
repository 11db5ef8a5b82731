import type { Diagnostic } from '../../diagnostics/diagnostic';
import { parseAsteriskPattern } from '../../routing/asterisk-pattern';
import { at, type Rule } from './rule';

/** INVALID_PATTERN: an Asterisk pattern (`_1XXX`) that does not parse. */
export const invalidPatternRule: Rule = {
  name: 'invalid-pattern',
  check(app) {
    const out: Diagnostic[] = [];
    for (const { matcher, source } of app.matchers) {
      if (matcher.kind !== 'pattern') continue;
      const parsed = parseAsteriskPattern(matcher.value);
      if (!parsed.ok) out.push(at('INVALID_PATTERN', `pattern "${matcher.value}": ${parsed.message} (character ${parsed.offset + 1})`, source));
    }
    return out;
  },
};
