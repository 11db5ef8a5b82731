import type { StringMatcher } from '../ir/types';
import { parseAsteriskPattern, shapeTest, type PatternParseResult } from './asterisk-pattern';

// Route sets are finite, but conditions may be re-created on reload: bound the caches.
const CACHE_LIMIT = 10_000;
const regexCache = new Map<string, RegExp | null>();
const patternCache = new Map<string, PatternParseResult>();

/**
 * Compiles a regex once per source and flags. The stateful flags `g` and `y`
 * are dropped so `test` never depends on a previous call (`keepGlobal` keeps
 * `g` for String.replace, which resets it itself). Undefined when the regex
 * does not compile (the validator reports it; at run time it never matches).
 */
export function compileRegex(source: string, flags: string, keepGlobal = false): RegExp | undefined {
  const used = flags.replace(keepGlobal ? /y/g : /[gy]/g, '');
  const key = `${used}/${source}`;
  let re = regexCache.get(key);
  if (re === undefined) {
    try {
      re = new RegExp(source, used);
    } catch {
      re = null;
    }
    if (regexCache.size >= CACHE_LIMIT) regexCache.clear();
    regexCache.set(key, re);
  }
  return re ?? undefined;
}

/** Parses an Asterisk pattern once per text. */
export function compilePattern(value: string): PatternParseResult {
  let parsed = patternCache.get(value);
  if (!parsed) {
    parsed = parseAsteriskPattern(value);
    if (patternCache.size >= CACHE_LIMIT) patternCache.clear();
    patternCache.set(value, parsed);
  }
  return parsed;
}

/** A compiled matcher: tests one string. */
export type StringTest = (value: string) => boolean;

const NEVER: StringTest = () => false;
const compiledTests = new WeakMap<StringMatcher, StringTest>();

/**
 * Compiles a matcher into a test function, once per matcher object (the IR
 * is frozen, so identity is a safe key). Invalid regexes and patterns never match.
 */
export function compileMatcher(matcher: StringMatcher): StringTest {
  let test = compiledTests.get(matcher);
  if (!test) {
    test = buildTest(matcher);
    compiledTests.set(matcher, test);
  }
  return test;
}

function buildTest(matcher: StringMatcher): StringTest {
  switch (matcher.kind) {
    case 'exact': {
      const v = matcher.value;
      return (value) => value === v;
    }
    case 'prefix': {
      const v = matcher.value;
      return (value) => value.startsWith(v);
    }
    case 'suffix': {
      const v = matcher.value;
      return (value) => value.endsWith(v);
    }
    case 'regex': {
      const re = compileRegex(matcher.source, matcher.flags);
      return re ? (value) => re.test(value) : NEVER;
    }
    case 'pattern': {
      const parsed = compilePattern(matcher.value);
      return parsed.ok ? shapeTest(parsed.shape) : NEVER;
    }
  }
}

/** True when `value` satisfies `matcher`. Invalid regexes and patterns match nothing. */
export function matchString(matcher: StringMatcher, value: string): boolean {
  return compileMatcher(matcher)(value);
}

/** True when the matcher can match something (its regex or pattern compiles). */
export function matcherIsValid(matcher: StringMatcher): boolean {
  if (matcher.kind === 'regex') return compileRegex(matcher.source, matcher.flags) !== undefined;
  if (matcher.kind === 'pattern') return compilePattern(matcher.value).ok;
  return true;
}

/** A short human form: `exact "1000"`, `prefix "+1"`, `regex /^1/i`, `pattern _1XXX`. */
export function describeMatcher(matcher: StringMatcher): string {
  switch (matcher.kind) {
    case 'exact':
    case 'prefix':
    case 'suffix':
      return `${matcher.kind} ${JSON.stringify(matcher.value)}`;
    case 'regex':
      return `regex /${matcher.source}/${matcher.flags}`;
    case 'pattern':
      return `pattern ${matcher.value}`;
  }
}
