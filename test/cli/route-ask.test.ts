import { rmSync } from 'node:fs';
import { tempProject } from '../config/temp-project';
import { json, LocalHttpServer } from '../helpers/local-http-server';
import { runCli } from './run-cli';

/** An app whose dispatch asks one HTTP router at `url`. */
function project(url: string, timeout = '2s'): string {
  return tempProject({
    'voxtra.config.yaml': 'app: demo\nflows: flows/\n',
    'flows/routes.yaml': `dispatch:\n  - name: engine\n    http: { url: "${url}", timeout: ${timeout}, headers: { X-Token: abc } }\ndefault: menu\nflows:\n  menu: [answer, hangup]\n  sales: [answer, hangup]\n`,
  });
}

interface Report {
  request: Record<string, unknown>;
  routers: { name: string; url: string; ok: boolean; latencyMs: number; status?: number; decision?: string; problems: { kind: string; message: string }[] }[];
}

describe('voxtra route --ask', () => {
  let server: LocalHttpServer;
  const dirs: string[] = [];
  const dir = (url = `${server.url}/decision`, timeout?: string): string => {
    const d = project(url, timeout);
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    server = await LocalHttpServer.start();
  });

  afterAll(async () => {
    await server.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('sends the runtime\'s request for the call facts and prints the decision and the latency; exit 0', async () => {
    server.handler = (_req, res) => json(res, { action: 'flow', flow: 'sales', extensions: { tier: 'gold' } });
    const before = server.received.length;
    const run = await runCli(['route', '--ask', '-e', '5555', '-n', '+15550101', '--caller-name', 'Ada', '--arg', 'x', '--header', 'X-Partner=acme', '--var', 'TIER=gold'], { cwd: dir() });
    expect(run.code).toBe(0);
    const sent = server.received[before];
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/decision');
    expect(sent.headers['x-token']).toBe('abc');
    expect(JSON.parse(sent.body)).toEqual({
      call_id: 'voxtra-route-ask',
      from: '+15550101',
      to: '5555',
      extension: '5555',
      number: '+15550101',
      caller_name: 'Ada',
      app: 'demo',
      args: ['x'],
      headers: { 'X-Partner': 'acme' },
      variables: { TIER: 'gold' },
    });
    expect(run.stdout).toContain('engine: POST');
    expect(run.stdout).toMatch(/latency: \d+ ms, HTTP 200/);
    expect(run.stdout).toContain('decision: run flow sales; metadata {"tier":"gold"}');
    expect(run.stdout).toContain('1 of 1 router answered validly');
  });

  it('--format json: the request, and per router the answer, the decision, the latency and the problems', async () => {
    server.handler = (_req, res) => json(res, { action: 'forward', targets: ['PJSIP/1001'], timeout: 20 });
    const run = await runCli(['route', '--ask', '-e', '5555', '--format', 'json'], { cwd: dir() });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.request).toMatchObject({ extension: '5555', app: 'demo' });
    expect(report.routers).toEqual([
      expect.objectContaining({ name: 'engine', ok: true, status: 200, decision: 'forward to PJSIP/1001 (sequential, ring 20000 ms)', problems: [], latencyMs: expect.any(Number) }),
    ]);
  });

  it.each([
    ['a non-2xx status', (res: Parameters<typeof json>[0]) => json(res, { action: 'not_handled' }, 503), 'status', 'HTTP error status: HTTP 503'],
    ['an answer that is not JSON', (res: Parameters<typeof json>[0]) => res.end('<html>oops</html>'), 'not-json', 'answer is not JSON'],
    ['a field of the wrong type', (res: Parameters<typeof json>[0]) => json(res, { action: 'forward', targets: 'PJSIP/1001' }), 'invalid-answer', '/targets must be array (got "PJSIP/1001")'],
    ['an unknown action', (res: Parameters<typeof json>[0]) => json(res, { action: 'dance' }), 'invalid-answer', '/action must be equal to one of the allowed values: "forward", "reject", "abort", "spam", "not_handled", "flow" (got "dance")'],
    ['a flow the app does not have', (res: Parameters<typeof json>[0]) => json(res, { action: 'flow', flow: 'nope' }), 'unknown-flow', 'flow "nope" does not exist in app demo'],
  ])('reports %s with a clear message; exit 1', async (_name, answer, kind, message) => {
    server.handler = (_req, res) => answer(res);
    const run = await runCli(['route', '--ask', '-e', '5555', '-f', 'json'], { cwd: dir() });
    expect(run.code).toBe(1);
    const [router] = (JSON.parse(run.stdout) as Report).routers;
    expect(router.ok).toBe(false);
    expect(router.problems).toEqual([{ kind, message: expect.stringContaining(message) }]);
    const pretty = await runCli(['route', '--ask', '-e', '5555'], { cwd: dir() });
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toContain(`problem (${kind}): `);
    expect(pretty.stdout).toContain('0 of 1 router answered validly');
  });

  it('reports a timeout after the rule\'s (or --timeout\'s) time', async () => {
    server.handler = () => undefined; // never answers
    const run = await runCli(['route', '--ask', '-e', '5555', '--timeout', '50ms', '-f', 'json'], { cwd: dir() });
    expect(run.code).toBe(1);
    const [router] = (JSON.parse(run.stdout) as Report).routers;
    expect(router.problems).toEqual([{ kind: 'timeout', message: 'timeout: no answer within 50ms' }]);
    expect(router.latencyMs).toBeGreaterThanOrEqual(45);
  });

  it('reports a refused connection', async () => {
    const closed = await LocalHttpServer.start();
    const url = closed.url;
    await closed.close();
    const run = await runCli(['route', '--ask', '-e', '5555', '-f', 'json'], { cwd: dir(`${url}/decision`) });
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as Report).routers[0].problems).toEqual([{ kind: 'connection', message: expect.stringMatching(/^could not connect: request failed: .*ECONNREFUSED/) }]);
  });

  it('--url asks one router directly, whatever the app\'s rules say', async () => {
    server.handler = (_req, res) => json(res, { action: 'reject', status: 486, reason: 'busy here' });
    const run = await runCli(['route', '--ask', '--url', `${server.url}/other`, '-e', '1'], { cwd: dir('http://127.0.0.1:9/unused') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`--url: POST ${server.url}/other (timeout 500 ms)`);
    expect(run.stdout).toContain('decision: reject: hang up with cause busy (status 486), reason "busy here"');
  });

  it('exits 2 for usage errors: no HTTP rule to ask, a bad --timeout, --url without --ask', async () => {
    const noRule = tempProject({ 'voxtra.config.yaml': 'app: demo\nflows: flows/\n', 'flows/f.yaml': 'default: menu\nflows:\n  menu: [answer]\n' });
    dirs.push(noRule);
    const none = await runCli(['route', '--ask', '-e', '1'], { cwd: noRule });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('app demo has no http dispatch rule; give --url');
    expect((await runCli(['route', '--ask', '--timeout', 'soon'], { cwd: dir() })).code).toBe(2);
    expect((await runCli(['route', '--url', 'http://127.0.0.1:9/'], { cwd: dir() })).code).toBe(2);
  });
});
