import { DateTime } from 'luxon';
import { CalendarSet } from '../../src/calendar/calendar-set';

// Zones with half-hour DST (Lord Howe), 45-minute offsets (Kathmandu, Chatham)
// and odd offsets (St John's) check the offset memo against luxon itself.
const ZONES = ['Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'Europe/London', 'America/New_York'];
const RANGE: [number, number] = [1 * 60 + 45, 2 * 60 + 30]; // 01:45-02:30, around typical change times

function reference(zone: string, ms: number): boolean {
  const local = DateTime.fromMillis(ms, { zone });
  const minute = local.hour * 60 + local.minute;
  return minute >= RANGE[0] && minute < RANGE[1];
}

describe('CompiledCalendar local time', () => {
  it.each(ZONES)('agrees with luxon around every DST change of 2024-2026 in %s', (zone) => {
    const set = CalendarSet.fromConfig({ c: { timezone: zone, hours: { daily: '01:45-02:30' } } });
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const day = 86_400_000;
    let checked = 0;
    let mismatches = 0;
    let opens = 0;
    let changes = 0;
    const walk = (from: number, to: number): void => {
      // A deterministic pseudo-random walk in steps of 1 to 7 minutes (plus stray seconds).
      for (let ms = from; ms < to; ms += 60_000 * (1 + (next() % 7)) + (next() % 60_000)) {
        const expected = reference(zone, ms);
        if ((set.state('c', ms) === 'open') !== expected) mismatches++;
        if (expected) opens++;
        checked++;
      }
    };
    const first = Date.parse('2024-01-01T12:00:00Z');
    for (let noon = first; noon < Date.parse('2027-01-01T00:00:00Z'); noon += day) {
      const before = DateTime.fromMillis(noon - day, { zone }).offset;
      if (DateTime.fromMillis(noon, { zone }).offset !== before) {
        changes++;
        walk(noon - 2 * day, noon + day);
      }
    }
    walk(first, first + 3 * day);
    expect(checked).toBeGreaterThan(500);
    expect(opens).toBeGreaterThan(20);
    expect(mismatches).toBe(0);
    expect(changes).toBe(zone === 'Asia/Kathmandu' ? 0 : 6);
  });
});
