import type { JsonSchema } from '../steps/step-definition';
import { HOLIDAY_DATE_PATTERN, LOCAL_DATE_TIME_PATTERN } from './calendar-dates';
import { DAY_SPEC_PATTERN } from './day-spec';
import { TIME_RANGE_PATTERN } from './time-range';

/** Pattern for calendar names (the `calendar:` of a condition); the same as the config schema's. */
export const CALENDAR_NAME_PATTERN = '^[A-Za-z0-9_][A-Za-z0-9_.-]*$';

const timeRange: JsonSchema = {
  type: 'string',
  pattern: TIME_RANGE_PATTERN,
  description: 'An opening range HH:MM-HH:MM in local time, start inclusive, end exclusive. An end at or before the start runs past midnight ("22:00-02:00"); "00:00-24:00" is all day.',
  examples: ['09:00-17:30', '22:00-02:00', '00:00-24:00'],
};

const holidayDate: JsonSchema = {
  type: 'string',
  pattern: HOLIDAY_DATE_PATTERN,
  description: 'A holiday date YYYY-MM-DD, or --MM-DD (also MM-DD) for a holiday on the same day every year. The whole local day is a holiday.',
  examples: ['2025-12-25', '--01-01'],
};

const closureBound = (which: 'start' | 'end'): JsonSchema => ({
  type: 'string',
  pattern: LOCAL_DATE_TIME_PATTERN,
  description:
    which === 'start'
      ? 'When the closure starts (inclusive): YYYY-MM-DDTHH:MM local time in the calendar\'s zone, or a bare date for the start of that day.'
      : 'When the closure ends (exclusive): YYYY-MM-DDTHH:MM local time in the calendar\'s zone, or a bare date to close through the end of that day.',
  examples: which === 'start' ? ['2025-12-24T12:00', '2025-08-01'] : ['2025-12-24T17:30', '2025-08-03'],
});

/** JSON Schema (draft 2020-12) of one calendar. */
export const CALENDAR_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'A business-hours calendar: weekly opening hours in a time zone, holidays and one-off closures.',
  additionalProperties: false,
  required: ['timezone'],
  properties: {
    description: { type: 'string', description: 'Free text for people reading the config.' },
    timezone: {
      type: 'string',
      minLength: 1,
      description: 'IANA time zone the hours, holidays and closures are written in, e.g. Europe/London. Daylight-saving changes follow the zone.',
      examples: ['Europe/London', 'America/New_York', 'UTC'],
    },
    hours: {
      type: 'object',
      description: 'Weekly opening hours. Keys are days (mon..sun, full names, ranges like mon-fri, lists like sat,sun, or daily); each day may appear once. Days not listed are closed.',
      propertyNames: { pattern: DAY_SPEC_PATTERN },
      additionalProperties: {
        description: 'The opening ranges of these days: one range, a list of ranges, or "closed".',
        oneOf: [
          timeRange,
          { type: 'string', const: 'closed', description: 'Closed all day (the same as leaving the day out).' },
          { type: 'array', description: 'Several opening ranges in one day; they must not overlap.', items: timeRange },
        ],
      },
      examples: [{ 'mon-fri': '09:00-17:30', sat: ['10:00-12:00', '13:00-16:00'] }],
    },
    holidays: {
      type: 'array',
      description: 'Days that are holidays all day long (state `holiday`, which also counts as closed).',
      items: {
        oneOf: [
          holidayDate,
          {
            type: 'object',
            description: 'A holiday with a name (shown in logs).',
            additionalProperties: false,
            required: ['date'],
            properties: { date: holidayDate, name: { type: 'string', description: 'Name of the holiday, e.g. Christmas Day.' } },
          },
        ],
      },
    },
    closures: {
      type: 'array',
      description: 'One-off closed periods (state `closed`), e.g. a training afternoon. They override the weekly hours.',
      items: {
        type: 'object',
        description: 'A closed period from `from` (inclusive) to `to` (exclusive).',
        additionalProperties: false,
        required: ['from', 'to'],
        properties: {
          from: closureBound('start'),
          to: closureBound('end'),
          reason: { type: 'string', description: 'Why the business is closed (shown in logs).' },
        },
      },
    },
  },
};

/** JSON Schema (draft 2020-12) of the config's `calendars` section: calendar name → calendar. */
export const CALENDAR_CONFIG_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'Named business-hours calendars, usable in any condition as { calendar: NAME, is: open | closed | holiday }.',
  propertyNames: { pattern: CALENDAR_NAME_PATTERN },
  additionalProperties: CALENDAR_SCHEMA,
};
