import { clauseMatches } from '../../src/routing/clause-match';
import { callFacts, factValue } from '../../src/routing/facts';
import { compileRegex, describeMatcher, matchString } from '../../src/routing/matchers';
import { clause, exact, pattern, prefix, regex, suffix } from './route-builders';

describe('matchString', () => {
  it('compares exact, prefix, suffix, regex and pattern forms', () => {
    expect(matchString(exact('1000'), '1000')).toBe(true);
    expect(matchString(exact('1000'), '10000')).toBe(false);
    expect(matchString(prefix('+1'), '+12125551234')).toBe(true);
    expect(matchString(prefix('+1'), '1212')).toBe(false);
    expect(matchString(suffix('0'), '+2650')).toBe(true);
    expect(matchString(regex('^1[2-9][0-9]{9}$'), '12125551234')).toBe(true);
    expect(matchString(regex('^1[2-9][0-9]{9}$'), '11125551234')).toBe(false);
    expect(matchString(regex('^sales$', 'i'), 'SALES')).toBe(true);
    expect(matchString(pattern('_1XXX'), '1234')).toBe(true);
    expect(matchString(pattern('_1XXX'), '2234')).toBe(false);
  });

  it('never matches with a regex or pattern that does not compile', () => {
    expect(matchString(regex('('), '(')).toBe(false);
    expect(matchString(pattern('_[12'), '1')).toBe(false);
  });

  it('compiles each regex once and drops the stateful g and y flags', () => {
    const re = compileRegex('^1', 'g');
    expect(re).toBe(compileRegex('^1', 'g'));
    expect(re?.flags).toBe('');
    // With a kept "g" flag, the second test would start at lastIndex 1 and fail.
    expect(matchString(regex('^1', 'g'), '1')).toBe(true);
    expect(matchString(regex('^1', 'g'), '1')).toBe(true);
  });

  it('describes matchers the way explain prints them', () => {
    expect(describeMatcher(exact('1000'))).toBe('exact "1000"');
    expect(describeMatcher(regex('^1', 'i'))).toBe('regex /^1/i');
    expect(describeMatcher(pattern('_1XXX'))).toBe('pattern _1XXX');
  });
});

describe('clauseMatches over call facts', () => {
  const facts = callFacts({
    extension: '1000',
    number: '+265888111111',
    callerName: 'Alice',
    args: ['inbound', 'vip'],
    vars: { TIER: 'gold', EMPTY: '' },
    headers: { 'X-Campaign': 'spring' },
  });

  it('reads each field', () => {
    expect(clauseMatches(clause('caller_name', prefix('Al')), facts)).toBe(true);
    expect(clauseMatches(clause('var.TIER', exact('gold')), facts)).toBe(true);
    expect(clauseMatches(clause('var.EMPTY', exact('')), facts)).toBe(true);
    expect(clauseMatches(clause('header.X-Campaign', exact('spring')), facts)).toBe(true);
  });

  it('matches args when any argument matches', () => {
    expect(clauseMatches(clause('args', exact('vip')), facts)).toBe(true);
    expect(clauseMatches(clause('args', exact('outbound')), facts)).toBe(false);
    expect(clauseMatches(clause('args', prefix('')), callFacts())).toBe(false);
  });

  it('reads headers case-insensitively and variables case-sensitively', () => {
    expect(clauseMatches(clause('header.x-campaign', exact('spring')), facts)).toBe(true);
    expect(clauseMatches(clause('var.tier', exact('gold')), facts)).toBe(false);
  });

  it('never matches a fact that is not set, even with a match-all matcher', () => {
    expect(factValue(facts, 'var.MISSING')).toBeUndefined();
    expect(clauseMatches(clause('var.MISSING', prefix('')), facts)).toBe(false);
    expect(clauseMatches(clause('header.X-Missing', pattern('_!')), facts)).toBe(false);
    // Inherited object keys are not variables.
    expect(clauseMatches(clause('var.constructor', prefix('')), facts)).toBe(false);
  });
});
