import { VoxtraError } from '../core/errors';
import type { CalendarSpec, CalendarState } from './calendar-spec';
import { CompiledCalendar, type CalendarVerdict } from './compiled-calendar';
import { normalizeCalendars } from './normalize-calendars';

/**
 * The named calendars of a config. Lookups are pure functions of the instant,
 * so the router and `if`/`switch` steps can call them per call.
 */
export class CalendarSet {
  private readonly byName = new Map<string, CompiledCalendar>();

  /** Builds the set from normalised specs (see {@link normalizeCalendars}). */
  constructor(specs: Readonly<Record<string, CalendarSpec>> = {}) {
    for (const [name, spec] of Object.entries(specs)) this.byName.set(name, new CompiledCalendar(name, spec));
  }

  /**
   * Normalises a raw `calendars` section and builds the set; throws
   * `VoxtraError('CONFIG_INVALID')` with the diagnostics in `details` when it
   * does not validate. For tools and tests; the config loader reports
   * diagnostics itself.
   */
  static fromConfig(raw: unknown): CalendarSet {
    const { calendars, diagnostics } = normalizeCalendars(raw);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      throw new VoxtraError('CONFIG_INVALID', `invalid calendars: ${errors.map((d) => d.message).join('; ')}`, { diagnostics: errors });
    }
    return new CalendarSet(calendars);
  }

  /** Names of the declared calendars. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** `open`, `closed` or `holiday` at `nowMs`. Throws `VoxtraError('CALENDAR_NOT_FOUND')` for an undeclared name. */
  state(name: string, nowMs: number): CalendarState {
    return this.get(name).state(nowMs);
  }

  /**
   * What `{ calendar: name, is: state }` means: `closed` is true on holidays
   * too; `holiday` only on holidays; `open` only when open.
   */
  isInState(name: string, state: CalendarState, nowMs: number): boolean {
    const actual = this.state(name, nowMs);
    if (state === 'closed') return actual !== 'open';
    return actual === state;
  }

  /** The state plus the holiday or closure behind it, for logs. */
  explain(name: string, nowMs: number): CalendarVerdict {
    return this.get(name).explain(nowMs);
  }

  private get(name: string): CompiledCalendar {
    const cal = this.byName.get(name);
    if (!cal) {
      const known = this.names();
      throw new VoxtraError('CALENDAR_NOT_FOUND', `unknown calendar "${name}"${known.length ? ` (declared: ${known.join(', ')})` : ' (no calendars are declared)'}`, { calendar: name });
    }
    return cal;
  }
}
