import { parse as parseToml } from 'smol-toml';
import { normalizeCalendars } from '../../src/calendar/normalize-calendars';
import { CalendarSet } from '../../src/calendar/calendar-set';
import { isVoxtraError } from '../../src/core/errors';

const issues = (raw: unknown): Array<{ code: string; path: string; message: string }> =>
  normalizeCalendars(raw).diagnostics.map((d) => ({ code: d.code, path: d.path.join('.'), message: d.message }));

describe('normalizeCalendars', () => {
  it('turns days, ranges, holidays and closures into plain data', () => {
    const { calendars, diagnostics } = normalizeCalendars({
      support: {
        timezone: 'Europe/London',
        description: 'Support desk',
        hours: { 'Mon-Wed,fri': '09:00-17:30', sat: ['13:00-16:00', '10:00-12:00'], sun: 'closed', thursday: '22:00-02:00' },
        holidays: ['2025-12-25', { date: '12-26', name: 'Boxing Day' }],
        closures: [{ from: '2025-06-11 12:00', to: '2025-06-11T14:00', reason: 'training' }],
      },
    });
    expect(diagnostics).toEqual([]);
    const c = calendars.support;
    expect(c.timezone).toBe('Europe/London');
    expect(c.description).toBe('Support desk');
    expect(c.week).toEqual([[[540, 1050]], [[540, 1050]], [[540, 1050]], [[1320, 1560]], [[540, 1050]], [[600, 720], [780, 960]], []]);
    expect(c.holidays).toEqual([{ date: '2025-12-25' }, { date: '--12-26', name: 'Boxing Day' }]);
    expect(c.closures).toEqual([{ fromMs: Date.parse('2025-06-11T11:00:00Z'), toMs: Date.parse('2025-06-11T13:00:00Z'), reason: 'training' }]);
    expect(JSON.parse(JSON.stringify(calendars))).toEqual(calendars);
  });

  it('accepts wrapping day ranges and daily', () => {
    const { calendars } = normalizeCalendars({ a: { timezone: 'UTC', hours: { 'fri-mon': '10:00-11:00' } }, b: { timezone: 'UTC', hours: { daily: '00:00-24:00' } } });
    expect(calendars.a.week.map((r) => r.length)).toEqual([1, 0, 0, 0, 1, 1, 1]);
    expect(calendars.b.week.every((r) => r.length === 1 && r[0][0] === 0 && r[0][1] === 1440)).toBe(true);
  });

  it('reports each problem at its own path with a precise message', () => {
    const found = issues({
      bad: {
        timezone: 'Mars/Olympus_Mons',
        hours: { 'mon-fri': '9-17', funday: '09:00-10:00', fri: '10:00-11:00', sat: ['09:00-12:00', '11:00-13:00'], sun: '10:00-10:00' },
        holidays: ['2025-02-30', { date: '13-01' }, { name: 'no date' }, 'next tuesday'],
        closures: [{ from: '2025-06-11T14:00', to: '2025-06-11T12:00' }, { from: 'soon', to: '2025-01-01' }, { to: '2025-01-01' }],
        colour: 'blue',
      },
    });
    const at = (path: string): string[] => found.filter((f) => f.path === path).map((f) => `${f.code}: ${f.message}`);
    expect(at('calendars.bad.timezone')).toEqual(['SCHEMA_VALUE: "Mars/Olympus_Mons" is not an IANA time zone']);
    expect(at('calendars.bad.hours.mon-fri')[0]).toMatch(/^SCHEMA_VALUE: "9-17" is not a time range; write HH:MM-HH:MM/);
    expect(at('calendars.bad.hours.funday')[0]).toMatch(/"funday" is not a day or day range/);
    expect(at('calendars.bad.hours.fri')[0]).toMatch(/fri is listed twice in hours \("mon-fri" and "fri"\)/);
    expect(at('calendars.bad.hours.sat')[0]).toMatch(/opening ranges 09:00-12:00 and 11:00-13:00 overlap/);
    expect(at('calendars.bad.hours.sun')[0]).toMatch(/"10:00-10:00" is empty/);
    expect(at('calendars.bad.holidays.0')[0]).toMatch(/"2025-02-30" is not a real date/);
    expect(at('calendars.bad.holidays.1.date')[0]).toMatch(/"13-01" is not a day of the year/);
    expect(at('calendars.bad.holidays.2')[0]).toMatch(/^SCHEMA_MISSING_PROPERTY: a holiday needs a date/);
    expect(at('calendars.bad.holidays.2.name')).toEqual([]);
    expect(at('calendars.bad.holidays.3')[0]).toMatch(/"next tuesday" is not a date/);
    expect(at('calendars.bad.closures.0.to')[0]).toMatch(/ends \(2025-06-11T12:00\) before or when it starts \(2025-06-11T14:00\)/);
    expect(at('calendars.bad.closures.1.from')[0]).toMatch(/"soon" is not a date or date-time/);
    expect(at('calendars.bad.closures.2')[0]).toMatch(/^SCHEMA_MISSING_PROPERTY: a closure needs `from`/);
    expect(at('calendars.bad.colour')[0]).toMatch(/^SCHEMA_UNKNOWN_PROPERTY: calendar "bad" has no setting "colour"/);
    expect(found).toHaveLength(14);
  });

  it('requires a time zone and a mapping, and keeps going', () => {
    expect(issues({ a: { hours: { mon: '09:00-10:00' } }, b: 'always open', 'bad name': { timezone: 'UTC' } })).toEqual([
      { code: 'SCHEMA_MISSING_PROPERTY', path: 'calendars.a', message: 'calendar "a" needs a timezone (an IANA name such as Europe/London)' },
      { code: 'SCHEMA_TYPE', path: 'calendars.b', message: 'calendar "b" must be a mapping with timezone, hours, holidays and closures' },
      { code: 'SCHEMA_VALUE', path: 'calendars.bad name', message: 'calendar name "bad name" must start with a letter, digit or _ and hold only letters, digits, _, . and -' },
    ]);
    // Broken calendars are still returned, so conditions naming them do not also fail as unknown.
    expect(Object.keys(normalizeCalendars({ a: {}, b: 3 }).calendars)).toEqual(['a', 'b']);
    expect(normalizeCalendars(undefined)).toEqual({ calendars: {}, diagnostics: [] });
  });

  it('uses the given base path', () => {
    const d = normalizeCalendars({ x: { timezone: 'Nowhere' } }, ['apps', 0, 'calendars']).diagnostics;
    expect(d[0].path).toEqual(['apps', 0, 'calendars', 'x', 'timezone']);
    expect(d[0].severity).toBe('error');
    expect(d[0].hint).toMatch(/IANA/);
  });

  it('reads TOML dates and local date-times', () => {
    const raw = parseToml(`
[support]
timezone = "America/New_York"
holidays = [2025-07-04, { date = 2025-12-25, name = "Christmas" }]
closures = [{ from = 2025-06-11T12:00:00, to = 2025-06-11T14:00:00 }]
[support.hours]
mon-fri = "09:00-17:00"
`);
    const { calendars, diagnostics } = normalizeCalendars(raw);
    expect(diagnostics).toEqual([]);
    expect(calendars.support.holidays).toEqual([{ date: '2025-07-04' }, { date: '2025-12-25', name: 'Christmas' }]);
    expect(calendars.support.closures[0].fromMs).toBe(Date.parse('2025-06-11T16:00:00Z'));
  });

  it('honours an explicit offset on a closure bound', () => {
    const { calendars } = normalizeCalendars({ a: { timezone: 'Europe/Paris', closures: [{ from: '2025-01-10T08:00Z', to: '2025-01-10T10:00+01:00' }] } });
    expect(calendars.a.closures[0]).toEqual({ fromMs: Date.parse('2025-01-10T08:00:00Z'), toMs: Date.parse('2025-01-10T09:00:00Z') });
  });

  it('CalendarSet.fromConfig throws CONFIG_INVALID carrying the diagnostics', () => {
    let caught: unknown;
    try {
      CalendarSet.fromConfig({ a: { timezone: 'Nowhere' } });
    } catch (err) {
      caught = err;
    }
    expect(isVoxtraError(caught, 'CONFIG_INVALID')).toBe(true);
    expect((caught as { details: { diagnostics: unknown[] } }).details.diagnostics).toHaveLength(1);
  });
});
