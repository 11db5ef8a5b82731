import { isoTimeField } from '../../src/observability/iso-time';

describe('isoTimeField', () => {
  const expected = (ms: number): string => `,"time":"${new Date(ms).toISOString()}"`;

  it('writes what pino.stdTimeFunctions.isoTime writes, at every millisecond of a second and across seconds, days and years', () => {
    let now = 0;
    const field = isoTimeField(() => now);
    const starts = [Date.UTC(2026, 11, 7, 3, 59, 59), Date.UTC(2026, 11, 31, 23, 59, 59), Date.UTC(2028, 1, 29, 12), 0, -1000];
    for (const start of starts) {
      for (let ms = start; ms < start + 2000; ms++) {
        now = ms;
        expect(field()).toBe(expected(ms));
      }
    }
  });

  it('goes back in time as the clock does (a clock set back, a test clock)', () => {
    const times = [Date.UTC(2026, 0, 1, 0, 0, 5, 7), Date.UTC(2026, 0, 1, 0, 0, 4, 999), Date.UTC(2026, 0, 1, 0, 0, 5, 7), Date.UTC(2025, 5, 1)];
    let i = 0;
    const field = isoTimeField(() => times[i++] as number);
    for (const t of times) expect(field()).toBe(expected(t));
  });

  it('writes the whole ISO text for dates outside years 0000-9999', () => {
    const far = Date.UTC(12000, 0, 1, 0, 0, 0, 42);
    let now = far;
    const field = isoTimeField(() => now);
    expect(field()).toBe(expected(far));
    now = Date.UTC(2026, 0, 1, 0, 0, 0, 1);
    expect(field()).toBe(expected(now));
  });

  it('reads the system clock by default', () => {
    const before = Date.now();
    const text = isoTimeField()();
    const at = Date.parse(text.slice(9, -1));
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });
});
