import { CalendarSet } from '../calendar/calendar-set';
import type { CalendarSpec } from '../calendar/calendar-spec';
import type { AppSnapshot } from '../ir/types';
import type { StepServices } from '../steps/step-definition';

// One CalendarSet per snapshot's calendars: a reload that changes them brings a new object, hence a new set.
const sets = new WeakMap<object, CalendarSet>();

/**
 * The services a call runs with: the calendars come from the snapshot the
 * call arrived on (the config's `calendars`, normalised into its settings),
 * so a reload that changes them applies to new calls only, like any other
 * change. A snapshot without calendars keeps `services.calendars` (tests and
 * embedders may inject their own).
 */
export function servicesForSnapshot(snapshot: AppSnapshot, services: StepServices = {}): StepServices {
  const specs = snapshot.settings.calendars;
  if (Object.keys(specs).length === 0) return services;
  let set = sets.get(specs);
  if (!set) {
    set = new CalendarSet(specs as Readonly<Record<string, CalendarSpec>>);
    sets.set(specs, set);
  }
  // Per call: Object.assign, not a spread followed by a property (a map per object in Node 20, see call-session's ended()).
  return Object.assign({}, services, { calendars: set });
}
