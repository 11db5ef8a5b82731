import { IANAZone } from 'luxon';
import type { JsonPath } from '../core/json-path';
import { isRecord } from '../core/is-record';
import type { DiagnosticCode } from '../diagnostics/codes';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import { WEEKDAYS, type CalendarSpec, type ClosureSpec, type HolidaySpec, type MinuteRange } from './calendar-spec';
import { dateText, parseClosureBound, parseHolidayDate } from './calendar-dates';
import { parseDaySpec } from './day-spec';
import { formatMinutes, parseTimeRange } from './time-range';
import { CALENDAR_NAME_PATTERN } from './calendar-schema';

const NAME = new RegExp(CALENDAR_NAME_PATTERN);
const CALENDAR_KEYS = new Set(['description', 'timezone', 'hours', 'holidays', 'closures']);
const HINT = 'See docs/calendars.md for the calendar format.';

/** Normalised calendars plus every problem found, each at its own path. */
export interface CalendarNormalizeResult {
  readonly calendars: Record<string, CalendarSpec>;
  readonly diagnostics: Diagnostic[];
}

type Report = (code: DiagnosticCode, path: JsonPath, message: string, hint?: string) => void;

// TOML parses a date into a Date object, which is a value here, never a mapping.
const isMapping = (v: unknown): v is Record<string, unknown> => isRecord(v) && !(v instanceof Date);

/**
 * Turns the raw `calendars` config section into {@link CalendarSpec}s. Never
 * throws: problems come back as diagnostics whose `path` starts at `basePath`
 * (the config loader adds file and line). A calendar with problems is still
 * returned as far as it could be read (an invalid zone becomes UTC), so later
 * checks do not cascade into "unknown calendar" errors.
 */
export function normalizeCalendars(raw: unknown, basePath: JsonPath = ['calendars']): CalendarNormalizeResult {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (code, path, message, hint = HINT) => diagnostics.push(diagnostic({ code, path: [...basePath, ...path], message, hint }));
  const calendars: Record<string, CalendarSpec> = {};
  if (raw === undefined || raw === null) return { calendars, diagnostics };
  if (!isMapping(raw)) {
    report('SCHEMA_TYPE', [], '`calendars` must be a mapping of calendar name to calendar');
    return { calendars, diagnostics };
  }
  for (const [name, value] of Object.entries(raw)) {
    if (!NAME.test(name)) report('SCHEMA_VALUE', [name], `calendar name "${name}" must start with a letter, digit or _ and hold only letters, digits, _, . and -`);
    calendars[name] = normalizeCalendar(name, value, [name], report);
  }
  return { calendars, diagnostics };
}

function normalizeCalendar(name: string, raw: unknown, path: JsonPath, report: Report): CalendarSpec {
  const empty: CalendarSpec = { timezone: 'UTC', week: WEEKDAYS.map(() => []), holidays: [], closures: [] };
  if (!isMapping(raw)) {
    report('SCHEMA_TYPE', path, `calendar "${name}" must be a mapping with timezone, hours, holidays and closures`);
    return empty;
  }
  for (const key of Object.keys(raw)) {
    if (!CALENDAR_KEYS.has(key)) report('SCHEMA_UNKNOWN_PROPERTY', [...path, key], `calendar "${name}" has no setting "${key}" (allowed: ${[...CALENDAR_KEYS].join(', ')})`);
  }
  const timezone = normalizeZone(name, raw.timezone, [...path, 'timezone'], report);
  const description = typeof raw.description === 'string' ? raw.description : undefined;
  if (raw.description !== undefined && description === undefined) report('SCHEMA_TYPE', [...path, 'description'], 'description must be a string');
  return {
    timezone,
    ...(description !== undefined ? { description } : {}),
    week: normalizeHours(raw.hours, [...path, 'hours'], report),
    holidays: normalizeHolidays(raw.holidays, [...path, 'holidays'], report),
    closures: normalizeClosures(raw.closures, timezone, [...path, 'closures'], report),
  };
}

function normalizeZone(name: string, raw: unknown, path: JsonPath, report: Report): string {
  if (raw === undefined) {
    report('SCHEMA_MISSING_PROPERTY', path.slice(0, -1), `calendar "${name}" needs a timezone (an IANA name such as Europe/London)`);
    return 'UTC';
  }
  if (typeof raw !== 'string' || !IANAZone.isValidZone(raw)) {
    report('SCHEMA_VALUE', path, `${JSON.stringify(raw)} is not an IANA time zone`, 'Use a name from the IANA time-zone database, such as Europe/London, America/New_York or UTC.');
    return 'UTC';
  }
  return raw;
}

function normalizeHours(raw: unknown, path: JsonPath, report: Report): MinuteRange[][] {
  const week: MinuteRange[][] = WEEKDAYS.map(() => []);
  if (raw === undefined) return week;
  if (!isMapping(raw)) {
    report('SCHEMA_TYPE', path, 'hours must be a mapping of days to opening ranges, e.g. { mon-fri: "09:00-17:30" }');
    return week;
  }
  const claimedBy = new Map<number, string>();
  for (const [key, value] of Object.entries(raw)) {
    const days = parseDaySpec(key);
    if (typeof days === 'string') {
      report('SCHEMA_VALUE', [...path, key], days);
      continue;
    }
    const ranges = normalizeRanges(value, [...path, key], report);
    for (const day of new Set(days)) {
      const earlier = claimedBy.get(day);
      if (earlier !== undefined) {
        report('SCHEMA_VALUE', [...path, key], `${WEEKDAYS[day]} is listed twice in hours ("${earlier}" and "${key}"); give each day its hours once`);
        continue;
      }
      claimedBy.set(day, key);
      week[day] = ranges;
    }
  }
  return week;
}

