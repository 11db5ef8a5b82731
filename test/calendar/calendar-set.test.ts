import { CalendarSet } from '../../src/calendar/calendar-set';
import { isVoxtraError } from '../../src/core/errors';

const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
};

const calendars = CalendarSet.fromConfig({
  support: {
    timezone: 'Europe/London',
    hours: { 'mon-fri': '09:00-17:30', sat: ['10:00-12:00', '13:00-16:00'] },
    holidays: [{ date: '2025-12-25', name: 'Christmas Day' }, '--01-01'],
    closures: [
      { from: '2025-06-11T12:00', to: '2025-06-11T14:00', reason: 'training' },
      { from: '2025-08-01', to: '2025-08-03', reason: 'office move' },
    ],
  },
  nyc: { timezone: 'America/New_York', hours: { daily: '09:00-17:00' }, holidays: ['2025-12-25'] },
  london_daily: { timezone: 'Europe/London', hours: { daily: '09:00-17:00' } },
  nights: {
    timezone: 'America/New_York',
    hours: { fri: '22:00-02:00', sat: '22:00-04:00' },
    holidays: ['2025-07-04'],
  },
  early: { timezone: 'America/New_York', hours: { sun: '00:30-01:30' } },
});

describe('CalendarSet: weekly hours', () => {
  it('opens at the start minute (inclusive) and closes at the end minute (exclusive)', () => {
    // Monday 6 January 2025, London is on GMT (UTC+0).
    expect(calendars.state('support', at('2025-01-06T08:59:59.999Z'))).toBe('closed');
    expect(calendars.state('support', at('2025-01-06T09:00:00.000Z'))).toBe('open');
    expect(calendars.state('support', at('2025-01-06T17:29:59.999Z'))).toBe('open');
    expect(calendars.state('support', at('2025-01-06T17:30:00.000Z'))).toBe('closed');
  });

  it('handles several ranges in one day and days that are not listed', () => {
    // Saturday 11 January 2025 (GMT): open 10-12 and 13-16 only.
    expect(calendars.state('support', at('2025-01-11T11:59:00Z'))).toBe('open');
    expect(calendars.state('support', at('2025-01-11T12:30:00Z'))).toBe('closed');
    expect(calendars.state('support', at('2025-01-11T13:00:00Z'))).toBe('open');
    expect(calendars.state('support', at('2025-01-11T16:00:00Z'))).toBe('closed');
    // Sunday is not listed: closed all day.
    expect(calendars.state('support', at('2025-01-12T12:00:00Z'))).toBe('closed');
  });

  it('applies summer time: 09:00 BST is 08:00 UTC', () => {
    // Wednesday 11 June 2025, London is on BST (UTC+1).
    expect(calendars.state('support', at('2025-06-11T07:59:00Z'))).toBe('closed');
    expect(calendars.state('support', at('2025-06-11T08:00:00Z'))).toBe('open');
    expect(calendars.state('support', at('2025-06-11T16:29:00Z'))).toBe('open');
    expect(calendars.state('support', at('2025-06-11T16:30:00Z'))).toBe('closed');
  });
});

