import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, VoxtraRun, type LogLine } from '../e2e/helpers/voxtra-process';

// The shipped two-tenant example through the real CLI and the built-in
// simulator: a broken file in one tenant's folder never affects the other,
// at start or at a reload, and tenants come and go without touching the rest.

function copyExample(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-tenants-'));
  cpSync(path.join(ROOT, 'examples/multi-tenant'), dir, { recursive: true });
  const config = path.join(dir, 'voxtra.config.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace(/listen: 127\.0\.0\.1:\d+/, 'listen: 127.0.0.1:0'));
  return dir;
}

async function readyz(vx: VoxtraRun): Promise<{ status: number; body: { ready: boolean; apps: Array<{ name: string; state: string; version: string | null }> } }> {
  const line = vx.logs().find((l) => l.msg === 'ops server listening');
  const res = await fetch(`${String(line?.url)}/readyz`);
  return { status: res.status, body: (await res.json()) as never };
}

async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const reloads = (vx: VoxtraRun): LogLine[] => vx.logs().filter((l) => /^reload (accepted|rejected)/.test(l.msg));
/** A call into acme's menu that presses 2 once the menu prompt plays (timed scripts drift at a fast time scale). */
async function acmeMenuCall(vx: VoxtraRun, extension: string): Promise<string[]> {
  const id = await vx.placeCall({ app: 'acme', extension });
  await vx.waitForTranscript(id, (entries) => entries.some((e) => e.kind === 'playback-started' && e.media === 'sound:vm-nobodyavail'), 'the menu prompt');
  await vx.sendDtmf(id, '2');
  return media(await vx.waitForEnd(id));
}

const media = (entries: Array<{ kind: string; media?: string }>): string[] => entries.filter((e) => e.kind === 'playback-finished').map((e) => String(e.media));

describe('two tenants in one process (examples/multi-tenant)', () => {
  let vx: VoxtraRun | undefined;
  afterEach(async () => {
    await vx?.dispose();
    vx = undefined;
  });

  it('starts the good tenant when the other is broken, picks the other up once fixed, and keeps each apart at reloads', async () => {
    const dir = copyExample();
    const globex = path.join(dir, 'globex/routes.yaml');
    const good = readFileSync(globex, 'utf8');
    writeFileSync(globex, good.replace('flow: front-desk\ndefault', 'flow: nowhere\ndefault'));

    // Time scale 0.1: a menu call must get its digit within the menu's two attempts (~15 s simulated), only 0.3 s
    // of real time at the e2e default of 0.02, which a loaded run (three suites at once) overran.
    vx = await VoxtraRun.start(dir, { args: ['--config', 'voxtra.config.yaml'], timeScale: 0.1 });
    expect(vx.stderr).toMatch(/globex\/routes\.yaml:\d+:\d+\s+error\s+UNKNOWN_FLOW/);
    expect(vx.stderr).toMatch(/starting without app\(s\) globex/);
    let ready = await readyz(vx);
    expect(ready.status).toBe(503);
    expect(ready.body.apps).toEqual([expect.objectContaining({ name: 'acme', state: 'registered' }), expect.objectContaining({ name: 'globex', state: 'failed', version: null })]);

    // acme works; globex is not registered, so Stasis(globex) fails in the dialplan.
    expect(await acmeMenuCall(vx, '2000')).toEqual(['sound:hello-world', 'sound:vm-nobodyavail', 'sound:beep']);
    const refused = await vx.placeCall({ app: 'globex', extension: '1000' });
    expect((await vx.waitForEnd(refused)).map((e) => e.kind)).toContain('stasis-failed');

    // Fixing globex registers it, without touching acme.
    writeFileSync(globex, good);
    await until(() => reloads(vx as VoxtraRun).length === 1, 'the first reload');
    expect(reloads(vx)[0]).toMatchObject({ result: 'accepted', apps: [{ app: 'acme', change: 'unchanged' }, { app: 'globex', change: 'added' }] });
    await until(async () => (await readyz(vx as VoxtraRun)).status === 200, '/readyz to turn 200');
    const globexCall = await vx.placeCall({ app: 'globex', extension: '1000' });
    // transfer_to_queue continues into globex's own queues context.
    expect((await vx.waitForEnd(globexCall)).filter((e) => e.kind === 'continued')).toEqual([expect.objectContaining({ context: 'globex-queues', extension: 'globex-front-desk' })]);

    // Breaking acme at a reload leaves acme on its last good version and globex as it is.
    const acme = path.join(dir, 'acme/routes.yaml');
    const acmeGood = readFileSync(acme, 'utf8');
    const acmeVersion = (await readyz(vx)).body.apps[0].version;
    writeFileSync(acme, acmeGood.replace('default: welcome', 'default: nowhere'));
    await until(() => reloads(vx as VoxtraRun).length === 2, 'the second reload');
    expect(reloads(vx)[1]).toMatchObject({ result: 'rejected', apps: [{ app: 'acme', change: 'rejected', version: acmeVersion }, { app: 'globex', change: 'unchanged' }] });
    ready = await readyz(vx);
    expect(ready.body.apps).toEqual([expect.objectContaining({ name: 'acme', state: 'registered', version: acmeVersion, rejectedErrors: 1 }), expect.objectContaining({ name: 'globex', state: 'registered' })]);
    expect(await acmeMenuCall(vx, '1000')).toEqual(['sound:hello-world', 'sound:vm-nobodyavail', 'sound:beep']);

    // Removing globex from the config stops that Stasis app only.
    writeFileSync(acme, acmeGood);
    const config = path.join(dir, 'voxtra.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/ {2}- name: globex[\s\S]*?queues: \{ context: globex-queues \}\n/, ''));
    await until(() => vx!.logs().some((l) => l.msg === 'Stasis app globex unregistered'), 'globex to stop');
    const gone = await vx.placeCall({ app: 'globex', extension: '1000' });
    expect((await vx.waitForEnd(gone)).map((e) => e.kind)).toContain('stasis-failed');
    expect(await acmeMenuCall(vx, '2000')).toEqual(['sound:hello-world', 'sound:vm-nobodyavail', 'sound:beep']);
    expect((await readyz(vx)).body.apps.map((a) => a.name)).toEqual(['acme']);
    expect(vx.logs().filter((l) => /taken over|ApplicationReplaced/.test(l.msg))).toEqual([]);

    const res = await vx.stop('SIGTERM');
    expect(res.code).toBe(0);
  }, 60_000);
});
