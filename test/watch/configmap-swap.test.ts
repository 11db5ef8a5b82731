import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize } from '../e2e/helpers/transcript';
import { VoxtraRun } from '../e2e/helpers/voxtra-process';
import { isProjectedVolume, volumeOf } from '../../src/watch/projected-volume';
import { ConfigMapVolume } from '../helpers/configmap-volume';
import { WatchRecorder } from './watch-recorder';

// Kubernetes never writes the files of a ConfigMap volume: it renames a `..data` link to a new hidden folder.
describe('watchProject and a Kubernetes ConfigMap volume', () => {
  let dir: string;
  let rec: WatchRecorder;

  const config = (marker: string): string => `app: shop\nflows: ./\n# ${marker}\n`;
  const flow = (marker: string): string => `default: [answer, { play: "sound:${marker}" }, hangup]\n`;

  beforeEach(() => {
    // realpath: on some systems tmpdir is a symlink and chokidar reports real paths.
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'voxtra-cm-')));
    rec = new WatchRecorder();
  });

  afterEach(async () => {
    await rec.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the volume a path lies in or links into, and nothing for an ordinary folder', () => {
    const mount = join(dir, 'etc/voxtra');
    const volume = ConfigMapVolume.create(mount, { 'voxtra.config.yaml': config('v1'), 'flows/main.yaml': flow('v1') });
    mkdirSync(join(dir, 'app/flows'), { recursive: true });
    symlinkSync(join(mount, 'voxtra.config.yaml'), join(dir, 'app/voxtra.config.yaml'));
    expect(isProjectedVolume(mount)).toBe(true);
    expect(volumeOf(mount)).toBe(mount);
    expect(volumeOf(join(mount, 'flows/main.yaml'))).toBe(mount);
    expect(volumeOf(join(mount, 'later.yaml'))).toBe(mount);
    expect(volumeOf(join(volume.dataDir, 'voxtra.config.yaml'))).toBe(mount);
    expect(volumeOf(join(dir, 'app/voxtra.config.yaml'))).toBe(mount);
    expect(volumeOf(join(dir, 'app/flows'))).toBeUndefined();
    expect(volumeOf(join(dir, 'app/missing.yaml'))).toBeUndefined();
  });

  it('reports each swap of ..data once, as a change of the visible files, never of the hidden folders', async () => {
    const mount = join(dir, 'etc/voxtra');
    const volume = ConfigMapVolume.create(mount, { 'voxtra.config.yaml': config('v1'), 'main.yaml': flow('v1') });
    // What `voxtra run --config /etc/voxtra/voxtra.config.yaml` with `flows: ./` watches.
    await rec.start([join(mount, 'voxtra.config.yaml'), mount], dir);

    for (const version of ['v2', 'v3', 'v4']) {
      const next = rec.nextBatch();
      volume.update({ 'voxtra.config.yaml': config(version), 'main.yaml': flow(version) });
      expect(await next).toEqual({ paths: [join(mount, 'main.yaml'), join(mount, 'voxtra.config.yaml')], reasons: ['change', 'change'] });
      await rec.expectNoMoreBatches();
    }
    expect(rec.errors).toEqual([]);
  });

  it('reports a flow added and a flow removed by a swap in the same batch', async () => {
    const mount = join(dir, 'etc/voxtra');
    const volume = ConfigMapVolume.create(mount, { 'voxtra.config.yaml': config('v1'), 'main.yaml': flow('v1'), 'old.yaml': flow('v1') });
    await rec.start([join(mount, 'voxtra.config.yaml'), mount], dir);

    const next = rec.nextBatch();
    volume.update({ 'voxtra.config.yaml': config('v1'), 'main.yaml': flow('v1'), 'sales.yaml': flow('v2') });
    const batch = await next;
    const byPath = Object.fromEntries(batch.paths.map((p, i) => [p, batch.reasons[i]]));
    expect(byPath[join(mount, 'sales.yaml')]).toBe('add');
    expect(byPath[join(mount, 'old.yaml')]).toBe('unlink');
    expect(batch.paths.every((p) => !p.includes('/..'))).toBe(true);
    await rec.expectNoMoreBatches();
  });

  it('sees a flows folder that is itself a link through ..data (ConfigMap items with a folder path)', async () => {
    const mount = join(dir, 'etc/voxtra');
    const volume = ConfigMapVolume.create(mount, { 'voxtra.config.yaml': config('v1'), 'flows/main.yaml': flow('v1') });
    await rec.start([join(mount, 'voxtra.config.yaml'), join(mount, 'flows')], dir);

    for (const version of ['v2', 'v3']) {
      const next = rec.nextBatch();
      volume.update({ 'voxtra.config.yaml': config('v1'), 'flows/main.yaml': flow(version) });
      const batch = await next;
      expect(batch.paths).toContain(join(mount, 'flows/main.yaml'));
      expect(batch.paths.every((p) => !p.includes('/..'))).toBe(true);
      await rec.expectNoMoreBatches();
    }
  });

  it('sees a config file that is a symlink into a ConfigMap volume', async () => {
    const mount = join(dir, 'etc/voxtra');
    const volume = ConfigMapVolume.create(mount, { 'voxtra.config.yaml': config('v1') });
    const project = join(dir, 'app');
    mkdirSync(join(project, 'flows'), { recursive: true });
    symlinkSync(join(mount, 'voxtra.config.yaml'), join(project, 'voxtra.config.yaml'));
    await rec.start(['voxtra.config.yaml'], project);

    for (const version of ['v2', 'v3']) {
      const next = rec.nextBatch();
      volume.update({ 'voxtra.config.yaml': config(version) });
      expect(await next).toEqual({ paths: [join(project, 'voxtra.config.yaml')], reasons: ['change'] });
      await rec.expectNoMoreBatches();
    }
  });
});

