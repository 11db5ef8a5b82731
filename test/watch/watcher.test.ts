import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchProject, type ChangeBatch, type ProjectWatcher } from '../../src/watch/watcher';

// Real file system, real (short) waits: the debouncer itself is tested with a fake clock.
const DEBOUNCE_MS = 60;
const QUIET_MS = 150;

describe('watchProject (real file system)', () => {
  let dir: string;
  let watcher: ProjectWatcher | undefined;
  let batches: ChangeBatch[];
  let errors: unknown[];
  let waiters: Array<() => void>;

  const file = (rel: string): string => join(dir, rel);
  const write = (rel: string, text = 'x: 1\n'): void => writeFileSync(file(rel), text);

  /** Resolves with the next batch, or fails after a generous bound. */
  function nextBatch(): Promise<ChangeBatch> {
    const seen = batches.length;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no change reported')), 2000);
      waiters.push(() => {
        if (batches.length > seen) {
          clearTimeout(timer);
          resolve(batches[seen] as ChangeBatch);
        }
      });
    });
  }

  async function expectNoMoreBatches(): Promise<void> {
    const count = batches.length;
    await new Promise((r) => setTimeout(r, QUIET_MS));
    expect(batches).toHaveLength(count);
  }

  async function start(paths: string[]): Promise<void> {
    watcher = await watchProject({
      paths,
      cwd: dir,
      debounceMs: DEBOUNCE_MS,
      onChange: (batch) => {
        batches.push(batch);
        for (const w of waiters) w();
      },
      onError: (err) => errors.push(err),
    });
  }

  beforeEach(() => {
    // realpath: on some systems tmpdir is a symlink and chokidar reports real paths.
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'voxtra-watch-')));
    mkdirSync(file('flows'));
    write('flows/main.yaml');
    write('voxtra.config.yaml');
    batches = [];
    errors = [];
    waiters = [];
  });

  afterEach(async () => {
    await watcher?.close();
    watcher = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports an editor save through a temp file renamed over the original once, as a change', async () => {
    await start(['voxtra.config.yaml', 'flows/']);
    const next = nextBatch();
    // vim-like: backup, write probe, swap file, new content, remove backup.
    renameSync(file('flows/main.yaml'), file('flows/main.yaml~'));
    write('flows/4913');
    unlinkSync(file('flows/4913'));
    write('flows/.main.yaml.swp');
    write('flows/main.yaml.tmp', 'x: 2\n');
    renameSync(file('flows/main.yaml.tmp'), file('flows/main.yaml'));
    unlinkSync(file('flows/main.yaml~'));
    expect(await next).toEqual({ paths: [file('flows/main.yaml')], reasons: ['change'] });
    await expectNoMoreBatches();
    expect(errors).toEqual([]);
  });

  it('reports a burst of creates, including in a new subfolder, as one batch of flow files', async () => {
    await start(['voxtra.config.yaml', 'flows/']);
    const next = nextBatch();
    for (let i = 0; i < 10; i++) write(`flows/f${i}.yaml`);
    mkdirSync(file('flows/menus'));
    write('flows/menus/sales.toml');
    write('flows/notes.md');
    write('voxtra.config.yaml', 'app: voxtra\n');
    write('unrelated.yaml');
    const batch = await next;
    expect(batch.paths).toEqual(
      [...Array.from({ length: 10 }, (_, i) => file(`flows/f${i}.yaml`)), file('flows/menus/sales.toml'), file('voxtra.config.yaml')].sort(),
    );
    expect(batch.reasons).toEqual(batch.paths.map((p) => (p.endsWith('voxtra.config.yaml') ? 'change' : 'add')));
    await expectNoMoreBatches();

    // The new subfolder is watched from now on.
    const later = nextBatch();
    write('flows/menus/sales.toml', 'x = 2\n');
    expect(await later).toEqual({ paths: [file('flows/menus/sales.toml')], reasons: ['change'] });
  });

  it('reports a deleted file and a removed folder in one batch, and sees the folder come back', async () => {
    mkdirSync(file('flows/old'));
    write('flows/old/a.yaml');
    write('flows/old/b.json');
    await start(['flows']);
    const next = nextBatch();
    unlinkSync(file('flows/main.yaml'));
    rmSync(file('flows/old'), { recursive: true });
    const batch = await next;
    expect(batch.paths).toEqual([file('flows/main.yaml'), file('flows/old'), file('flows/old/a.yaml'), file('flows/old/b.json')]);
    expect(batch.reasons).toEqual(['unlink', 'unlink', 'unlink', 'unlink']);
    await expectNoMoreBatches();

    // Removing and recreating the flows folder itself (a branch switch) is still seen.
    rmSync(file('flows'), { recursive: true });
    await nextBatch();
    const back = nextBatch();
    mkdirSync(file('flows'));
    write('flows/main.yaml');
    expect(await back).toEqual({ paths: [file('flows/main.yaml')], reasons: ['add'] });
  });

  it('matches a glob flow path from its base folder and stops reporting once closed', async () => {
    mkdirSync(file('apps/sales/flows'), { recursive: true });
    await start(['apps/*/flows/*.yaml']);
    const next = nextBatch();
    write('apps/sales/flows/a.yaml');
    write('apps/sales/flows/a.toml');
    write('apps/sales/b.yaml');
    expect(await next).toEqual({ paths: [file('apps/sales/flows/a.yaml')], reasons: ['add'] });
    await watcher?.close();
    write('apps/sales/flows/c.yaml');
    await expectNoMoreBatches();
  });
});
