import Ajv2020 from 'ajv/dist/2020';
import { CALENDAR_CONFIG_SCHEMA } from '../../src/calendar/calendar-schema';
import { normalizeCalendars } from '../../src/calendar/normalize-calendars';

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(CALENDAR_CONFIG_SCHEMA);

/** Every schema reached through `properties` or `additionalProperties` must say what it is. */
function undescribed(schema: unknown, path: string, out: string[]): string[] {
  if (typeof schema !== 'object' || schema === null) return out;
  const s = schema as Record<string, unknown>;
  const props = s.properties as Record<string, unknown> | undefined;
  for (const [key, sub] of Object.entries(props ?? {})) {
    if (!(sub as Record<string, unknown>).description) out.push(`${path}.${key}`);
    undescribed(sub, `${path}.${key}`, out);
  }
  if (typeof s.additionalProperties === 'object') {
    if (!(s.additionalProperties as Record<string, unknown>).description) out.push(`${path}.*`);
    undescribed(s.additionalProperties, `${path}.*`, out);
  }
  for (const key of ['oneOf', 'anyOf']) for (const [i, sub] of ((s[key] as unknown[]) ?? []).entries()) undescribed(sub, `${path}.${key}[${i}]`, out);
  if (s.items) undescribed(s.items, `${path}[]`, out);
  return out;
}

const good = {
  support: {
    timezone: 'Europe/London',
    hours: { 'Mon-Fri': '09:00-17:30', 'sat,sun': ['10:00-12:00', '13:00-16:00'] },
    holidays: ['2025-12-25', '--01-01', '12-26', { date: '2026-04-03', name: 'Good Friday' }],
    closures: [{ from: '2025-06-11T12:00', to: '2025-06-11 14:00:30', reason: 'training' }, { from: '2025-08-01', to: '2025-08-03' }],
  },
  nights: { timezone: 'UTC', hours: { 'mon-sat': '22:00-02:00', sun: 'closed' } },
};

describe('CALENDAR_CONFIG_SCHEMA', () => {
  it('describes every property', () => {
    expect(undescribed(CALENDAR_CONFIG_SCHEMA, 'calendars', [])).toEqual([]);
  });

  it('accepts what the normaliser accepts', () => {
    expect(validate(good)).toBe(true);
    expect(normalizeCalendars(good).diagnostics).toEqual([]);
  });

  it.each([
    ['an unknown key', { a: { timezone: 'UTC', colour: 'blue' } }],
    ['a missing timezone', { a: { hours: {} } }],
    ['a bad day', { a: { timezone: 'UTC', hours: { funday: '09:00-10:00' } } }],
    ['a bad range', { a: { timezone: 'UTC', hours: { mon: '9-17' } } }],
    ['24:00 as a start', { a: { timezone: 'UTC', hours: { mon: '24:00-01:00' } } }],
    ['a bad holiday', { a: { timezone: 'UTC', holidays: ['25/12/2025'] } }],
    ['a closure without end', { a: { timezone: 'UTC', closures: [{ from: '2025-01-01' }] } }],
    ['a bad calendar name', { 'a b': { timezone: 'UTC' } }],
  ])('rejects %s, as the normaliser does', (_label, raw) => {
    expect(validate(raw)).toBe(false);
    expect(normalizeCalendars(raw).diagnostics.length).toBeGreaterThan(0);
  });
});
