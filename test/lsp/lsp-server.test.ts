/**
 * `voxtra lsp` end to end: the real binary over stdio, spoken to with
 * vscode-jsonrpc as an editor would. A two-file app (routes in one file, the
 * flows in another) plus a config and a TOML file.
 */
import { rmSync } from 'node:fs';
import type { Diagnostic, Location, WorkspaceEdit } from 'vscode-languageserver';
import { tempProject } from '../config/temp-project';
import { LspTestClient, positionOf } from './lsp-test-client';

const CONFIG = `app: demo
flows: flows/
log: { level: info }
calendars:
  office:
    timezone: Europe/London
    hours:
      mon-fri: "09:00-17:30"
http_services:
  crm:
    url: https://crm.example.com/api
`;

const ROUTES = `routes:
  - name: support
    extension: "1000"
    metadata: { queue: support }
    flow: support
  - name: sales
    extension: "2000"
    match:
      calendar: office
    flow: sales
default: support
`;

const FLOWS = `flows:
  support:
    description: The support line.
    steps:
      - answer
      - label: top
      - say: "Hello, {{ metadata.queue }}"
      - listen_dtmf: { into: choice }
      - goto: { label: top, max: 3 }
      - transfer_to_queue: support
  sales:
    steps:
      - answer
      - http: { service: crm, path: /lookup }
      - call: support
`;

const TOML = `[flows.billing]
steps = ["answer", { transfer_to_queue = "billing" }]
`;

const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code));

