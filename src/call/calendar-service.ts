import type { CalendarState } from '../calendar/calendar-spec';

/**
 * Answers calendar conditions (`when: { calendar: support, state: open }`).
 * The runtime builds one from the config's named calendars.
 */
export interface CalendarService {
  /** `now` is milliseconds since the epoch, from the call's clock. Throws for an unknown calendar. */
  isInState(name: string, state: CalendarState, now: number): boolean;
}

/** True when a value looks like a {@link CalendarService} (for JavaScript callers, whose services nothing type-checks). */
export function isCalendarService(value: unknown): value is CalendarService {
  return typeof value === 'object' && value !== null && typeof (value as { isInState?: unknown }).isInState === 'function';
}
