import { didYouMean } from '../../diagnostics/did-you-mean';
import { at, type Rule } from './rule';

/** UNKNOWN_CALENDAR: a condition or match names a calendar the config does not declare (quiet when the config's `calendars` could not be read). */
export const unknownCalendarRule: Rule = {
  name: 'unknown-calendar',
  check(app) {
    if (app.unknowns.settings.has('calendars')) return [];
    const declared = Object.keys(app.settings.calendars);
    return app.calendars
      .filter((c) => !declared.includes(c.name))
      .map((c) => at('UNKNOWN_CALENDAR', `calendar "${c.name}" is not declared in the config`, c.source, { hint: didYouMean(c.name, declared) }));
  },
};
