import { appFacts } from './app-facts';
import { at, relatedAt, type Rule } from './rule';

/** SHADOWED_ROUTE: an earlier route matches every call a later one would, so the later one never wins. */
export const shadowedRouteRule: Rule = {
  name: 'shadowed-route',
  check(app) {
    return appFacts(app)
      .routeCovers
      .filter((c) => !c.duplicate)
      .map((c) => at('SHADOWED_ROUTE', `route "${c.route.name}" can never match: route "${c.earlier.name}" takes every call it would`, c.route.source, { related: [relatedAt(`route "${c.earlier.name}"`, c.earlier.source)] }));
  },
};
