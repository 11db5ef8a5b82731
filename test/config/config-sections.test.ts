import path from 'node:path';
import { compileProject } from '../../src/compiler/compile-project';
import { loadConfig } from '../../src/config/load-config';
import { loadProject } from '../../src/config/load-project';
import { CalendarSet } from '../../src/calendar';
import { tempProject } from './temp-project';

const YAML_CALENDAR = [
  'calendars:',
  '  support-hours:',
  '    timezone: Europe/London',
  '    hours: { mon-fri: "09:00-17:30" }',
  '    holidays: [2025-12-25, { date: --01-01, name: New Year }]',
  '    closures:',
  '      - { from: 2025-06-11T12:00, to: 2025-06-11T14:00, reason: training }',
  '',
].join('\n');

describe('config: calendars and tts sections', () => {
  it('normalises calendars into specs a CalendarSet runs on', async () => {
    const { config, diagnostics } = await loadConfig({ cwd: tempProject({ 'voxtra.config.yaml': YAML_CALENDAR }), env: {} });
    expect(diagnostics).toEqual([]);
    const spec = config?.calendars['support-hours'];
    expect(spec).toMatchObject({ timezone: 'Europe/London', holidays: [{ date: '2025-12-25' }, { date: '--01-01', name: 'New Year' }] });
    expect(spec?.week[0]).toEqual([[540, 1050]]);
    expect(spec?.closures).toEqual([{ fromMs: Date.UTC(2025, 5, 11, 11), toMs: Date.UTC(2025, 5, 11, 13), reason: 'training' }]);
    const set = new CalendarSet(config?.calendars);
    expect(set.state('support-hours', Date.UTC(2025, 5, 11, 10))).toBe('open'); // 11:00 BST
    expect(set.state('support-hours', Date.UTC(2025, 5, 11, 12))).toBe('closed'); // the training
    expect(set.state('support-hours', Date.UTC(2025, 11, 25, 12))).toBe('holiday');
  });

  it('accepts TOML dates and date-times (smol-toml hands them over as Date objects)', async () => {
    const toml = [
      '[calendars.support]',
      'timezone = "America/New_York"',
      'holidays = [2025-12-25, { date = 2026-01-01, name = "New Year" }]',
      'closures = [{ from = 2025-07-03T12:00:00, to = 2025-07-03T17:00:00 }, { from = 2025-08-01, to = 2025-08-03 }]',
      '[calendars.support.hours]',
      'mon-fri = "08:00-18:00"',
      '',
    ].join('\n');
    const { config, diagnostics } = await loadConfig({ cwd: tempProject({ 'voxtra.config.toml': toml }), env: {} });
    expect(diagnostics).toEqual([]);
    const spec = config?.calendars.support;
    expect(spec?.holidays).toEqual([{ date: '2025-12-25' }, { date: '2026-01-01', name: 'New Year' }]);
    expect(spec?.closures).toEqual([
      { fromMs: Date.UTC(2025, 6, 3, 16), toMs: Date.UTC(2025, 6, 3, 21) },
      // A bare `to` date closes through the end of that day.
      { fromMs: Date.UTC(2025, 7, 1, 4), toMs: Date.UTC(2025, 7, 4, 4) },
    ]);
  });

  it('reports what only the normaliser sees once, at its line and column', async () => {
    const yaml = [
      'calendars:',
      '  support:',
      '    timezone: Mars/Olympus_Mons',
      '    hours:',
      '      mon-fri: "09:00-17:00"',
      '      fri: "10:00-12:00"',
      '    holidays: [2025-02-30]',
      '',
    ].join('\n');
    const { config, diagnostics } = await loadConfig({ cwd: tempProject({ 'voxtra.config.yaml': yaml }), env: {} });
    expect(config).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.message])).toEqual([
      ['SCHEMA_VALUE', 'voxtra.config.yaml', 3, 15, '"Mars/Olympus_Mons" is not an IANA time zone'],
      ['SCHEMA_VALUE', 'voxtra.config.yaml', 6, 12, 'fri is listed twice in hours ("mon-fri" and "fri"); give each day its hours once'],
      ['SCHEMA_VALUE', 'voxtra.config.yaml', 7, 16, '"2025-02-30" is not a real date'],
    ]);
  });

  it('leaves shape errors to the schema, so each problem is reported once', async () => {
    const { diagnostics } = await loadConfig({ cwd: tempProject({ 'voxtra.config.yaml': 'calendars:\n  support:\n    hours: { mon: "9-17" }\n' }), env: {} });
    // The schema reports the missing timezone and the bad range; the normaliser does not run.
    expect(diagnostics.map((d) => d.path.join('.'))).toEqual(expect.arrayContaining(['calendars.support', 'calendars.support.hours.mon']));
    expect(new Set(diagnostics.map((d) => `${d.path.join('.')}|${d.code}`)).size).toBe(diagnostics.length);
  });

  it('normalises tts with paths relative to the config folder', async () => {
    const cwd = tempProject({ 'conf/voxtra.config.yaml': 'tts:\n  dir: cache/tts\n  voice: en-gb\n  espeak: { timeout: 2s }\n' });
    const { config, diagnostics } = await loadConfig({ cwd, configPath: 'conf/voxtra.config.yaml', env: {} });
    expect(diagnostics).toEqual([]);
    expect(config?.tts).toMatchObject({ engine: 'espeak', dir: path.join(cwd, 'conf', 'cache', 'tts'), voice: 'en-gb', mode: 'file', espeak: { binary: 'espeak-ng', timeoutMs: 2000 } });
  });

  it('has no tts settings when the config has no tts section', async () => {
    const { config } = await loadConfig({ cwd: tempProject({ 'voxtra.config.yaml': 'app: voxtra\n' }), env: {} });
    expect(config?.tts).toBeUndefined();
    expect(config?.calendars).toEqual({});
  });

  it('reports a tts problem the schema cannot see (an http url that is not a URL) at its place', async () => {
    const { diagnostics } = await loadConfig({ cwd: tempProject({ 'voxtra.config.yaml': 'tts:\n  engine: http\n  http:\n    url: "http://exa mple/"\n' }), env: {} });
    expect(diagnostics.map((d) => [d.code, d.line, d.path.join('.')])).toEqual([['SCHEMA_VALUE', 4, 'tts.http.url']]);
  });

  it('UNKNOWN_CALENDAR knows the config calendars', async () => {
    const cwd = tempProject({
      'voxtra.config.yaml': YAML_CALENDAR,
      'flows/main.yaml': [
        'routes:',
        '  - extension: "1"',
        '    match: { calendar: { name: support-hours, is: open } }',
        '    flow: main',
        'default: main',
        'flows:',
        '  main:',
        '    steps:',
        '      - if:',
        '          when: { calendar: suport-hours, is: open }',
        '          then: [hangup]',
        '',
      ].join('\n'),
    });
    const compiled = compileProject(await loadProject({ cwd, env: {} }));
    expect(compiled.diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([
      ['UNKNOWN_CALENDAR', 'calendar "suport-hours" is not declared in the config', expect.stringContaining('support-hours')],
    ]);
    expect(compiled.apps[0].snapshot).toBeUndefined();
  });
});
