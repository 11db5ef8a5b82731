import { appSource, at, type Rule } from './rule';

/** EMPTY_APP: no routes, no dispatch rules and no default: the app can take no call. */
export const emptyAppRule: Rule = {
  name: 'empty-app',
  check(app) {
    if (app.defaultTarget || app.routes.length > 0 || app.dispatch.length > 0 || app.unknowns.mayRoute) return [];
    return [at('EMPTY_APP', `app "${app.name}" has no routes, dispatch rules or default`, appSource(app))];
  },
};