describe('voxtra lsp over stdio', () => {
  let root: string;
  let lsp: LspTestClient;

  beforeAll(async () => {
    root = tempProject({ 'voxtra.config.yaml': CONFIG, 'flows/routes.yaml': ROUTES, 'flows/flows.yaml': FLOWS, 'flows/billing.toml': TOML });
    lsp = await LspTestClient.start(root);
  });

  afterAll(async () => {
    await lsp?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes diagnostics for both files of the app when one changes, and clears them when fixed', async () => {
    await lsp.open('flows/routes.yaml', ROUTES);
    // Only routes.yaml is open: an unknown flow there and a dangling goto in the other file (as on disk) both show.
    const broken = ROUTES.replace('flow: support', 'flow: suport');
    const mark = lsp.published.length;
    await lsp.change('flows/routes.yaml', broken);
    const routes = await lsp.diagnostics('flows/routes.yaml', (d) => codes(d).includes('UNKNOWN_FLOW'), mark);
    const unknown = routes.diagnostics.find((d) => d.code === 'UNKNOWN_FLOW');
    expect(unknown).toMatchObject({ severity: 1, source: 'voxtra', range: { start: positionOf(broken, 'suport'), end: positionOf(broken, 'suport', 6) } });
    expect(unknown?.message).toContain('flow "suport", which does not exist');
    expect(unknown?.message).toContain('support'); // the did-you-mean hint, under the message
    expect(unknown?.codeDescription?.href).toMatch(/diagnostics\.md#unknown_flow$/);

    await lsp.open('flows/flows.yaml', FLOWS);
    const dangling = FLOWS.replace('label: top, max', 'label: tpo, max');
    const mark2 = lsp.published.length;
    await lsp.change('flows/flows.yaml', dangling);
    const flows = await lsp.diagnostics('flows/flows.yaml', (d) => codes(d).includes('UNKNOWN_LABEL'), mark2);
    expect(flows.diagnostics.find((d) => d.code === 'UNKNOWN_LABEL')?.range.start.line).toBe(positionOf(dangling, '- goto').line);
    // The same compile still has routes.yaml's problem, published again for that file.
    expect(codes((await lsp.diagnostics('flows/routes.yaml', () => true, mark2)).diagnostics)).toContain('UNKNOWN_FLOW');

    const mark3 = lsp.published.length;
    await lsp.change('flows/routes.yaml', ROUTES);
    await lsp.change('flows/flows.yaml', FLOWS);
    expect((await lsp.diagnostics('flows/routes.yaml', (d) => !codes(d).includes('UNKNOWN_FLOW'), mark3)).diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    expect((await lsp.diagnostics('flows/flows.yaml', (d) => !codes(d).includes('UNKNOWN_LABEL'), mark3)).diagnostics.filter((d) => d.severity === 1)).toEqual([]);
  });

  it('points a flow defined twice at the other file through relatedInformation', async () => {
    const twice = `${ROUTES}flows:\n  sales:\n    - hangup\n`;
    const mark = lsp.published.length;
    await lsp.change('flows/routes.yaml', twice);
    const dup = (await lsp.diagnostics('flows/routes.yaml', (d) => codes(d).includes('DUPLICATE_FLOW'), mark)).diagnostics.find((d) => d.code === 'DUPLICATE_FLOW');
    expect(dup?.relatedInformation?.[0]?.location.uri).toBe(lsp.uri('flows/flows.yaml'));
    expect(dup?.relatedInformation?.[0]?.location.range.start.line).toBe(positionOf(FLOWS, 'sales:').line);
    const mark2 = lsp.published.length;
    await lsp.change('flows/routes.yaml', ROUTES);
    await lsp.diagnostics('flows/routes.yaml', (d) => !codes(d).includes('DUPLICATE_FLOW'), mark2);
  });

  it('reports config problems on the config file', async () => {
    const bad = CONFIG.replace('level: info', 'level: loud');
    await lsp.open('voxtra.config.yaml', bad);
    const config = await lsp.diagnostics('voxtra.config.yaml', (d) => codes(d).includes('SCHEMA_VALUE'));
    expect(config.diagnostics[0].range.start).toEqual(positionOf(bad, 'loud'));
    const mark = lsp.published.length;
    await lsp.change('voxtra.config.yaml', CONFIG);
    await lsp.diagnostics('voxtra.config.yaml', (d) => d.length === 0, mark);
  });

  it('jumps from a route\'s flow: to the flow in the other file, and from a goto to its label', async () => {
    const def = (await lsp.definition('flows/routes.yaml', positionOf(ROUTES, 'flow: support', 8))) as Location[];
    expect(def).toEqual([{ uri: lsp.uri('flows/flows.yaml'), range: { start: positionOf(FLOWS, 'support:'), end: positionOf(FLOWS, 'support:', 7) } }]);
    const toml = (await lsp.definition('flows/routes.yaml', positionOf(ROUTES, 'default: support', 10))) as Location[];
    expect(toml[0].uri).toBe(lsp.uri('flows/flows.yaml'));
    const label = (await lsp.definition('flows/flows.yaml', positionOf(FLOWS, 'label: top, max', 8))) as Location[];
    expect(label).toEqual([{ uri: lsp.uri('flows/flows.yaml'), range: { start: positionOf(FLOWS, 'top'), end: positionOf(FLOWS, 'top', 3) } }]);
    const calendar = (await lsp.definition('flows/routes.yaml', positionOf(ROUTES, 'office', 2))) as Location[];
    expect(calendar).toEqual([{ uri: lsp.uri('voxtra.config.yaml'), range: { start: positionOf(CONFIG, 'office'), end: positionOf(CONFIG, 'office', 6) } }]);
    const service = (await lsp.definition('flows/flows.yaml', positionOf(FLOWS, 'crm', 1))) as Location[];
    expect(service[0]).toMatchObject({ uri: lsp.uri('voxtra.config.yaml'), range: { start: positionOf(CONFIG, 'crm:') } });
  });

  it('jumps into a TOML file: a call to a flow defined under [flows.billing]', async () => {
    const withCall = FLOWS.replace('      - call: support', '      - call: billing');
    await lsp.change('flows/flows.yaml', withCall);
    const def = (await lsp.definition('flows/flows.yaml', positionOf(withCall, 'call: billing', 7))) as Location[];
    expect(def).toEqual([{ uri: lsp.uri('flows/billing.toml'), range: { start: positionOf(TOML, 'billing'), end: positionOf(TOML, 'billing', 7) } }]);
    await lsp.change('flows/flows.yaml', FLOWS);
  });

  it('finds every reference of a flow id across files', async () => {
    const refs = (await lsp.references('flows/flows.yaml', positionOf(FLOWS, 'support:', 2))) ?? [];
    const places = refs.map((l) => `${l.uri.split('/').pop()}:${l.range.start.line}`).sort();
    expect(places).toEqual(
      [
        `flows.yaml:${positionOf(FLOWS, 'support:').line}`,
        `flows.yaml:${positionOf(FLOWS, 'call: support').line}`,
        `routes.yaml:${positionOf(ROUTES, 'flow: support').line}`,
        `routes.yaml:${positionOf(ROUTES, 'default: support').line}`,
      ].sort(),
    );
    const withoutDeclaration = (await lsp.references('flows/flows.yaml', positionOf(FLOWS, 'support:', 2), false)) ?? [];
    expect(withoutDeclaration).toHaveLength(3);
  });

  it('completes a label after goto:, flow ids, step names with their keys, and template variables', async () => {
    const typing = FLOWS.replace('      - transfer_to_queue: support', '      - goto: \n      - transfer_to_queue: support');
    await lsp.change('flows/flows.yaml', typing);
    const labels = await lsp.completion('flows/flows.yaml', positionOf(typing, 'goto: \n', 6));
    expect(labels.map((i) => i.label)).toEqual(['top']);
    expect(labels[0].textEdit).toMatchObject({ newText: 'top' });

    const call = FLOWS.replace('call: support', 'call: ');
    await lsp.change('flows/flows.yaml', call);
    expect((await lsp.completion('flows/flows.yaml', positionOf(call, 'call: ', 6))).map((i) => i.label)).toEqual(['billing', 'sales', 'support']);

    const step = FLOWS.replace('      - call: support', '      - call: support\n      - ');
    await lsp.change('flows/flows.yaml', step);
    const steps = await lsp.completion('flows/flows.yaml', positionOf(step, 'call: support\n      - ', 22));
    expect(steps.map((i) => i.label)).toEqual(expect.arrayContaining(['answer', 'menu', 'say', 'transfer_to_queue']));
    expect(steps.find((i) => i.label === 'menu')?.textEdit).toMatchObject({ newText: 'menu: ' });
    expect(steps.find((i) => i.label === 'answer')?.textEdit).toMatchObject({ newText: 'answer' });

    const keys = FLOWS.replace('      - listen_dtmf: { into: choice }', '      - listen_dtmf:\n          into: choice\n          ');
    await lsp.change('flows/flows.yaml', keys);
    const listenKeys = (await lsp.completion('flows/flows.yaml', positionOf(keys, 'into: choice\n          ', 23))).map((i) => i.label);
    expect(listenKeys).toEqual(expect.arrayContaining(['prompt', 'max_digits', 'timeout']));
    expect(listenKeys).not.toContain('into');

    const vars = FLOWS.replace('Hello, {{ metadata.queue }}', 'Hello, {{ vars. }}');
    await lsp.change('flows/flows.yaml', vars);
    expect((await lsp.completion('flows/flows.yaml', positionOf(vars, '{{ vars. }}', 8))).map((i) => i.label)).toEqual(['choice', 'choice_status', 'http', 'http_error', 'http_status']);
    const meta = FLOWS.replace('Hello, {{ metadata.queue }}', 'Hello, {{ metadata. }}');
    await lsp.change('flows/flows.yaml', meta);
    expect((await lsp.completion('flows/flows.yaml', positionOf(meta, '{{ metadata. }}', 12))).map((i) => i.label)).toEqual(['queue']);
    const callFields = (await lsp.completion('flows/flows.yaml', positionOf(meta, '{{ metadata', 3))).map((i) => i.label);
    expect(callFields).toEqual(['call', 'metadata', 'vars']);
    await lsp.change('flows/flows.yaml', FLOWS);
  });

  it('completes calendars and the metadata keys templates read', async () => {
    const calendar = ROUTES.replace('calendar: office', 'calendar: ');
    await lsp.change('flows/routes.yaml', calendar);
    expect((await lsp.completion('flows/routes.yaml', positionOf(calendar, 'calendar: ', 10))).map((i) => i.label)).toEqual(['office']);
    const metadata = ROUTES.replace('    metadata: { queue: support }\n', '').replace('    extension: "2000"\n', '    extension: "2000"\n    metadata:\n      \n');
    await lsp.change('flows/routes.yaml', metadata);
    expect((await lsp.completion('flows/routes.yaml', positionOf(metadata, 'metadata:\n      ', 16))).map((i) => i.label)).toEqual(['queue']);
    await lsp.change('flows/routes.yaml', ROUTES);
  });

  it('hovers a key with its schema description, and a flow id with its first steps', async () => {
    const key = await lsp.hover('flows/routes.yaml', positionOf(ROUTES, 'extension', 2));
    expect(key?.contents).toMatchObject({ kind: 'markdown' });
    expect((key?.contents as { value: string }).value).toContain('The dialled extension must match.');
    const step = await lsp.hover('flows/flows.yaml', positionOf(FLOWS, 'listen_dtmf', 3));
    expect((step?.contents as { value: string }).value).toContain('Collects DTMF digits');
    const flow = await lsp.hover('flows/routes.yaml', positionOf(ROUTES, 'flow: support', 8));
    const text = (flow?.contents as { value: string }).value;
    expect(text).toContain('flow **support**');
    expect(text).toContain('The support line.');
    expect(text).toContain('- answer\n- label: top\n- say: "Hello, {{ metadata.queue }}"');
  });

  it('renames a flow id in every file of the app, and refuses what is not a flow id or a label', async () => {
    expect(await lsp.prepareRename('flows/routes.yaml', positionOf(ROUTES, 'flow: support', 8))).toEqual({ range: { start: positionOf(ROUTES, 'flow: support', 6), end: positionOf(ROUTES, 'flow: support', 13) }, placeholder: 'support' });
    expect(await lsp.prepareRename('flows/routes.yaml', positionOf(ROUTES, 'extension', 2))).toBeNull();
    await expect(lsp.prepareRename('flows/flows.yaml', positionOf(FLOWS, 'transfer_to_queue: support', 21))).rejects.toThrow('only flow ids and labels can be renamed');
    await expect(lsp.rename('flows/routes.yaml', positionOf(ROUTES, 'flow: support', 8), 'no spaces')).rejects.toThrow('is not a flow id');

    const edit = (await lsp.rename('flows/routes.yaml', positionOf(ROUTES, 'flow: support', 8), 'helpdesk')) as WorkspaceEdit;
    expect(Object.keys(edit.changes ?? {}).sort()).toEqual([lsp.uri('flows/flows.yaml'), lsp.uri('flows/routes.yaml')]);
    expect(apply(ROUTES, edit.changes?.[lsp.uri('flows/routes.yaml')] ?? [])).toBe(ROUTES.replace('flow: support', 'flow: helpdesk').replace('default: support', 'default: helpdesk'));
    expect(apply(FLOWS, edit.changes?.[lsp.uri('flows/flows.yaml')] ?? [])).toBe(FLOWS.replace('  support:', '  helpdesk:').replace('call: support', 'call: helpdesk'));

    const label = (await lsp.rename('flows/flows.yaml', positionOf(FLOWS, 'label: top', 8), 'again')) as WorkspaceEdit;
    expect(apply(FLOWS, label.changes?.[lsp.uri('flows/flows.yaml')] ?? [])).toBe(FLOWS.replace('label: top', 'label: again').replace('label: top, max', 'label: again, max'));
  });

  it('serves the config too: hover of a config key, references of a calendar from its declaration', async () => {
    const hover = await lsp.hover('voxtra.config.yaml', positionOf(CONFIG, 'http_services', 3));
    expect((hover?.contents as { value: string }).value).toContain('Named HTTP services that http steps call by name');
    const refs = (await lsp.references('voxtra.config.yaml', positionOf(CONFIG, 'office', 2), false)) ?? [];
    expect(refs).toEqual([{ uri: lsp.uri('flows/routes.yaml'), range: { start: positionOf(ROUTES, 'office'), end: positionOf(ROUTES, 'office', 6) } }]);
  });

  it('exits 0 after shutdown and exit', async () => {
    expect(await lsp.stop()).toBe(0);
  });
});

/** Applies text edits (non-overlapping) to a text. */
function apply(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const offset = (p: { line: number; character: number }): number => text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)).reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}
