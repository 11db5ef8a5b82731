/**
 * `voxtra run` as a process: refusing bad flows and bad options, a call no
 * rule takes when there is no default, and stopping on a signal.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startTestRouter, type TestRouter } from './helpers/router-server';
import { summarize } from './helpers/transcript';
import { copyShippedProject, runVoxtra, VoxtraRun } from './helpers/voxtra-process';

describe('voxtra run: refusing to start', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('exits 1 and prints the diagnostics when a flow does not validate', async () => {
    const dir = copyShippedProject({ edit: (file, text) => (file === 'routes.yaml' ? text.replace('flow: support', 'flow: suport') : text) });
    dirs.push(dir);
    const res = await runVoxtra(['run', '--simulator', '--sim-port', '0', '--time-scale', '0.02'], dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/flows\/routes\.yaml:\d+:\d+/);
    expect(res.stderr).toContain('UNKNOWN_FLOW');
    expect(res.stderr).toContain('suport');
    expect(res.stderr).toContain('refusing to start');
    // It never got as far as starting a simulator.
    expect(res.stdout).not.toContain('simulator listening');
    expect(existsSync(path.join(dir, '.voxtra/simulator.json'))).toBe(false);
  });

  it.each([
    [['--time-scale', '0.02'], '--time-scale only works with --simulator'],
    [['--simulator', '--time-scale', 'fast'], '--time-scale must be a positive number'],
    [['--simulator', '--time-scale', '0'], '--time-scale must be a positive number'],
  ])('exits 2 on a usage error: voxtra run %j', async (args, message) => {
    const dir = copyShippedProject();
    dirs.push(dir);
    const res = await runVoxtra(['run', ...args], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(message);
  });
});

describe('voxtra run: an app without a default', () => {
  let vx: VoxtraRun;
  let router: TestRouter;

  beforeAll(async () => {
    router = await startTestRouter(() => ({ body: { action: 'not_handled' } }));
    const dir = copyShippedProject({ routerUrl: router.url, edit: (file, text) => (file === 'routes.yaml' ? text.replace(/^default: menu$/m, '') : text) });
    vx = await VoxtraRun.start(dir);
  });

  afterAll(async () => {
    await vx?.dispose();
    await router?.close();
  });

  it('hangs up an unmatched call (unallocated, never answered) and logs a warning naming extension and number', async () => {
    const id = await vx.placeCall({ extension: '4321', callerNumber: '+15551234' });
    const entries = await vx.waitForEnd(id);
    expect(summarize(entries)).toEqual(['call 4321 from +15551234', 'stasis-start', 'hangup by app cause 1', 'stasis-end']);
    // Every rule was tried first: the route engine was asked.
    expect(router.requests.map((r) => r.call_id)).toContain(id);
    expect(await vx.callEnded(id)).toMatchObject({ outcome: 'no_route' });
    const warning = vx.callLogs(id).find((l) => l.level === 'warn' && l.msg.startsWith('no route'));
    expect(warning?.msg).toContain('"4321"');
    expect(warning?.msg).toContain('"+15551234"');
  });

  it('still routes what the routes claim', async () => {
    const id = await vx.placeCall({ extension: '1000', callerNumber: '+15551234' });
    expect(summarize(await vx.waitForEnd(id))).toEqual(expect.arrayContaining(['queue support']));
  });

  it('stops on SIGINT with exit status 0 and nothing but the startup warning on stderr', async () => {
    const res = await vx.stop('SIGINT');
    expect(res).toMatchObject({ code: 0, signal: null });
    // Only the startup diagnostics (no default; menu unused): no Node warning, no unhandled rejection.
    const diagnostics = res.stderr.trim().split('\n').filter((l) => !l.startsWith('    at '));
    expect(diagnostics).toEqual([expect.stringMatching(/^flows\/menu\.yaml:\d+:\d+\s+warning\s+UNUSED_FLOW\s/), expect.stringMatching(/^voxtra\.config\.yaml:\d+:\d+\s+warning\s+NO_DEFAULT\s/)]);
    expect(vx.logs().filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
    expect(vx.logs().some((l) => l.msg === 'received SIGINT')).toBe(true);
  });
});
