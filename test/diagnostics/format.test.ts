import { diagnostic, type Diagnostic } from '../../src/diagnostics/diagnostic';
import { formatDiagnostics } from '../../src/diagnostics/format';
import { countSummary } from '../../src/diagnostics/format-pretty';

const diags: Diagnostic[] = [
  diagnostic({ code: 'UNUSED_FLOW', message: 'flow "old" is never used', file: 'flows/b.yaml', path: ['flows', 'old'], line: 4, column: 3 }),
  diagnostic({
    code: 'DUPLICATE_FLOW',
    message: 'flow "menu" is defined twice',
    file: 'flows/b.yaml',
    path: ['flows', 'menu'],
    line: 2,
    column: 3,
    related: [{ message: 'first defined here', file: 'flows/a.yaml', path: ['flows', 'menu'], line: 7, column: 3 }],
  }),
  diagnostic({ code: 'SCHEMA_VALUE', message: 'options key "1,2": 50%\nsecond line', file: 'flows/a,b:c.yaml', path: ['flows', 'm', 'steps', 0, 'menu', 'options', '1,2'], line: 9, column: 11, hint: 'Use digits.' }),
  diagnostic({ code: 'FILE_NOT_FOUND', message: 'flows path "x/" does not exist', path: [] }),
];

describe('formatDiagnostics', () => {
  it('json: an array of diagnostic objects, sorted, with the path formatted', () => {
    expect(JSON.parse(formatDiagnostics(diags, 'json'))).toEqual([
      { code: 'FILE_NOT_FOUND', severity: 'error', message: 'flows path "x/" does not exist', hint: "Check the path; relative paths are resolved against the config file's folder.", path: '$' },
      {
        code: 'SCHEMA_VALUE',
        severity: 'error',
        message: 'options key "1,2": 50%\nsecond line',
        hint: 'Use digits.',
        file: 'flows/a,b:c.yaml',
        line: 9,
        column: 11,
        path: 'flows.m.steps[0].menu.options["1,2"]',
      },
      {
        code: 'DUPLICATE_FLOW',
        severity: 'error',
        message: 'flow "menu" is defined twice',
        hint: 'Rename one of the flows; the other location is listed below.',
        file: 'flows/b.yaml',
        line: 2,
        column: 3,
        path: 'flows.menu',
        related: [{ message: 'first defined here', file: 'flows/a.yaml', line: 7, column: 3, path: 'flows.menu' }],
      },
      { code: 'UNUSED_FLOW', severity: 'warning', message: 'flow "old" is never used', hint: 'Remove it or route calls to it.', file: 'flows/b.yaml', line: 4, column: 3, path: 'flows.old' },
    ]);
  });

  it('json: [] when there is nothing to report', () => {
    expect(formatDiagnostics([], 'json')).toBe('[]\n');
  });

  it('github: one workflow command per diagnostic, escaped', () => {
    expect(formatDiagnostics(diags, 'github')).toBe(
      [
        '::error title=FILE_NOT_FOUND::flows path "x/" does not exist',
        '::error file=flows/a%2Cb%3Ac.yaml,line=9,col=11,title=SCHEMA_VALUE::options key "1,2": 50%25%0Asecond line',
        '::error file=flows/b.yaml,line=2,col=3,title=DUPLICATE_FLOW::flow "menu" is defined twice',
        '::warning file=flows/b.yaml,line=4,col=3,title=UNUSED_FLOW::flow "old" is never used',
        '',
      ].join('\n'),
    );
  });

  it('pretty: file:line:column  severity  CODE  message, then path and hint, then related places', () => {
    expect(formatDiagnostics(diags.slice(0, 2), 'pretty')).toBe(
      [
        'flows/b.yaml:2:3  error  DUPLICATE_FLOW  flow "menu" is defined twice',
        '    at flows.menu — Rename one of the flows; the other location is listed below.',
        '    flows/a.yaml:7:3  first defined here',
        'flows/b.yaml:4:3  warning  UNUSED_FLOW  flow "old" is never used',
        '    at flows.old — Remove it or route calls to it.',
        '',
      ].join('\n'),
    );
  });

  it('pretty: colours only when asked', () => {
    expect(formatDiagnostics(diags, 'pretty')).not.toContain('\x1b[');
    expect(formatDiagnostics(diags, 'pretty', { color: true })).toContain('\x1b[31merror\x1b[0m');
  });

  it('counts errors and warnings for the summary line', () => {
    expect(countSummary(diags)).toBe('3 errors, 1 warning');
    expect(countSummary([])).toBe('no problems');
  });
});
