import type { MatchClause, MatchField } from '../ir/types';
import { factValue, type CallFacts } from './facts';
import { compileMatcher, type StringTest } from './matchers';

/** A compiled clause: tests one call. */
export type ClauseTest = (facts: CallFacts) => boolean;

/** Compiles a clause: its field reader and its matcher, bound once. */
export function compileClause(clause: MatchClause): ClauseTest {
  const test = compileMatcher(clause.matcher);
  const field = clause.field;
  switch (field) {
    case 'extension':
      return (facts) => test(facts.extension);
    case 'number':
      return (facts) => test(facts.number);
    case 'caller_name':
      return (facts) => test(facts.callerName);
    case 'args':
      return (facts) => facts.args.some(test);
    default:
      return (facts) => testValue(test, factValue(facts, field as MatchField));
  }
}

function testValue(test: StringTest, value: string | readonly string[] | undefined): boolean {
  if (value === undefined) return false;
  return typeof value === 'string' ? test(value) : value.some(test);
}

/** True when the fact the clause reads satisfies its matcher (a fact that is not set matches nothing). */
export function clauseMatches(clause: MatchClause, facts: CallFacts): boolean {
  return testValue(compileMatcher(clause.matcher), factValue(facts, clause.field));
}

/** True when every clause matches (an empty list matches every call). */
export function clausesMatch(clauses: readonly MatchClause[], facts: CallFacts): boolean {
  for (const clause of clauses) if (!clauseMatches(clause, facts)) return false;
  return true;
}
