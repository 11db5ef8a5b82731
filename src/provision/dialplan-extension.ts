import type { StringMatcher } from '../ir/types';

/** Characters a literal dialplan extension may hold without Asterisk reading them differently. */
const LITERAL = /^[A-Za-z0-9+*#]{1,80}$/;
/** In a pattern these stand for themselves: digits, + * #. Letters are left out (N, X, Z are wildcards). */
const PATTERN_LITERAL = /^[0-9+*#]{1,79}$/;

/**
 * The dialplan extensions that send exactly the calls a route's `extension`
 * matcher takes, or undefined when the dialplan cannot say it (regexes,
 * suffixes, odd characters): the catch-all covers those.
 * - exact `1000` → `1000`;
 * - prefix `+44` → `+44` and `_+44.` (Asterisk's `.` is one or more);
 * - pattern `_1XXX` → itself (Voxtra reads patterns as Asterisk does).
 */
export function dialplanExtensions(matcher: StringMatcher): string[] | undefined {
  switch (matcher.kind) {
    case 'exact':
      // `-` and spaces would be dropped by Asterisk, `_` would start a pattern.
      return LITERAL.test(matcher.value) ? [matcher.value] : undefined;
    case 'prefix':
      return PATTERN_LITERAL.test(matcher.value) ? [matcher.value, `_${matcher.value}.`] : undefined;
    case 'pattern':
      return /^_[^\s;,()]+$/.test(matcher.value) ? [matcher.value] : undefined;
    case 'suffix':
    case 'regex':
      return undefined;
  }
}

/**
 * Every call that reaches the inbound context and no DID claims: numbers of
 * one or more digits, optionally with a leading +. Letters are left out on
 * purpose: Asterisk runs the `h`, `i`, `s` and `t` extensions of a context
 * itself, and a pattern matching them would send hangups into Stasis.
 */
export const CATCH_ALL_EXTENSIONS = ['_X', '_X.', '_+X.'] as const;

/** Queue names Voxtra accepts (letters, digits, _ . -; up to 64), as the queues context's extensions. */
export const QUEUE_LITERAL = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * Every other queue name a template may produce: one digit, or two or more
 * characters starting with a letter or digit. A lone letter is left out for
 * the same reason as above (`h`, `i`, `s`, `t`).
 */
export const QUEUE_CATCH_ALL = ['_[0-9]', '_[A-Za-z0-9].'] as const;
