import { tempProject } from '../config/temp-project';
import { loadProject } from '../../src/config/load-project';
import { testFlows } from './helpers';

const FLOWS = `
routes:
  - name: support
    extension: "1000"
    flow: support
dispatch:
  - name: route-engine
    http: { url: "http://127.0.0.1:8099/decision", timeout: 500ms }
default: support
flows:
  support: { steps: [answer, { play: sound:hello-world }, hangup] }
`;

async function problems(scenarios: string): Promise<string[]> {
  const cwd = tempProject({ 'flows/main.yaml': FLOWS, 'flows/main.test.yaml': scenarios });
  const outcome = await testFlows(cwd);
  expect(outcome.kind).toBe('usage');
  return outcome.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}${d.hint?.startsWith('Did you mean') ? ` (${d.hint})` : ''}`);
}

describe('voxtra test: reading scenario files', () => {
  it('reports schema problems at their place', async () => {
    expect(
      await problems(`scenarios:
  - name: typo
    call: { extension: "1000" }
    expect: { rout: support }
`),
    ).toEqual(['flows/main.test.yaml:4:15 SCHEMA_UNKNOWN_PROPERTY unknown key "rout" (Did you mean "route"?)']);
  });

  it('reports what the schema cannot: two timings, a bad date, a missing extension, duplicate names', async () => {
    const found = await problems(`scenarios:
  - name: a
    call: { extension: "1000" }
    caller:
      - { press: "1", at: 1s, during: prompt }
      - { press: "2", offset: 1s }
    expect: { route: support }
  - name: a
    call: { extension: "1000" }
    expect: { route: support }
  - name: b
    start: "2025-01-06 10:00"
    call: { extension: "1000" }
    expect: { route: support }
  - name: c
    expect: { route: support }
`);
    expect(found).toEqual([
      'flows/main.test.yaml:5:31 SCENARIO_INVALID give one of at, after and during, not at and during',
      'flows/main.test.yaml:6:23 SCENARIO_INVALID offset only goes with during (how long into the prompt)',
      'flows/main.test.yaml:8:11 DUPLICATE_SCENARIO a scenario named "a" is already defined',
      'flows/main.test.yaml:12:12 SCENARIO_INVALID start must be an ISO date-time with a Z or ±hh:mm offset, e.g. 2025-01-06T10:00:00+01:00 (got "2025-01-06 10:00")',
      'flows/main.test.yaml:15:11 SCENARIO_INVALID the call needs an extension (call.extension here, or defaults.call.extension)',
    ]);
  });

  it('checks app, route, flow and HTTP names against the compiled flows', async () => {
    expect(
      await problems(`app: voxtra
scenarios:
  - name: names
    app: voxtr
    call: { extension: "1000" }
    expect: { route: support }
  - name: more names
    call: { extension: "1000" }
    http:
      route-engin: { json: { action: not_handled } }
      "http://crm.example/api": { status: 500 }
    expect: { route: suport, flow: supprt, requests: [route-engine, nowhere] }
`),
    ).toEqual([
      'flows/main.test.yaml:4:10 SCENARIO_UNKNOWN_APP no app named "voxtr"; the apps are voxtra (Did you mean "voxtra"?)',
      'flows/main.test.yaml:10:7 SCENARIO_UNKNOWN_HTTP "route-engin" is neither an http(s) URL nor an HTTP dispatch rule or HTTP service of app voxtra; its HTTP dispatch rules and services are route-engine (Did you mean "route-engine"?)',
      'flows/main.test.yaml:12:22 SCENARIO_UNKNOWN_ROUTE app voxtra has no route or rule named "suport"; it has support, route-engine, default (Did you mean "support"?)',
      'flows/main.test.yaml:12:36 SCENARIO_UNKNOWN_FLOW app voxtra has no flow "supprt"; it has support (Did you mean "support"?)',
      'flows/main.test.yaml:12:69 SCENARIO_UNKNOWN_HTTP "nowhere" is neither an http(s) URL nor an HTTP dispatch rule or HTTP service of app voxtra; its HTTP dispatch rules and services are route-engine',
    ]);
  });

  it('is a usage error when there is no scenario file, or the YAML is broken', async () => {
    const none = await testFlows(tempProject({ 'flows/main.yaml': FLOWS }));
    expect(none.kind).toBe('usage');
    expect(none.diagnostics.map((d) => d.code)).toEqual(['NO_SCENARIO_FILES']);
    expect(await problems('scenarios: [ { name: x\n')).toEqual([expect.stringMatching(/^flows\/main\.test\.yaml:\d+:\d+ YAML_SYNTAX /)]);
  });

  it('leaves scenario files out of the flows that validate and run read', async () => {
    const cwd = tempProject({ 'flows/main.yaml': FLOWS, 'flows/main.test.yaml': 'scenarios: []\n', 'flows/sub/more.test.yml': 'x: 1\n', 'flows/sub/more.yaml': 'flows: { more: { steps: [answer] } }\n' });
    for (const paths of [['flows/'], ['flows/**/*.yaml'], ['flows/*.y*ml', 'flows/sub/*.y*ml']]) {
      const project = await loadProject({ cwd, env: {}, paths });
      expect(project.apps[0].files).toEqual(['flows/main.yaml', 'flows/sub/more.yaml']);
    }
  });
});
