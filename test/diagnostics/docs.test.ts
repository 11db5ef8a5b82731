import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIAGNOSTIC_CODES } from '../../src/diagnostics/codes';
import { renderDiagnosticsDoc } from '../../src/diagnostics/docs-markdown';

describe('docs/diagnostics.md', () => {
  const doc = renderDiagnosticsDoc();

  it('documents every code with its severity and hint', () => {
    for (const [code, entry] of Object.entries(DIAGNOSTIC_CODES)) {
      expect(doc).toContain(`### ${code}\n\n**${entry.severity}** — ${entry.title}\n\nHint: ${entry.hint}`);
    }
  });

  it('is up to date with the registry (regenerate with the command in src/diagnostics/docs-markdown.ts)', () => {
    expect(readFileSync(path.join(__dirname, '../../docs/diagnostics.md'), 'utf8')).toBe(doc);
  });
});