describe('CalendarSet: holidays and closures', () => {
  it('makes a dated holiday a holiday all local day, which also counts as closed', () => {
    const t = at('2025-12-25T10:00:00Z'); // Thursday, normally open
    expect(calendars.state('support', t)).toBe('holiday');
    expect(calendars.isInState('support', 'holiday', t)).toBe(true);
    expect(calendars.isInState('support', 'closed', t)).toBe(true);
    expect(calendars.isInState('support', 'open', t)).toBe(false);
    expect(calendars.explain('support', t)).toMatchObject({ state: 'holiday', holiday: 'Christmas Day' });
    // On an ordinary closed evening, `closed` is true and `holiday` is not.
    const evening = at('2025-12-24T20:00:00Z');
    expect(calendars.isInState('support', 'closed', evening)).toBe(true);
    expect(calendars.isInState('support', 'holiday', evening)).toBe(false);
  });

  it('repeats a --MM-DD holiday every year', () => {
    expect(calendars.state('support', at('2026-01-01T10:00:00Z'))).toBe('holiday');
    expect(calendars.state('support', at('2027-01-01T10:00:00Z'))).toBe('holiday');
    expect(calendars.state('support', at('2027-01-04T10:00:00Z'))).toBe('open');
  });

  it('decides holidays by the local date of the calendar, not the UTC date', () => {
    // 02:00 UTC on the 25th is still 21:00 on the 24th in New York.
    expect(calendars.state('nyc', at('2025-12-25T02:00:00Z'))).toBe('closed');
    expect(calendars.state('nyc', at('2025-12-25T05:30:00Z'))).toBe('holiday');
    expect(calendars.state('nyc', at('2025-12-26T05:30:00Z'))).toBe('closed');
  });

  it('closes for a closure over normally open hours, with inclusive start and exclusive end', () => {
    // 12:00-14:00 BST on Wednesday 11 June 2025 is 11:00-13:00 UTC.
    expect(calendars.state('support', at('2025-06-11T10:59:59.999Z'))).toBe('open');
    expect(calendars.state('support', at('2025-06-11T11:00:00Z'))).toBe('closed');
    expect(calendars.explain('support', at('2025-06-11T12:00:00Z')).closure?.reason).toBe('training');
    expect(calendars.isInState('support', 'holiday', at('2025-06-11T12:00:00Z'))).toBe(false);
    expect(calendars.state('support', at('2025-06-11T12:59:59.999Z'))).toBe('closed');
    expect(calendars.state('support', at('2025-06-11T13:00:00Z'))).toBe('open');
  });

  it('treats a date-only closure end as the end of that day', () => {
    // Friday 1 August to Sunday 3 August inclusive; Monday the 4th opens again.
    expect(calendars.state('support', at('2025-07-31T22:59:59Z'))).toBe('closed'); // 23:59 BST Thursday, after hours anyway
    expect(calendars.explain('support', at('2025-08-01T10:00:00Z')).closure?.reason).toBe('office move');
    expect(calendars.explain('support', at('2025-08-03T22:59:59Z')).closure?.reason).toBe('office move');
    expect(calendars.explain('support', at('2025-08-03T23:00:00Z')).closure).toBeUndefined();
    expect(calendars.state('support', at('2025-08-04T08:00:00Z'))).toBe('open');
  });
});

