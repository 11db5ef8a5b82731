import { DIAGNOSTIC_CODES, type DiagnosticCode } from './codes';

const SECTIONS: { title: string; first: DiagnosticCode }[] = [
  { title: 'Loading and parsing', first: 'FILE_NOT_FOUND' },
  { title: 'Schema', first: 'SCHEMA_UNKNOWN_PROPERTY' },
  { title: 'Merging an app\'s files', first: 'DUPLICATE_DEFAULT' },
  { title: 'Semantic checks', first: 'UNKNOWN_FLOW' },
  { title: 'Scenario files (`voxtra test`)', first: 'NO_SCENARIO_FILES' },
];

/**
 * docs/diagnostics.md, generated from the code registry so the reference can
 * never drift from the codes (regenerate after adding a code:
 * `node -e "process.stdout.write(require('./dist/diagnostics/docs-markdown').renderDiagnosticsDoc())" > docs/diagnostics.md`).
 */
export function renderDiagnosticsDoc(): string {
  const codes = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];
  const out: string[] = [
    '# Diagnostics',
    '',
    '<!-- Generated from src/diagnostics/codes.ts by renderDiagnosticsDoc(); do not edit by hand. -->',
    '',
    '`voxtra validate` reports every problem once, with a stable code, its place',
    '(`file:line:column` and the JSON path), and a one-line hint. Codes are never',
    'renamed, so CI scripts and editors can rely on them. Errors make',
    '`voxtra validate` exit with status 1 and keep the app from running; warnings',
    'do not (unless `--warnings-as-errors`).',
    '',
    'Semantic checks run once an app\'s files are free of parse, schema and merge',
    'errors, so one mistake is not reported again as a cascade of follow-on problems.',
    '',
    '| Code | Severity | Meaning |',
    '|---|---|---|',
    ...codes.map((c) => `| [\`${c}\`](#${c.toLowerCase()}) | ${DIAGNOSTIC_CODES[c].severity} | ${DIAGNOSTIC_CODES[c].title} |`),
    '',
  ];
  codes.forEach((code) => {
    const section = SECTIONS.find((s) => s.first === code);
    if (section) out.push(`## ${section.title}`, '');
    const entry = DIAGNOSTIC_CODES[code];
    out.push(`### ${code}`, '', `**${entry.severity}** — ${entry.title}`, '', `Hint: ${entry.hint}`, '');
  });
  return `${out.join('\n').trimEnd()}\n`;
}
