import { appSource, at, type Rule } from './rule';

/** NO_DEFAULT: an app with routes or rules but no `default` hangs up calls nothing matched. */
export const noDefaultRule: Rule = {
  name: 'no-default',
  check(app) {
    if (app.defaultTarget || (app.routes.length === 0 && app.dispatch.length === 0)) return [];
    return [at('NO_DEFAULT', `app "${app.name}" has no default, so calls no route matches are hung up`, appSource(app))];
  },
};