function normalizeRanges(raw: unknown, path: JsonPath, report: Report): MinuteRange[] {
  if (raw === 'closed') return [];
  const items = Array.isArray(raw) ? raw : [raw];
  const ranges: MinuteRange[] = [];
  items.forEach((item, i) => {
    const at = Array.isArray(raw) ? [...path, i] : path;
    if (typeof item !== 'string') {
      report('SCHEMA_TYPE', at, 'an opening range must be a string like "09:00-17:30"');
      return;
    }
    const range = parseTimeRange(item);
    if (typeof range === 'string') report('SCHEMA_VALUE', at, range);
    else ranges.push(range);
  });
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    const [prev, cur] = [ranges[i - 1], ranges[i]];
    if (cur[0] < prev[1]) {
      report('SCHEMA_VALUE', path, `opening ranges ${formatMinutes(prev[0])}-${formatMinutes(prev[1])} and ${formatMinutes(cur[0])}-${formatMinutes(cur[1])} overlap`);
    }
  }
  return ranges;
}

function normalizeHolidays(raw: unknown, path: JsonPath, report: Report): HolidaySpec[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    report('SCHEMA_TYPE', path, 'holidays must be a list of dates (YYYY-MM-DD or --MM-DD) or { date, name } entries');
    return [];
  }
  const out: HolidaySpec[] = [];
  raw.forEach((item: unknown, i) => {
    const entry: Record<string, unknown> = isMapping(item) ? item : { date: item };
    const at: JsonPath = isMapping(item) ? [...path, i, 'date'] : [...path, i];
    if (isMapping(item)) {
      for (const key of Object.keys(item)) if (key !== 'date' && key !== 'name') report('SCHEMA_UNKNOWN_PROPERTY', [...path, i, key], `a holiday has only date and name, not "${key}"`);
      if (item.name !== undefined && typeof item.name !== 'string') report('SCHEMA_TYPE', [...path, i, 'name'], 'a holiday name must be a string');
    }
    const text = dateText(entry.date);
    if (text === undefined) {
      const missing = entry.date === undefined;
      report(missing ? 'SCHEMA_MISSING_PROPERTY' : 'SCHEMA_TYPE', missing ? [...path, i] : at, 'a holiday needs a date: YYYY-MM-DD, or --MM-DD for every year');
      return;
    }
    const date = parseHolidayDate(text);
    if (typeof date !== 'string') {
      report('SCHEMA_VALUE', at, date.error);
      return;
    }
    out.push(typeof entry.name === 'string' ? { date, name: entry.name } : { date });
  });
  return out;
}

function normalizeClosures(raw: unknown, zone: string, path: JsonPath, report: Report): ClosureSpec[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    report('SCHEMA_TYPE', path, 'closures must be a list of { from, to, reason } entries');
    return [];
  }
  const out: ClosureSpec[] = [];
  raw.forEach((item: unknown, i) => {
    if (!isMapping(item)) {
      report('SCHEMA_TYPE', [...path, i], 'a closure must be a mapping { from, to, reason }');
      return;
    }
    for (const key of Object.keys(item)) if (!['from', 'to', 'reason'].includes(key)) report('SCHEMA_UNKNOWN_PROPERTY', [...path, i, key], `a closure has only from, to and reason, not "${key}"`);
    if (item.reason !== undefined && typeof item.reason !== 'string') report('SCHEMA_TYPE', [...path, i, 'reason'], 'a closure reason must be a string');
    const bound = (key: 'from' | 'to'): number | undefined => {
      const text = dateText(item[key]);
      if (text === undefined) {
        report(item[key] === undefined ? 'SCHEMA_MISSING_PROPERTY' : 'SCHEMA_TYPE', item[key] === undefined ? [...path, i] : [...path, i, key], `a closure needs \`${key}\`: YYYY-MM-DDTHH:MM or YYYY-MM-DD`);
        return undefined;
      }
      const ms = parseClosureBound(text, zone, key === 'to');
      if (typeof ms === 'number') return ms;
      report('SCHEMA_VALUE', [...path, i, key], ms.error);
      return undefined;
    };
    const fromMs = bound('from');
    const toMs = bound('to');
    if (fromMs === undefined || toMs === undefined) return;
    if (toMs <= fromMs) {
      report('SCHEMA_VALUE', [...path, i, 'to'], `the closure ends (${String(dateText(item.to))}) before or when it starts (${String(dateText(item.from))})`);
      return;
    }
    out.push(typeof item.reason === 'string' ? { fromMs, toMs, reason: item.reason } : { fromMs, toMs });
  });
  return out.sort((a, b) => a.fromMs - b.fromMs);
}
