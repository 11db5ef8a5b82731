import { compileProject } from '../../src/compiler/compile-project';
import { loadProject } from '../../src/config/load-project';
import { tempProject } from '../config/temp-project';

// A config with errors still says which apps there are and what they may
// name: their flows are checked in the same pass (never run), and what the
// broken part of the config decides is not reported again in the flows.

const FLOW = [
  'routes:',
  '  - { extension: "1", match: { calendar: office }, flow: main }',
  '  - { extension: "2", match: { calendar: nowhere }, flow: main }',
  'default: main',
  'flows:',
  '  main:',
  '    - http: { service: crm, path: /x, into: c }',
  '    - http: { service: erp, path: /x, into: o }',
  '    - sya: hi',
  '',
].join('\n');

async function check(files: Record<string, string>): Promise<{ codes: string[]; snapshots: number; config: boolean; apps: string[] }> {
  const project = await loadProject({ cwd: tempProject(files), env: {} });
  const compiled = compileProject(project);
  return {
    codes: compiled.diagnostics.map((d) => `${d.code}@${d.file ?? ''}:${d.line ?? ''}`),
    snapshots: compiled.apps.filter((a) => a.snapshot).length,
    config: project.config !== undefined,
    apps: compiled.apps.map((a) => a.name),
  };
}

describe('a config with errors', () => {
  it('still checks the flows against the sections it could read, and builds no snapshot', async () => {
    const r = await check({
      'voxtra.config.yaml': 'flows: flows/\nlog: { level: loud }\ncalendars:\n  office: { timezone: UTC }\nhttp_services:\n  crm: { url: "http://crm.example.com" }\n',
      'flows/main.yaml': FLOW,
    });
    expect(r.codes).toEqual(['UNKNOWN_CALENDAR@flows/main.yaml:3', 'UNKNOWN_HTTP_SERVICE@flows/main.yaml:8', 'UNKNOWN_STEP@flows/main.yaml:9', 'SCHEMA_VALUE@voxtra.config.yaml:2']);
    expect(r).toMatchObject({ snapshots: 0, config: false, apps: ['voxtra'] });
  });

  it('builds no snapshot even when the flows themselves are clean', async () => {
    const r = await check({ 'voxtra.config.yaml': 'flows: flows/\nlog: { level: loud }\n', 'flows/main.yaml': 'default: [answer]\n' });
    expect(r).toEqual({ codes: ['SCHEMA_VALUE@voxtra.config.yaml:2'], snapshots: 0, config: false, apps: ['voxtra'] });
  });

  it('keeps the names of entries that have problems declared', async () => {
    const r = await check({
      'voxtra.config.yaml': 'flows: flows/\ncalendars:\n  office: { timezone: UTC, hours: 5 }\nhttp_services:\n  crm: { url: "http://crm.example.com", timout: 2s }\n',
      'flows/main.yaml': FLOW,
    });
    expect(r.codes).toEqual([
      'UNKNOWN_CALENDAR@flows/main.yaml:3',
      'UNKNOWN_HTTP_SERVICE@flows/main.yaml:8',
      'UNKNOWN_STEP@flows/main.yaml:9',
      'SCHEMA_TYPE@voxtra.config.yaml:3',
      'SCHEMA_UNKNOWN_PROPERTY@voxtra.config.yaml:5',
    ]);
  });

  it('keeps names declared when only the checks after the schema fail (a bad URL)', async () => {
    const r = await check({ 'voxtra.config.yaml': 'flows: flows/\nhttp_services:\n  crm: { url: "http://user:pw@crm.example.com" }\ncalendars: { office: { timezone: UTC } }\n', 'flows/main.yaml': FLOW });
    expect(r.codes).toEqual(['UNKNOWN_CALENDAR@flows/main.yaml:3', 'UNKNOWN_HTTP_SERVICE@flows/main.yaml:8', 'UNKNOWN_STEP@flows/main.yaml:9', 'SCHEMA_VALUE@voxtra.config.yaml:3']);
    expect(r.snapshots).toBe(0);
  });

  it('is quiet about names in a section it could not read at all', async () => {
    const r = await check({ 'voxtra.config.yaml': 'flows: flows/\ncalendars: 5\nhttp_services: [crm]\n', 'flows/main.yaml': FLOW });
    expect(r.codes).toEqual(['UNKNOWN_STEP@flows/main.yaml:9', 'SCHEMA_TYPE@voxtra.config.yaml:2', 'SCHEMA_TYPE@voxtra.config.yaml:3']);
  });

  it('takes a misspelt section for the section it was meant to be', async () => {
    const r = await check({ 'voxtra.config.yaml': 'flows: flows/\ncalender:\n  office: { timezone: UTC }\nhttp_services:\n  crm: { url: "http://crm.example.com" }\n', 'flows/main.yaml': FLOW });
    expect(r.codes).toEqual(['UNKNOWN_HTTP_SERVICE@flows/main.yaml:8', 'UNKNOWN_STEP@flows/main.yaml:9', 'SCHEMA_UNKNOWN_PROPERTY@voxtra.config.yaml:2']);
  });

  it('checks the other apps when one app entry is broken', async () => {
    const r = await check({
      'voxtra.config.yaml': 'apps:\n  - { name: a, flows: a/ }\n  - { name: b, flows: 5 }\n  - { name: c, flows: c/, queues: { context: "bad context!" } }\n',
      'a/main.yaml': 'default: [answr]\n',
      'c/main.yaml': 'default: [hangpu]\n',
    });
    expect(r.codes).toEqual(['UNKNOWN_STEP@a/main.yaml:1', 'UNKNOWN_STEP@c/main.yaml:1', 'SCHEMA_TYPE@voxtra.config.yaml:3', 'SCHEMA_VALUE@voxtra.config.yaml:4']);
    expect(r.apps).toEqual(['a', 'c']);
  });

  it('checks no flows when which files to read is not known', async () => {
    for (const config of ['flows: 5\n', 'apps: []\n', 'aps:\n  - { name: a, flows: flows/ }\n']) {
      const r = await check({ 'voxtra.config.yaml': config, 'flows/main.yaml': 'default: [answr]\n' });
      expect(r.apps).toEqual([]);
      expect(r.codes.every((c) => c.includes('voxtra.config.yaml'))).toBe(true);
    }
  });

  it('checks the flows when ${...} in an unrelated section is undefined', async () => {
    const r = await check({ 'voxtra.config.yaml': 'flows: flows/\nari: { url: "http://127.0.0.1:8088", password: "${NOPE}" }\n', 'flows/main.yaml': 'default: [answr]\n' });
    expect(r.codes).toEqual(['UNKNOWN_STEP@flows/main.yaml:1', 'ENV_UNDEFINED@voxtra.config.yaml:2']);
  });
});
