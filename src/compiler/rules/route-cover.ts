import type { RouteIR } from '../../ir/types';
import { matchesSubsume, sameMatch } from '../../routing/subsume';
import { sameData } from '../canonical-json';

/** Routes in resolution order: priority (desc), then definition order. */
export function resolutionOrder(routes: readonly RouteIR[]): RouteIR[] {
  return [...routes].sort((a, b) => b.priority - a.priority || a.order - b.order);
}

/** A route and the earlier route that takes every call it would. */
export interface Cover {
  readonly route: RouteIR;
  readonly earlier: RouteIR;
  /** Same priority, same match and same `when`: the two routes are interchangeable. */
  readonly duplicate: boolean;
}

/**
 * For each route that can never win, the first earlier route (in resolution
 * order) that matches every call it matches. An earlier route with a `when`
 * covers only a route with the same `when`, since its condition may be false.
 */
export function coveredRoutes(routes: readonly RouteIR[]): Cover[] {
  const ordered = resolutionOrder(routes);
  const out: Cover[] = [];
  ordered.forEach((route, j) => {
    const earlier = ordered.slice(0, j).find((e) => (e.when === undefined || sameData(e.when, route.when)) && matchesSubsume(e.match, route.match));
    if (!earlier) return;
    const duplicate = earlier.priority === route.priority && sameData(earlier.when, route.when) && sameMatch(earlier.match, route.match);
    out.push({ route, earlier, duplicate });
  });
  return out;
}
