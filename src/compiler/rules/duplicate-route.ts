import { appFacts } from './app-facts';
import { at, relatedAt, type Rule } from './rule';

/** DUPLICATE_ROUTE: two routes match exactly the same calls at the same priority. */
export const duplicateRouteRule: Rule = {
  name: 'duplicate-route',
  check(app) {
    return appFacts(app)
      .routeCovers
      .filter((c) => c.duplicate)
      .map((c) => at('DUPLICATE_ROUTE', `route "${c.route.name}" matches exactly the same calls as route "${c.earlier.name}"`, c.route.source, { related: [relatedAt(`route "${c.earlier.name}"`, c.earlier.source)] }));
  },
};
