import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileProject } from '../../src/compiler/compile-project';
import { loadProject } from '../../src/config/load-project';
import { DIAGNOSTIC_CODES } from '../../src/diagnostics/codes';

// Each folder under test/fixtures/invalid/ is a small project (a config
// and/or flows/) with expected.json: every diagnostic it must produce, with
// code, severity, file, line and column (and related places), and no other.

interface Expected {
  code: string;
  severity: string;
  file?: string;
  line: number | null;
  column: number | null;
  related?: { file?: string; line?: number; column?: number }[];
}

const ROOT = path.join(__dirname, '../fixtures/invalid');
const cases = readdirSync(ROOT).sort();

async function diagnosticsOf(name: string): Promise<Expected[]> {
  const project = await loadProject({ cwd: path.join(ROOT, name), env: {} });
  return compileProject(project).diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    file: d.file,
    line: d.line ?? null,
    column: d.column ?? null,
    ...(d.related ? { related: d.related.map((r) => ({ file: r.file, line: r.line, column: r.column })) } : {}),
  }));
}

describe('invalid fixtures', () => {
  it.each(cases)('%s reports exactly its expected diagnostics', async (name) => {
    const expected = JSON.parse(readFileSync(path.join(ROOT, name, 'expected.json'), 'utf8')) as Expected[];
    expect(expected.length).toBeGreaterThan(0);
    expect(await diagnosticsOf(name)).toEqual(expected);
  });

  it('cover every diagnostic code', () => {
    const seen = new Set<string>();
    for (const name of cases) {
      for (const d of JSON.parse(readFileSync(path.join(ROOT, name, 'expected.json'), 'utf8')) as Expected[]) seen.add(d.code);
    }
    // Codes about `voxtra test` scenario files have their fixtures in test/fixtures/scenarios (test/testing/scenario-fixtures.test.ts).
    const SCENARIOS = path.join(__dirname, '../fixtures/scenarios');
    for (const name of readdirSync(SCENARIOS)) {
      for (const d of JSON.parse(readFileSync(path.join(SCENARIOS, name, 'expected.json'), 'utf8')) as Expected[]) seen.add(d.code);
    }
    const missing = Object.keys(DIAGNOSTIC_CODES).filter((c) => !seen.has(c));
    expect(missing).toEqual([]);
  });

  it('name the code they are about (a folder per code, plus format and merge cases)', () => {
    for (const name of cases.filter((n) => n in DIAGNOSTIC_CODES)) {
      const codes = (JSON.parse(readFileSync(path.join(ROOT, name, 'expected.json'), 'utf8')) as Expected[]).map((d) => d.code);
      expect(codes).toContain(name);
    }
  });
});
