import { FileModel } from '../../src/lsp/file-model';
import { defaultLanguage } from '../../src/lsp/server';
import { SymbolIndex } from '../../src/lsp/symbol-index';
import type { SymbolOccurrence } from '../../src/lsp/symbol';

const language = defaultLanguage();

const ROUTES = `routes:
  - name: support
    extension: "1000"
    metadata: { queue: support, tier: gold }
    flow: support
  - name: vip
    number: "+1555"
    match: { calendar: { name: office, is: open } }
    steps:
      - label: again
      - say: hi
      - goto: again
dispatch:
  - when: { calendar: office }
    flow: sales
default: menu
`;

const FLOWS = `flows:
  menu:
    - answer
    - label: top
    - menu:
        prompt: { say: "Hi {{ metadata.tier }}" }
        options:
          "1":
            - label: inner
            - transfer_to_queue: sales
            - goto: top
          "2": [{ call: support }]
    - if:
        when: { calendar: office }
        then: [{ http: { service: crm, into: lookup } }]
    - listen_dtmf: { into: pin }
    - say: "{{ vars.pin }} {{ vars.missing }}"
    - transfer_to_queue: "{{ metadata.queue }}"
    - goto: top
  support:
    steps: [answer, { transfer_to_queue: support }]
`;

const TOML = `[flows.sales]
steps = ["answer", { transfer_to_queue = "sales" }, { call = "menu" }]
`;

const JSON_FILE = `{ "routes": [{ "extension": "3000", "flow": "sales" }] }`;

const CONFIG = `app: demo
flows: flows/
calendars:
  office: { timezone: UTC, hours: { mon-fri: "09:00-17:00" } }
http_services:
  crm: { url: "https://crm.example.com" }
`;

const model = (file: string, text: string, role: 'flow' | 'config' = 'flow'): FileModel => new FileModel(file, text, role, language);
const files = {
  routes: model('/p/flows/routes.yaml', ROUTES),
  flows: model('/p/flows/flows.yaml', FLOWS),
  toml: model('/p/flows/sales.toml', TOML),
  json: model('/p/flows/more.json', JSON_FILE),
  config: model('/p/voxtra.config.yaml', CONFIG, 'config'),
};
const index = new SymbolIndex(Object.values(files).map((f) => f.symbols));

/** Occurrences as `file:role:text-at-span`. */
function described(list: readonly SymbolOccurrence[]): string[] {
  const byUri = new Map(Object.values(files).map((f) => [f.uri, f]));
  return list.map((o) => `${o.uri.split('/').pop()}:${o.role}:${byUri.get(o.uri)?.text.slice(o.span.start, o.span.end)}`).sort();
}

describe('the symbol index', () => {
  it('links a flow id across YAML, TOML and JSON files: definitions by key, references from routes, rules, default and call', () => {
    expect(described(index.occurrences({ kind: 'flow', name: 'sales' }))).toEqual(['more.json:reference:sales', 'routes.yaml:reference:sales', 'sales.toml:definition:sales']);
    expect(described(index.occurrences({ kind: 'flow', name: 'menu' }))).toEqual(['flows.yaml:definition:menu', 'routes.yaml:reference:menu', 'sales.toml:reference:menu']);
    expect(described(index.occurrences({ kind: 'flow', name: 'support' }))).toEqual(['flows.yaml:definition:support', 'flows.yaml:reference:support', 'routes.yaml:reference:support']);
    expect(index.names('flow')).toEqual(['menu', 'sales', 'support']);
  });

  it('scopes labels to their flow, or to the route holding inline steps', () => {
    const top = index.occurrences({ kind: 'label', name: 'top', scope: 'flow:menu' });
    expect(described(top)).toEqual(['flows.yaml:definition:top', 'flows.yaml:reference:top', 'flows.yaml:reference:top']);
    const again = index.at(files.routes.uri, ROUTES.indexOf('goto: again') + 7);
    expect(again).toMatchObject({ kind: 'label', role: 'reference', scope: `inline:${files.routes.uri}:routes/1` });
    expect(index.definitions(again!)).toHaveLength(1);
  });

  it('lists the labels a goto can reach: its own list and the enclosing ones', () => {
    expect(index.labelsInScope('flow:menu', ['flows', 'menu'])).toEqual(['top']);
    expect(index.labelsInScope('flow:menu', ['flows', 'menu', 2, 'menu', 'options', '1'])).toEqual(['inner', 'top']);
  });

  it('finds calendars and HTTP services used in flows and declared in the config', () => {
    expect(described(index.occurrences({ kind: 'calendar', name: 'office' }))).toEqual(['flows.yaml:reference:office', 'routes.yaml:reference:office', 'routes.yaml:reference:office', 'voxtra.config.yaml:definition:office']);
    expect(described(index.occurrences({ kind: 'http-service', name: 'crm' }))).toEqual(['flows.yaml:reference:crm', 'voxtra.config.yaml:definition:crm']);
  });

  it('records literal queue names as references only, never templated ones', () => {
    expect(described(index.occurrences({ kind: 'queue', name: 'sales' }))).toEqual(['flows.yaml:reference:sales', 'sales.toml:reference:sales']);
    expect(index.names('queue')).toEqual(['sales', 'support']);
  });

  it('knows the metadata routes set and templates read, and the variables steps set and templates read', () => {
    expect(index.metadataKeys()).toEqual({ set: ['queue', 'tier'], read: ['queue', 'tier'] });
    expect(index.vars()).toEqual({ written: ['lookup', 'lookup_error', 'lookup_status', 'pin', 'pin_status'], read: ['missing', 'pin'] });
  });

  it('finds the name under an offset, the cursor right after it included', () => {
    const at = FLOWS.indexOf('call: support') + 6;
    expect(index.at(files.flows.uri, at)).toMatchObject({ kind: 'flow', name: 'support', role: 'reference' });
    expect(index.at(files.flows.uri, at + 7)).toMatchObject({ name: 'support' });
    expect(index.at(files.flows.uri, at - 2)).toBeUndefined();
    expect(index.flow('support')).toMatchObject({ uri: files.flows.uri, stepsPath: ['flows', 'support', 'steps'] });
    expect(index.flow('menu')).toMatchObject({ stepsPath: ['flows', 'menu'] });
  });
});
