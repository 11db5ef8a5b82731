import { DIAGNOSTIC_CODES, type DiagnosticCode } from './codes';

const SECTIONS: { title: string; first: DiagnosticCode }[] = [
  { title: 'Loading and parsing', first: 'FILE_NOT_FOUND' },
  { title: 'Schema', first: 'SCHEMA_UNKNOWN_PROPERTY' },
  { title: 'Merging an app\'s files', first: 'DUPLICATE_DEFAULT' },
  { title: 'Semantic checks', first: 'UNKNOWN_FLOW' },
  { title: 'Scenario files (`voxtra test`)', first: 'NO_SCENARIO_FILES' },
];

// How validation goes on past a schema error (src/compiler/unknowns.ts, broken-step.ts, src/config/salvage-config.ts).
const SCHEMA_ERRORS_SECTION = [
  '## What runs when a file has schema errors',
  '',
  'A schema error stays local to the value that is wrong. The rest of the file,',
  'the app\'s other files and every semantic rule still run, and the rules stay',
  'quiet about what the broken part might have said, so one typo is reported once:',
  '',
  '- A **step** that fails its schema (a misspelt name, a wrong parameter) keeps',
  '  its place as a placeholder no rule reads. Steps nested in it (menu options,',
  '  `if` branches, a prompt) are still checked.',
  '- A **route, dispatch rule or default** with a problem of its own is left out of',
  '  the routing (it shadows nothing), but counts as present (no `EMPTY_APP`); the',
  '  flow it names, its regexes, patterns and templates are still checked. A',
  '  **flow** whose steps cannot be read still exists (no `UNKNOWN_FLOW` for it).',
  '- A flow, variable or metadata key written anywhere inside a broken part may be',
  '  used or set there: no `UNUSED_FLOW`, `UNSET_VARIABLE` (also not for',
  '  `NAME_status`-style companions) or `UNKNOWN_METADATA` about it. A broken',
  '  dispatch rule may be an HTTP router, so `UNKNOWN_METADATA` is quiet then.',
  '- A `goto` is not `UNKNOWN_LABEL` (nor `GOTO_UNBOUNDED`) when a broken step in',
  '  its scope may be that label: a step whose type is `label`, or a typo of it,',
  '  naming it. No step is called unreachable right after a broken step that may',
  '  end its list or be a label.',
  '- A value the schema refused is not checked again by a rule: a route\'s flow id,',
  '  a calendar name, a rewrite with bad flags.',
  '- A file that does not parse, a file that is not a map, or a top-level key the',
  '  schema refuses (`flow:` for `flows:`) leaves the app incomplete: checks of one',
  '  place (steps, regexes, patterns, templates, labels, durations) still run',
  '  everywhere else; checks about the whole app (`UNKNOWN_FLOW`, `UNUSED_FLOW`,',
  '  `NO_DEFAULT`, `EMPTY_APP`, `UNSET_VARIABLE`, `UNKNOWN_METADATA`) wait until it',
  '  is fixed.',
  '',
  'The **config** is cut at the smallest part that keeps the rest valid (a',
  'section, one `apps` entry, one calendar or HTTP service); the rest is still',
  'read and checked, and each app\'s flows are checked against it:',
  '',
  '| A problem in | The apps\' flows |',
  '|---|---|',
  '| one `apps` entry\'s `flows`, or the entry as a whole | that app is not checked; the others are |',
  '| `apps` or the shorthand `flows` as a whole (or a misspelt key that may be one of them) | no app is checked: which files to read is not known |',
  '| one calendar or HTTP service | still checked; its name counts as declared |',
  '| `calendars` or `http_services` as a whole (or misspelt) | checked; `UNKNOWN_CALENDAR` or `UNKNOWN_HTTP_SERVICE` stay quiet |',
  '| any other section (`ari`, `queues`, `http`, `log`, `tts`, `runtime`, an app\'s `queues`) | checked as usual: no flow check depends on it |',
  '',
  'A config that does not parse stops there. An app with any error, in its files',
  'or in the config, never gets a snapshot: nothing with a broken part runs.',
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
    'One run finds every problem: a schema error stays local to the value that is',
    'wrong, and every semantic rule still runs on the rest (see',
    '[What runs when a file has schema errors](#what-runs-when-a-file-has-schema-errors)).',
    '',
    '| Code | Severity | Meaning |',
    '|---|---|---|',
    ...codes.map((c) => `| [\`${c}\`](#${c.toLowerCase()}) | ${DIAGNOSTIC_CODES[c].severity} | ${DIAGNOSTIC_CODES[c].title} |`),
    '',
  ];
  out.push(...SCHEMA_ERRORS_SECTION, '');
  codes.forEach((code) => {
    const section = SECTIONS.find((s) => s.first === code);
    if (section) out.push(`## ${section.title}`, '');
    const entry = DIAGNOSTIC_CODES[code];
    out.push(`### ${code}`, '', `**${entry.severity}** — ${entry.title}`, '', `Hint: ${entry.hint}`, '');
  });
  return `${out.join('\n').trimEnd()}\n`;
}
