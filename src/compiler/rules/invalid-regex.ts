import type { Diagnostic } from '../../diagnostics/diagnostic';
import { at, type Rule } from './rule';

const FLAGS = /^(?!.*(.).*\1)[imsu]*$/;

/** INVALID_REGEX: a matcher or rewrite regex that does not compile, or uses flags other than i, m, s, u. */
export const invalidRegexRule: Rule = {
  name: 'invalid-regex',
  check(app) {
    const out: Diagnostic[] = [];
    for (const { matcher, source } of app.matchers) {
      if (matcher.kind !== 'regex') continue;
      if (!FLAGS.test(matcher.flags)) {
        out.push(at('INVALID_REGEX', `regex flags "${matcher.flags}" are not allowed`, source, { hint: 'Use any of i, m, s and u, each once (g and y make matching stateful).' }));
        continue;
      }
      try {
        new RegExp(matcher.source, matcher.flags);
      } catch (err) {
        out.push(at('INVALID_REGEX', (err instanceof Error ? err.message : String(err)).replace(/^Invalid regular expression: /, 'invalid regex: '), source));
      }
    }
    return out;
  },
};
