import type { ConditionIR, RouteIR } from '../ir/types';
import { clausesMatch } from './clause-match';
import type { CallFacts } from './facts';

/** Decides a route's `when` condition for the call at hand (calendars, expressions). */
export type WhenEvaluator = (condition: ConditionIR) => boolean;

/** Static routes in resolution order: priority (higher first), then definition order. */
export function sortRoutes(routes: readonly RouteIR[]): RouteIR[] {
  return [...routes].sort((a, b) => b.priority - a.priority || a.order - b.order);
}

/** True when the route takes the call: every clause matches, then its `when` holds. */
export function routeMatches(route: RouteIR, facts: CallFacts, evalWhen: WhenEvaluator): boolean {
  return clausesMatch(route.match, facts) && (route.when === undefined || evalWhen(route.when));
}

/**
 * The reference resolution: the first route of an already sorted list that
 * takes the call. The route index must always agree with it (see
 * test/routing/route-index-equivalence.test.ts); the bench compares against it.
 */
export function scanRoutes(sorted: readonly RouteIR[], facts: CallFacts, evalWhen: WhenEvaluator): RouteIR | undefined {
  for (const route of sorted) if (routeMatches(route, facts, evalWhen)) return route;
  return undefined;
}