describe('CalendarSet: daylight-saving changes', () => {
  const cases: Array<[string, string, string, string]> = [
    // [calendar, day, UTC instant of local 09:00, what happens]
    ['london_daily', '2025-03-29', '2025-03-29T09:00:00Z', 'Saturday before spring-forward (GMT)'],
    ['london_daily', '2025-03-30', '2025-03-30T08:00:00Z', 'spring-forward day (BST from 01:00 UTC)'],
    ['london_daily', '2025-03-31', '2025-03-31T08:00:00Z', 'Monday after spring-forward (BST)'],
    ['london_daily', '2025-10-25', '2025-10-25T08:00:00Z', 'Saturday before fall-back (BST)'],
    ['london_daily', '2025-10-26', '2025-10-26T09:00:00Z', 'fall-back day (GMT from 01:00 UTC)'],
    ['nyc', '2025-03-08', '2025-03-08T14:00:00Z', 'Saturday before spring-forward (EST)'],
    ['nyc', '2025-03-09', '2025-03-09T13:00:00Z', 'spring-forward day (EDT from 07:00 UTC)'],
    ['nyc', '2025-11-01', '2025-11-01T13:00:00Z', 'Saturday before fall-back (EDT)'],
    ['nyc', '2025-11-02', '2025-11-02T14:00:00Z', 'fall-back day (EST from 06:00 UTC)'],
  ];
  it.each(cases)('%s on %s opens at %s (%s)', (name, _day, nineLocal) => {
    const t = at(nineLocal);
    expect(calendars.state(name, t - 1)).toBe('closed');
    expect(calendars.state(name, t)).toBe('open');
    // The wrong offset would be an hour off: one hour earlier must still be closed.
    expect(calendars.state(name, t - 3_600_000)).toBe('closed');
  });

  it('keeps an overnight range across the spring-forward gap and follows wall-clock time in the repeated hour', () => {
    // Saturday 8 March 22:00 EST until Sunday 04:00 EDT (the clocks skip 02:00-03:00).
    expect(calendars.state('nights', at('2025-03-09T02:59:00Z'))).toBe('closed'); // Sat 21:59 EST
    expect(calendars.state('nights', at('2025-03-09T03:00:00Z'))).toBe('open'); // Sat 22:00 EST
    expect(calendars.state('nights', at('2025-03-09T07:30:00Z'))).toBe('open'); // Sun 03:30 EDT
    expect(calendars.state('nights', at('2025-03-09T08:00:00Z'))).toBe('closed'); // Sun 04:00 EDT
    // Sunday 2 November: 01:00-02:00 happens twice; 00:30-01:30 local covers both 01:15s.
    expect(calendars.state('early', at('2025-11-02T04:29:00Z'))).toBe('closed'); // 00:29 EDT
    expect(calendars.state('early', at('2025-11-02T05:15:00Z'))).toBe('open'); // 01:15 EDT
    expect(calendars.state('early', at('2025-11-02T06:15:00Z'))).toBe('open'); // 01:15 EST
    expect(calendars.state('early', at('2025-11-02T06:45:00Z'))).toBe('closed'); // 01:45 EST
  });
});

describe('CalendarSet: overnight ranges', () => {
  it('runs a range past midnight into the next day, and skips it when it starts on a holiday', () => {
    // Friday 11 July 2025, New York is on EDT (UTC-4).
    expect(calendars.state('nights', at('2025-07-12T02:00:00Z'))).toBe('open'); // Fri 22:00
    expect(calendars.state('nights', at('2025-07-12T05:59:00Z'))).toBe('open'); // Sat 01:59
    expect(calendars.state('nights', at('2025-07-12T06:00:00Z'))).toBe('closed'); // Sat 02:00
    // Friday 4 July is a holiday: its night shift does not run into Saturday.
    expect(calendars.state('nights', at('2025-07-05T02:00:00Z'))).toBe('holiday'); // Fri 22:00
    expect(calendars.state('nights', at('2025-07-05T05:00:00Z'))).toBe('closed'); // Sat 01:00
  });
});

describe('CalendarSet: lookups', () => {
  it('throws a coded error for an unknown calendar, naming the declared ones', () => {
    let caught: unknown;
    try {
      calendars.state('sales', 0);
    } catch (err) {
      caught = err;
    }
    expect(isVoxtraError(caught, 'CALENDAR_NOT_FOUND')).toBe(true);
    expect((caught as Error).message).toContain('"sales"');
    expect((caught as Error).message).toContain('support');
    expect(() => calendars.isInState('sales', 'open', 0)).toThrow(/unknown calendar/);
  });

  it('lists its calendars and is a pure function of the instant', () => {
    expect(calendars.names().sort()).toEqual(['early', 'london_daily', 'nights', 'nyc', 'support']);
    expect(calendars.has('nyc')).toBe(true);
    const t = at('2025-01-06T10:00:00Z');
    expect(calendars.state('support', t)).toBe(calendars.state('support', t));
  });

  it('answers quickly enough to run on every call', () => {
    const start = at('2025-01-01T00:00:00Z');
    const n = 20_000;
    let open = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) if (calendars.isInState('support', 'open', start + i * 97_000)) open++;
    const perCallUs = Number(process.hrtime.bigint() - t0) / 1000 / n;
    expect(open).toBeGreaterThan(0);
    expect(perCallUs).toBeLessThan(200);
  });
});
