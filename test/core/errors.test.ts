import { ERROR_CODES, isVoxtraError, VoxtraError } from '../../src/core/errors';
import { DIAGNOSTIC_CODES } from '../../src/diagnostics/codes';

describe('error registry', () => {
  it('shares no code with the diagnostic registry', () => {
    const both = Object.keys(ERROR_CODES).filter((code) => Object.hasOwn(DIAGNOSTIC_CODES, code));
    expect(both).toEqual([]);
  });

  it('describes every code, and a VoxtraError without a message carries the description', () => {
    for (const [code, description] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(description.length).toBeGreaterThan(10);
    }
    const err = new VoxtraError('SHUTDOWN');
    expect(err.message).toBe(ERROR_CODES.SHUTDOWN);
    expect(isVoxtraError(err)).toBe(true);
    expect(isVoxtraError(err, 'SHUTDOWN')).toBe(true);
    expect(isVoxtraError(err, 'SIMULATOR')).toBe(false);
    expect(isVoxtraError(new Error('x'))).toBe(false);
  });
});
