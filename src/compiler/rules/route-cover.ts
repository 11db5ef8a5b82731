import type { RouteIR } from '../../ir/types';
import { fieldKey } from '../../routing/facts';
import { matcherIsValid } from '../../routing/matchers';
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
 *
 * Big route tables are mostly exact values and prefixes, so earlier routes
 * are indexed by their first exact clause, or else their first non-empty
 * prefix clause: such a route can only cover a later one that tests the same
 * field with values it accepts (the same exact value; a value or prefix that
 * starts with its prefix), which keeps this far from comparing every pair.
 * Routes with neither are compared with every later route, except those
 * with a clause that matches nothing (an invalid regex or pattern), which
 * cover nothing.
 */
export function coveredRoutes(routes: readonly RouteIR[]): Cover[] {
  const ordered = resolutionOrder(routes);
  const rank = new Map(ordered.map((r, i) => [r, i]));
  const byExact = new Map<string, RouteIR[]>();
  const byExactField = new Map<string, RouteIR[]>();
  const byPrefix = new Map<string, RouteIR[]>();
  const byPrefixField = new Map<string, RouteIR[]>();
  const prefixLengths = new Map<string, Set<number>>();
  const noExact: RouteIR[] = [];
  const out: Cover[] = [];
  const push = (map: Map<string, RouteIR[]>, key: string, r: RouteIR): void => {
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
  };
  for (const route of ordered) {
    const candidates = new Set<RouteIR>(noExact);
    for (const c of route.match) {
      // Only a regex or a matcher of every call covers a regex, and a clause that matches nothing is covered by nothing:
      // the exact and prefix routes indexed here need not be compared for such a clause.
      if (c.matcher.kind === 'regex' || !matcherIsValid(c.matcher)) continue;
      const field = fieldKey(c.field);
      const same = c.matcher.kind === 'exact' ? byExact.get(`${field}\u0000${c.matcher.value}`) : byExactField.get(field);
      for (const r of same ?? []) candidates.add(r);
      // Earlier prefix routes on this field: those whose prefix starts this value or prefix, or all of them for other matchers.
      if (c.matcher.kind === 'exact' || c.matcher.kind === 'prefix') {
        const value = c.matcher.value;
        for (const len of prefixLengths.get(field) ?? []) {
          if (len <= value.length) for (const r of byPrefix.get(`${field}\u0000${value.slice(0, len)}`) ?? []) candidates.add(r);
        }
      } else {
        for (const r of byPrefixField.get(field) ?? []) candidates.add(r);
      }
    }
    const earlier = [...candidates]
      .sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0))
      .find((e) => (e.when === undefined || sameData(e.when, route.when)) && matchesSubsume(e.match, route.match));
    if (earlier) {
      const duplicate = earlier.priority === route.priority && sameData(earlier.when, route.when) && sameMatch(earlier.match, route.match);
      out.push({ route, earlier, duplicate });
    }
    // A clause that can match nothing (a regex or pattern that does not compile) subsumes nothing:
    // such a route covers no later one, so it is never a candidate (a thousand broken regexes made every route compare with each).
    if (!route.match.every((c) => matcherIsValid(c.matcher))) continue;
    const exact = route.match.find((c) => c.matcher.kind === 'exact');
    const prefix = route.match.find((c) => c.matcher.kind === 'prefix' && c.matcher.value !== '');
    if (exact && exact.matcher.kind === 'exact') {
      push(byExact, `${fieldKey(exact.field)}\u0000${exact.matcher.value}`, route);
      push(byExactField, fieldKey(exact.field), route);
    } else if (prefix && prefix.matcher.kind === 'prefix') {
      const field = fieldKey(prefix.field);
      push(byPrefix, `${field}\u0000${prefix.matcher.value}`, route);
      push(byPrefixField, field, route);
      let lengths = prefixLengths.get(field);
      if (!lengths) prefixLengths.set(field, (lengths = new Set()));
      lengths.add(prefix.matcher.value.length);
    } else noExact.push(route);
  }
  return out;
}
