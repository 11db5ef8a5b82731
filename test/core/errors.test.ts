import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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

describe('error classes', () => {
  it('src defines no Error subclass but VoxtraError and AbortError (the platform\'s cancellation shape)', () => {
    const root = path.join(__dirname, '../../src');
    const found: string[] = [];
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const file = path.join(entry.parentPath, entry.name);
      for (const m of readFileSync(file, 'utf8').matchAll(/class (\w+) extends (\w*Error)\b/g)) found.push(`${path.relative(root, file)}: ${m[1]} extends ${m[2]}`);
    }
    expect(found.sort()).toEqual(['core/clock.ts: AbortError extends Error', 'core/errors.ts: VoxtraError extends Error']);
  });
});
