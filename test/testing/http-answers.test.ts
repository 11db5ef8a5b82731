import { tempProject } from '../config/temp-project';
import { reportOf, resultsByName } from './helpers';

const CONFIG = `
app: voxtra
flows: flows/
http_services:
  crm:
    url: http://crm.internal/api
    timeout: 2s
`;

const FLOWS = `
dispatch:
  - name: router
    http: { url: "http://router.internal/decide", timeout: 500ms }
default: lookup
flows:
  lookup:
    steps:
      - answer
      - http:
          service: crm
          path: /customers
          query: { number: "{{ call.number }}" }
          into: crm
          save: { name: "$.name" }
          on_error: [{ say: "Sorry." }]
      - http:
          url: "http://flags.internal/v1/flags"
          into: flags
      - hangup
  other:
    steps: [answer, hangup]
`;

function project(scenarios: string): string {
  return tempProject({ 'voxtra.config.yaml': CONFIG, 'flows/main.yaml': FLOWS, 'flows/main.test.yaml': scenarios });
}

describe('voxtra test: canned HTTP answers', () => {
  it('answers the HTTP router and http steps by rule name, service name and URL, and records the requests', async () => {
    const report = await reportOf(
      project(`
defaults:
  call: { extension: "100", from: "+15550101" }
  http:
    router: { json: { action: not_handled } }
scenarios:
  - name: everything answers
    http:
      crm: { json: { name: Ada } }
      "http://flags.internal/v1": { json: { beta: true } }
    expect:
      route: default
      variables: { crm_status: 200, name: Ada, crm_error: "", flags: { beta: true } }
      prompts: []
      requests:
        - to: router
          body: { from: "+15550101", extension: "100" }
        - crm
        - http://flags.internal/v1/flags
  - name: the router picks a flow
    http:
      router: { json: { action: flow, flow: other } }
    expect: { route: router, flow: other, requests: [router] }
`),
    );
    const results = resultsByName(report);
    expect(results.get('everything answers')?.failures).toEqual([]);
    expect(results.get('the router picks a flow')?.failures).toEqual([]);
    const requests = results.get('everything answers')?.call?.requests ?? [];
    expect(requests.map((r) => `${r.method} ${r.url} ${r.answered}`)).toEqual([
      'POST http://router.internal/decide answer',
      'GET http://crm.internal/api/customers?number=%2B15550101 answer',
      'GET http://flags.internal/v1/flags answer',
    ]);
  });

  it('a router answer slower than the rule\'s timeout falls through; a slow step answer in time is used', async () => {
    const report = await reportOf(
      project(`
scenarios:
  - name: slow router, slow crm
    call: { extension: "100" }
    http:
      router: { delay: 600ms, json: { action: flow, flow: other } }
      crm: { delay: 1500ms, json: { name: Grace } }
    expect:
      route: default
      variables: { name: Grace, flags_error: network }
      logs: [no answer within 500ms, /GET http:..flags.internal/]
`),
    );
    const result = resultsByName(report).get('slow router, slow crm');
    expect(result?.failures).toEqual([]);
    expect(result?.call?.requests.map((r) => [r.atMs, r.answered])).toEqual([
      [0, 'answer'],
      [500, 'answer'],
      [2000, 'unmatched'],
    ]);
  });

  it('a request that times out takes exactly its timeout of simulated time', async () => {
    const report = await reportOf(
      project(`
defaults:
  call: { extension: "100" }
  http: { router: { error: connect ECONNREFUSED } }
scenarios:
  - name: crm hangs
    http:
      crm: { timeout: true }
      http://flags.internal/: [{ status: 503 }, { json: {} }]
    expect:
      variables: { crm_error: timeout, crm_status: 0, name: null, flags_error: status, flags_status: 503 }
      prompts: ["Sorry."]
      logs: ["HTTP router gave no usable answer (request failed: fetch failed: connect ECONNREFUSED)"]
  - name: crm is slow but in time
    http:
      crm: { delay: 1999ms, json: { name: Lin } }
    expect:
      variables: { name: Lin }
`),
    );
    const results = resultsByName(report);
    expect(results.get('crm hangs')?.failures).toEqual([]);
    expect(results.get('crm is slow but in time')?.failures).toEqual([]);
    // answer, 2 s crm timeout, "Sorry." (0.42 s), flags: the app hangs up at 2.42 s.
    expect(results.get('crm hangs')?.call?.durationMs).toBe(2420);
    expect(results.get('crm is slow but in time')?.call?.durationMs).toBe(1999);
  });
});
