import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileProject } from '../../src/compiler/compile-project';
import { loadProject } from '../../src/config/load-project';
import type { AppSnapshot } from '../../src/ir/types';

const VALID = path.join(__dirname, '../fixtures/valid');
const env = { ARI_PASSWORD: 'secret' };

async function snapshotOf(cwd: string): Promise<AppSnapshot> {
  const result = compileProject(await loadProject({ cwd, env }));
  expect(result.diagnostics).toEqual([]);
  expect(result.apps).toHaveLength(1);
  return result.apps[0].snapshot as AppSnapshot;
}

function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-snap-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('snapshot', () => {
  it('is the same, with the same version, from YAML, TOML and JSON files', async () => {
    const [yaml, toml, json] = await Promise.all(['yaml', 'toml', 'json'].map((f) => snapshotOf(path.join(VALID, f))));
    expect(yaml.version).toMatch(/^[0-9a-f]{12}$/);
    expect(toml.version).toBe(yaml.version);
    expect(json.version).toBe(yaml.version);
    const strip = (s: AppSnapshot): unknown => JSON.parse(JSON.stringify({ ...s, files: [] }, (k, v: unknown) => (k === 'source' && typeof v === 'object' ? undefined : v)));
    expect(strip(toml)).toEqual(strip(yaml));
    expect(strip(json)).toEqual(strip(yaml));
  });

  it('sorts routes by priority then definition order and compiles targets', async () => {
    const s = await snapshotOf(path.join(VALID, 'yaml'));
    expect(s.routes.map((r) => [r.name, r.priority, r.order])).toEqual([
      ['us-outbound', 10, 2],
      ['support', 0, 0],
      ['vip', 0, 1],
      ['closed', 0, 3],
    ]);
    const [us, support, vip, closed] = s.routes;
    expect(us.match.map((c) => [c.field, c.matcher])).toEqual([
      ['extension', { kind: 'regex', source: '^1[2-9][0-9]{9}$', flags: '' }],
      ['number', { kind: 'prefix', value: '+1' }],
      ['header.X-Tenant', { kind: 'exact', value: 'acme' }],
    ]);
    expect(us.rewrite).toEqual({ number: { regex: '^\\+1', flags: '', replace: '' } });
    expect(support.metadata).toEqual({ queue: 'support', priority: 'high' });
    expect(vip.target).toEqual({ kind: 'flow', flow: '@route/vip' });
    expect(closed.match).toEqual([expect.objectContaining({ field: 'extension', matcher: { kind: 'pattern', value: '_2XXX' } })]);
    expect(closed.when).toEqual({ kind: 'calendar', calendar: 'office', state: 'closed' });
    expect(closed.target).toEqual({ kind: 'reject', cause: 'busy' });
    expect(s.defaultTarget).toEqual({ kind: 'flow', flow: 'menu' });
    expect(s.dispatch.map((d) => d.kind)).toEqual(['match', 'http']);
    expect(s.dispatch[1]).toMatchObject({ kind: 'http', url: 'http://route-engine/decision', timeoutMs: 500, headers: {} });
    expect(s.lazyFacts).toEqual(['header.X-Tenant', 'var.TENANT']);
    expect(s.settings).toEqual({ queuesContext: 'voxtra-queues', calendars: { office: { timezone: 'Europe/London', week: [[], [], [], [], [], [], []], holidays: [], closures: [] } }, maxStepsPerCall: 1000, maxCallDepth: 8 });
    expect(s.files).toEqual(['flows/10-routes.yaml', 'flows/20-flows.yaml']);
  });

  it('turns inline steps into synthetic flows and gives steps layout-based ids', async () => {
    const s = await snapshotOf(path.join(VALID, 'yaml'));
    const vip = s.flows['@route/vip'];
    expect(vip.synthetic).toBe(true);
    expect(vip.steps.map((st) => [st.type, st.id])).toEqual([
      ['answer', '@route/vip.steps[0]'],
      ['say', '@route/vip.steps[1]'],
      ['transfer_to_queue', '@route/vip.steps[2]'],
    ]);
    expect(s.flows.support.synthetic).toBe(false);
    expect(s.flows.support.steps[1].id).toBe('support.steps[1]');
    expect(s.flows.sales.description).toBe('Sales line');
    const menu = s.flows.menu.steps[2];
    expect(menu.type).toBe('menu');
    expect(menu.source).toMatchObject({ file: 'flows/20-flows.yaml', line: 16, column: 9 });
    const options = (menu.params as { options: { key: string; steps: { id: string }[] }[] }).options;
    expect(options.find((o) => o.key === '1')?.steps[0].id).toBe('menu.steps[2].menu.options["1"][0]');
  });

  it('is deeply frozen', async () => {
    const s = await snapshotOf(path.join(VALID, 'yaml'));
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.routes[0].match[0].matcher)).toBe(true);
    expect(Object.isFrozen(s.flows.menu.steps[2].params)).toBe(true);
    expect(() => (s.routes as unknown as unknown[]).push({})).toThrow(TypeError);
  });

  it('keeps its version when only formatting changes, and changes it when meaning changes', async () => {
    const base = 'default: main\nflows:\n  main: [answer, { say: "Hi" }]\n';
    const reformatted = '# a comment\ndefault: "main"\nflows:\n  main:\n    - answer\n    - say: Hi\n';
    const changed = 'default: main\nflows:\n  main: [answer, { say: "Hello" }]\n';
    const v = async (text: string): Promise<string> => (await snapshotOf(tempProject({ 'flows/main.yaml': text }))).version;
    const first = await v(base);
    expect(await v(reformatted)).toBe(first);
    expect(await v(changed)).not.toBe(first);
  });

  it('changes its version when a regex or a condition expression changes', async () => {
    const text = (regex: string, expr: string): string =>
      `routes:\n  - { extension: { regex: "${regex}" }, flow: main }\ndefault: main\nflows:\n  main:\n    - listen_dtmf: { into: d }\n    - if: { when: '${expr}', then: [hangup] }\n`;
    const v = async (t: string): Promise<string> => (await snapshotOf(tempProject({ 'flows/main.yaml': t }))).version;
    const first = await v(text('^1', 'vars.d == "1"'));
    expect(await v(text('^2', 'vars.d == "1"'))).not.toBe(first);
    expect(await v(text('^1', 'vars.d == "2"'))).not.toBe(first);
    expect(await v(text('^1', 'vars.d == "1"'))).toBe(first);
  });

  it('compiles apps independently: a broken app does not block another', async () => {
    const dir = tempProject({
      'voxtra.config.yaml': 'apps:\n  - { name: good, flows: good/ }\n  - { name: bad, flows: bad/ }\n',
      'good/main.yaml': 'default: [answer]\n',
      'bad/main.yaml': 'default: [answr]\n',
    });
    const result = compileProject(await loadProject({ cwd: dir, env }));
    const [good, bad] = result.apps;
    expect(good.snapshot?.app).toBe('good');
    expect(good.diagnostics).toEqual([]);
    expect(bad.snapshot).toBeUndefined();
    expect(bad.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['UNKNOWN_STEP', 'bad/main.yaml', 1, 11]]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['UNKNOWN_STEP']);
  });

  it('builds a snapshot when there are only warnings', async () => {
    const dir = tempProject({ 'flows/main.yaml': 'routes:\n  - { extension: "1", flow: main }\nflows:\n  main: [answer]\n' });
    const result = compileProject(await loadProject({ cwd: dir, env }));
    expect(result.diagnostics.map((d) => d.code)).toEqual(['NO_DEFAULT']);
    expect(result.apps[0].snapshot?.routes).toHaveLength(1);
  });
});
