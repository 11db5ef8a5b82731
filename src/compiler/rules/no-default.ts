import { appSource, at, type Rule } from './rule';

/** NO_DEFAULT: an app with routes or rules but no `default` hangs up calls nothing matched. */
export const noDefaultRule: Rule = {
  name: 'no-default',
  check(app) {
    const { unknowns } = app;
    if (app.defaultTarget || unknowns.incomplete || unknowns.brokenDefault) return [];
    if (app.routes.length === 0 && app.dispatch.length === 0 && !unknowns.brokenRoute) return [];
    return [at('NO_DEFAULT', `app "${app.name}" has no default, so calls no route matches are hung up`, appSource(app))];
  },
};
