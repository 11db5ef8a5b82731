import { formatDuration, formatOffset, parseDuration } from '../../src/core/duration';

describe('formatDuration', () => {
  it('writes exact durations that parse back to the same milliseconds', () => {
    for (const ms of [0, 1, 500, 999, 1000, 1500, 2001, 5000, 59_999, 60_000, 90_000, 120_000, 3_600_000]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
    expect([0, 1500, 90_000, 120_000].map((ms) => formatDuration(ms))).toEqual(['0s', '1500ms', '90s', '2m']);
  });

  it('writes seconds with a fraction above one second when asked (graphs)', () => {
    const short = { fractionalSeconds: true };
    expect([500, 1000, 1500, 2250, 60_000, 90_000].map((ms) => formatDuration(ms, short))).toEqual(['500ms', '1s', '1.5s', '2.25s', '1m', '90s']);
  });
});

describe('formatOffset', () => {
  it('prints a transcript offset right-aligned to seven characters and a unit', () => {
    expect(formatOffset(0)).toBe('   0.00s');
    expect(formatOffset(1450)).toBe('   1.45s');
    expect(formatOffset(123_456)).toBe(' 123.46s');
  });
});
