import { copyShippedProject, VoxtraRun } from '../e2e/helpers/voxtra-process';

// `systemctl reload voxtra` sends SIGHUP: the real CLI reloads (and counts it), without dropping anything.
describe('voxtra run and SIGHUP', () => {
  let vx: VoxtraRun | undefined;
  afterEach(async () => {
    await vx?.dispose();
    vx = undefined;
  });

  it('reloads on SIGHUP and keeps running', async () => {
    vx = await VoxtraRun.start(copyShippedProject());
    const run = vx;
    process.kill(run.pid as number, 'SIGHUP');
    const deadline = Date.now() + 10_000;
    while (!run.logs().some((l) => l.msg.startsWith('reload accepted'))) {
      if (Date.now() > deadline) throw new Error(`no reload after SIGHUP:\n${run.stdout}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(run.logs().find((l) => l.msg.startsWith('reload accepted'))).toMatchObject({ reason: 'SIGHUP', result: 'accepted', apps: [{ app: 'voxtra', change: 'unchanged' }] });
    const ops = String(run.logs().find((l) => l.msg === 'ops server listening')?.url);
    expect(await (await fetch(`${ops}/metrics`)).text()).toMatch(/voxtra_reloads_total\{result="accepted"\} 1/);
    expect((await fetch(`${ops}/readyz`)).status).toBe(200);
    const res = await run.stop('SIGTERM');
    expect(res.code).toBe(0);
  });
});