// The whole product: `voxtra run --config` with files in ConfigMap volumes reloads once per swap.
describe('voxtra run with its config and flows in a ConfigMap volume', () => {
  let vx: VoxtraRun | undefined;
  afterEach(async () => {
    await vx?.dispose();
    vx = undefined;
  });

  const configText = (flows: string): string => `app: shop\nflows: ${flows}\nhttp: { listen: 127.0.0.1:0 }\n`;
  const routes = (marker: string): string => `routes:\n  - name: hello\n    extension: "1000"\n    steps: [answer, { play: "sound:${marker}" }, hangup]\n`;
  const reloads = (run: VoxtraRun) => run.logs().filter((l) => l.msg.startsWith('reload accepted') || l.msg.startsWith('reload rejected'));

  async function heard(run: VoxtraRun): Promise<string[]> {
    const id = await run.placeCall({ extension: '1000' });
    return summarize(await run.waitForEnd(id)).filter((l) => l.startsWith('heard'));
  }

  /** Lays out a project in `dir`; returns the `voxtra run` arguments and what a ConfigMap update with a new marker does. */
  type Layout = (dir: string) => { args: string[]; update: (marker: string) => void; changed: RegExp };
  const layouts: Array<[string, Layout]> = [
    [
      // deploy/k8s: one ConfigMap, one key per file, config and flows side by side.
      'config and flows in one volume (flows: ./)',
      (dir) => {
        const payload = (marker: string) => ({ 'voxtra.config.yaml': configText('./'), 'routes.yaml': routes(marker) });
        const volume = ConfigMapVolume.create(join(dir, 'etc/voxtra'), payload('hello-world'));
        return { args: ['--config', 'etc/voxtra/voxtra.config.yaml'], update: (m) => volume.update(payload(m)), changed: /^files changed: etc\/voxtra\/(routes|voxtra\.config)\.yaml/ };
      },
    ],
    [
      // ConfigMap items with a folder path: the volume's `flows` entry is a link through ..data; the config stays put.
      'flows in a folder of their own volume, config outside',
      (dir) => {
        const payload = (marker: string) => ({ 'flows/routes.yaml': routes(marker) });
        const volume = ConfigMapVolume.create(join(dir, 'etc/voxtra-flows'), payload('hello-world'));
        writeFileSync(join(dir, 'voxtra.config.yaml'), configText('etc/voxtra-flows/flows'));
        return { args: [], update: (m) => volume.update(payload(m)), changed: /^files changed: etc\/voxtra-flows\/flows\/routes\.yaml$/ };
      },
    ],
  ];

  it.each(layouts)('reloads once per swap of ..data, and the next call runs the new version: %s', async (_name, layout) => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'voxtra-cm-run-')));
    const { args, update, changed } = layout(dir);
    vx = await VoxtraRun.start(dir, { args });
    const run = vx;
    expect(await heard(run)).toEqual(['heard sound:hello-world']);

    update('tt-monkeys');
    const deadline = Date.now() + 10_000;
    while (reloads(run).length === 0) {
      if (Date.now() > deadline) throw new Error(`no reload after the ConfigMap swap:\n${run.stdout}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(reloads(run)[0]).toMatchObject({ result: 'accepted', apps: [{ app: 'shop', change: 'updated' }] });
    expect(String(reloads(run)[0]?.reason)).toMatch(changed);
    expect(await heard(run)).toEqual(['heard sound:tt-monkeys']);
    // Well past the 300 ms debounce: the links' updates and the old folder's removal were part of the same reload.
    await new Promise((r) => setTimeout(r, 1000));
    expect(reloads(run)).toHaveLength(1);
  });
});
