import type { MatchClause, RouteIR, StringMatcher } from '../ir/types';
import { clausesMatch } from './clause-match';
import { callFacts, type CallFacts } from './facts';
import { compilePattern } from './matchers';
import type { RouteIndex } from './route-index';
import { matchesSubsume } from './subsume';

/**
 * The routes before `route` (in resolution order) whose clauses match every
 * call it matches, i.e. the candidates for SHADOWED_ROUTE/DUPLICATE_ROUTE.
 * Instead of comparing with every earlier route, it builds one call the route
 * matches (a witness) and compares only with the routes the index proposes
 * for that call: any route that covers this one must match the witness too.
 * Routes whose clauses give no witness (regexes) are compared with all
 * earlier routes. `when` conditions are left to the caller.
 */
export function subsumingRoutes(index: RouteIndex, route: RouteIR): RouteIR[] {
  const rank = index.rankOf(route);
  if (rank < 0) return [];
  const witness = witnessFacts(route.match);
  const pool = witness ? index.candidates(witness) : index.routes.slice(0, rank);
  return pool.filter((earlier) => index.rankOf(earlier) < rank && matchesSubsume(earlier.match, route.match));
}

/** A call that satisfies every clause, or undefined when none can be built cheaply. */
export function witnessFacts(clauses: readonly MatchClause[]): CallFacts | undefined {
  let extension = '';
  let number = '';
  let callerName = '';
  const args: string[] = [];
  const vars: Record<string, string> = {};
  const headers: Record<string, string> = {};
  const seen = new Set<string>();
  for (const { field, matcher } of clauses) {
    const value = witnessValue(matcher);
    if (value === undefined) return undefined;
    if (field === 'args') {
      args.push(value);
      continue;
    }
    // A second clause on a field must accept the first one's value (checked below).
    if (seen.has(field)) continue;
    seen.add(field);
    if (field === 'extension') extension = value;
    else if (field === 'number') number = value;
    else if (field === 'caller_name') callerName = value;
    else if (field.startsWith('var.')) vars[field.slice(4)] = value;
    else headers[field.slice(7)] = value;
  }
  const facts = callFacts({ extension, number, callerName, args, vars, headers });
  return clausesMatch(clauses, facts) ? facts : undefined;
}

function witnessValue(matcher: StringMatcher): string | undefined {
  switch (matcher.kind) {
    case 'exact':
    case 'prefix':
    case 'suffix':
      return matcher.value;
    case 'regex':
      return undefined;
    case 'pattern': {
      const parsed = compilePattern(matcher.value);
      if (!parsed.ok) return undefined;
      const fixed = parsed.shape.classes.map((c) => String.fromCharCode(c[0][0])).join('');
      return parsed.shape.tail === 'one_or_more' ? `${fixed}0` : fixed;
    }
  }
}
