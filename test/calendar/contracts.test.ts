import { CalendarSet } from '../../src/calendar/calendar-set';
import { isCalendarService, type CalendarService } from '../../src/call/calendar-service';

describe('CalendarSet as the session\'s CalendarService', () => {
  it('plugs in where conditions expect a calendar service', () => {
    const service: CalendarService = CalendarSet.fromConfig({ support: { timezone: 'UTC', hours: { daily: '09:00-17:00' } } });
    expect(isCalendarService(service)).toBe(true);
    expect(service.isInState('support', 'open', Date.parse('2025-01-06T09:00:00Z'))).toBe(true);
    expect(service.isInState('support', 'closed', Date.parse('2025-01-06T17:00:00Z'))).toBe(true);
  });
});
