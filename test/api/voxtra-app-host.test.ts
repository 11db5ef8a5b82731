import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { VoxtraApp } from '../../src/api/voxtra-app';
import type { VoxtraCall } from '../../src/session/call';
import type { ReloadReport } from '../../src/reload/reloader';
import { SimulatedSpeechEngine } from '../../src/tts/simulated-engine';
import { tempProject } from '../config/temp-project';
import { waitFor } from '../ari/helpers/wait';
import { startOnSimulator, type SimRun } from './helpers/sim-driver';

const EPOCH = Date.UTC(2026, 10, 23, 10, 0, 0);
const CONFIG = 'app: shop\nflows: flows/\nhttp: { listen: 127.0.0.1:0 }\n';
// Route 1000 plays a sound that tells which version of the file ran.
const flows = (sound: string): string => `
routes:
  - name: greeting
    extension: "1000"
    steps: [answer, { play: "sound:${sound}" }, hangup]
`;

function played(entries: ReadonlyArray<{ kind: string; media?: string }>): string[] {
  return entries.filter((e) => e.kind === 'playback-finished').map((e) => String(e.media));
}

describe('VoxtraApp runs what voxtra run runs: ops server, metrics, reload', () => {
  let run: SimRun | undefined;
  afterEach(async () => {
    await run?.stop();
    run = undefined;
  });

  it('serves /healthz, /readyz and /metrics on the config http.listen; /metrics counts the calls', async () => {
    const app = await VoxtraApp.fromConfig(tempProject({ 'voxtra.config.yaml': CONFIG, 'flows/main.yaml': flows('beep') }), { env: {} });
    run = await startOnSimulator(app, { epochMs: EPOCH, ttsEngine: new SimulatedSpeechEngine() });
    const url = app.opsServer?.url as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await run.call({ extension: '1000' });

    const health = await fetch(`${url}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, 'ok']);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, servers: [{ name: 'simulator', state: 'connected' }], apps: [{ name: 'shop', state: 'registered' }] });
    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await metrics.text();
    expect(text).toContain('voxtra_calls_total{app="shop",route="greeting",outcome="completed"} 1');
    expect(text).toMatch(/^voxtra_step_duration_seconds_count\{step="play"\} 1$/m);
    expect(text).toMatch(/^voxtra_ari_connection_up\{server="simulator"\} 1$/m);
    expect(await app.metrics?.render()).toContain('voxtra_calls_total{app="shop",route="greeting",outcome="completed"} 1');

    await run.stop();
    run = undefined;
    expect(app.opsServer).toBeUndefined();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('reloads a changed flow file: a new call runs the new version, code routes stay', async () => {
    const dir = tempProject({ 'voxtra.config.yaml': CONFIG, 'flows/main.yaml': flows('beep') });
    const app = await VoxtraApp.fromConfig(dir, { env: {} });
    app.route({ name: 'code', extension: '2000' })(async (call: VoxtraCall) => {
      await call.answer();
      await call.playFile('sound:goodbye');
    });
    const reports: ReloadReport[] = [];
    run = await startOnSimulator(app, { epochMs: EPOCH, ttsEngine: new SimulatedSpeechEngine(), onReloaded: (r) => reports.push(r) });
    const before = app.snapshot()?.version;
    expect(played(await run.call({ extension: '1000' }))).toEqual(['sound:beep']);

    writeFileSync(path.join(dir, 'flows/main.yaml'), flows('vm-goodbye'));
    await waitFor(() => reports.length > 0, 10_000);
    expect(reports[0]).toMatchObject({ result: 'accepted', apps: [{ app: 'shop', change: 'updated' }] });
    expect(app.snapshot()?.version).not.toBe(before);
    expect(played(await run.call({ extension: '1000' }))).toEqual(['sound:vm-goodbye']);
    expect(played(await run.call({ extension: '2000' }))).toEqual(['sound:goodbye']);
    expect(app.router.routes.map((r) => [r.name, r.origin])).toEqual([
      ['greeting', 'file'],
      ['code', 'code'],
    ]);
    expect(await app.metrics?.render()).toMatch(/^voxtra_reloads_total\{result="accepted"\} 1$/m);
  });

  it('app.reload() reloads on demand; unchanged files are reported unchanged, and a files default beside the code default is refused', async () => {
    const dir = tempProject({ 'voxtra.config.yaml': CONFIG, 'flows/main.yaml': flows('beep') });
    const app = await VoxtraApp.fromConfig(dir, { env: {} });
    app.route({ extension: '2000' })(async (call: VoxtraCall) => call.hangup());
    app.default()(async (call: VoxtraCall) => call.hangup());
    run = await startOnSimulator(app, { epochMs: EPOCH, ttsEngine: new SimulatedSpeechEngine(), watch: false });
    const files = app.running?.filesSnapshot('shop')?.version;
    expect(await app.reload()).toMatchObject({ reason: 'app.reload()', result: 'accepted', apps: [{ app: 'shop', change: 'unchanged', version: files }] });

    writeFileSync(path.join(dir, 'flows/main.yaml'), `${flows('beep')}default: [answer, hangup]\n`);
    const refused = await app.reload('test');
    expect(refused).toMatchObject({ result: 'rejected', errors: 1 });
    expect(run.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'reload rejected: app shop has a default in its flow files and one in code; keep one; the running snapshots stay live' }));
    expect(app.running?.filesSnapshot('shop')?.version).toBe(files);
  });
});
