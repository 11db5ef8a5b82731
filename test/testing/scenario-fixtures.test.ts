import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DIAGNOSTIC_CODES } from '../../src/diagnostics/codes';
import { runTests } from '../../src/testing/run-tests';

// Each folder under test/fixtures/scenarios/ is a small project (flows/ and a
// scenario file) whose expected.json lists every diagnostic `voxtra test`
// must report for it, with code, severity, file, line and column, and no other.
const ROOT = path.join(__dirname, '../fixtures/scenarios');
const cases = readdirSync(ROOT).sort();

interface Expected {
  code: string;
  severity: string;
  file?: string;
  line: number | null;
  column: number | null;
}

describe('scenario file fixtures', () => {
  it.each(cases)('%s reports exactly its expected diagnostics, as a usage error', async (name) => {
    const expected = JSON.parse(readFileSync(path.join(ROOT, name, 'expected.json'), 'utf8')) as Expected[];
    const outcome = await runTests({ cwd: path.join(ROOT, name), env: {}, paths: ['flows/'] });
    expect(outcome.kind).toBe('usage');
    const got = outcome.diagnostics.map((d) => ({ code: d.code, severity: d.severity, file: d.file, line: d.line ?? null, column: d.column ?? null }));
    expect(got).toEqual(expected);
    expect(got.map((d) => d.code)).toContain(name);
  });

  it('cover every scenario diagnostic code', () => {
    const scenarioCodes = Object.keys(DIAGNOSTIC_CODES).filter((c) => c.includes('SCENARIO'));
    expect(scenarioCodes.length).toBeGreaterThanOrEqual(7);
    expect(scenarioCodes.filter((c) => !cases.includes(c))).toEqual([]);
  });
});
