import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
