import type { MatchClause } from '../ir/types';
import { factValue, type CallFacts } from './facts';
import { matchString } from './matchers';

/** True when the call fact the clause reads satisfies its matcher. */
export function clauseMatches(clause: MatchClause, facts: CallFacts): boolean {
  const value = factValue(facts, clause.field);
  if (value === undefined) return false;
  if (typeof value === 'string') return matchString(clause.matcher, value);
  return value.some((v) => matchString(clause.matcher, v));
}

/** True when every clause matches (an empty list matches every call). */
export function clausesMatch(clauses: readonly MatchClause[], facts: CallFacts): boolean {
  for (const clause of clauses) if (!clauseMatches(clause, facts)) return false;
  return true;
}
