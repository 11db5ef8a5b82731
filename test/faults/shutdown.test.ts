import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VoxtraRun } from '../e2e/helpers/voxtra-process';

// SIGTERM to a real `voxtra run` with calls in progress: it stops taking calls
// (a new one gets the configured policy, /readyz turns 503 and says draining),
// lets a call that ends within the grace period finish, hangs up the one that
// would not, closes everything and exits 0.

const TIME_SCALE = 0.05; // 20 simulated seconds take one real second

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-shutdown-'));
  writeFileSync(
    path.join(dir, 'voxtra.config.yaml'),
    [
      'app: shop',
      'flows: flows/',
      'http: { listen: 127.0.0.1:0 }',
      'runtime:',
      '  shutdown:',
      '    grace: 60s',
      '    new_calls: { continue: { context: voxtra-test, extension: silent } }',
      '',
    ].join('\n'),
  );
  mkdirSync(path.join(dir, 'flows'));
  writeFileSync(
    path.join(dir, 'flows/main.yaml'),
    ['routes:', '  - { name: short, extension: "1000", steps: [answer, { wait: 20s }, { play: sound:beep }, hangup] }', '  - { name: long, extension: "2000", steps: [answer, { wait: 10m }] }', 'default: [hangup]', ''].join('\n'),
  );
  return dir;
}

async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('SIGTERM with calls in progress', () => {
  let vx: VoxtraRun | undefined;
  afterEach(async () => {
    await vx?.dispose();
    vx = undefined;
  });

  it('drains: new calls get the policy, short calls finish, long ones are hung up at the grace bound, exit 0', async () => {
    vx = await VoxtraRun.start(project(), { timeScale: TIME_SCALE });
    const run = vx;
    const ops = String(run.logs().find((l) => l.msg === 'ops server listening')?.url);
    const short = await run.placeCall({ extension: '1000' });
    const long = await run.placeCall({ extension: '2000' });
    await until(() => run.logs().filter((l) => l.msg.startsWith('routed by')).length === 2, 'both calls to run');

    const pid = run.pid as number;
    process.kill(pid, 'SIGTERM');
    await until(() => run.logs().some((l) => l.msg.startsWith('shutting down')), 'the shutdown to begin');
    const readyz = await fetch(`${ops}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toMatchObject({ ready: false, draining: true });

    // A call arriving now is sent on into the configured context instead of running a flow.
    const late = await run.placeCall({ extension: '1000' });
    await until(() => run.callLogs(late).some((l) => /sent on to voxtra-test,silent,1/.test(l.msg)), 'the late call to get the policy');
    expect(run.callLogs(late).some((l) => l.msg.startsWith('routed by'))).toBe(false);
    expect(await (await fetch(`${ops}/metrics`)).text()).toMatch(/voxtra_calls_total\{app="shop",route="none",outcome="shutdown"\} 1/);

    await until(() => !alive(pid), 'the process to exit', 15_000);
    const res = await run.stop();
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');

    const shutdown = run.logs().find((l) => l.msg.startsWith('shutting down'));
    expect(shutdown).toMatchObject({ activeCalls: 2, graceMs: 60_000 });
    expect(run.callLogs(short).find((l) => l.msg.startsWith('call ended'))).toMatchObject({ outcome: 'hung_up', route: 'short' });
    expect(run.logs().find((l) => l.msg.startsWith('grace period over'))).toMatchObject({ calls: [long] });
    expect(run.callLogs(long).find((l) => l.msg.startsWith('call ended'))).toBeDefined();
    expect(run.logs().find((l) => l.msg === 'runtime stopped')).toMatchObject({ inProgress: 2, finished: 1, hungUp: 1 });
    expect(run.logs().filter((l) => l.level === 'error')).toEqual([]);
    expect(run.stateFileExists).toBe(false);
  }, 40_000);
});
