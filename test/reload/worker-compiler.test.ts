import { existsSync } from 'node:fs';
import path from 'node:path';
import { FakeClock } from '../../src/core/fake-clock';
import { compileOnThisThread } from '../../src/reload/project-compiler';
import { createWorkerCompiler } from '../../src/reload/worker-compiler';
import { tempProject } from '../config/temp-project';

// The worker runs the compiled JavaScript (npm test builds dist/ first).
const WORKER = path.resolve(__dirname, '../../dist/reload/compile-worker.js');
const ROOT = path.resolve(__dirname, '../..');

describe('compiling in a worker thread', () => {
  beforeAll(() => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run npm run build first`);
  });

  it('gives the same apps, versions and diagnostics as compiling on this thread, frozen', async () => {
    const compiler = createWorkerCompiler(WORKER);
    try {
      expect(compiler.inWorker).toBe(true);
      const opts = { cwd: ROOT, env: {} };
      const [inWorker, here] = await Promise.all([compiler(opts), compileOnThisThread(opts)]);
      expect(inWorker.apps.map((a) => [a.name, a.snapshot?.version])).toEqual(here.apps.map((a) => [a.name, a.snapshot?.version]));
      expect(inWorker.apps[0].snapshot).toEqual(here.apps[0].snapshot);
      expect(Object.isFrozen(inWorker.apps[0].snapshot?.routes[0])).toBe(true);
      expect(inWorker.config?.apps.map((a) => a.name)).toEqual(['voxtra']);
    } finally {
      await compiler.close();
    }
  });

  it('reports errors per app and survives many compiles on one worker', async () => {
    const cwd = tempProject({
      'voxtra.config.yaml': 'apps:\n  - { name: good, flows: good/ }\n  - { name: bad, flows: bad/ }\n',
      'good/main.yaml': 'default: [answer, hangup]\n',
      'bad/main.yaml': 'default: nowhere\n',
    });
    const compiler = createWorkerCompiler(WORKER);
    try {
      for (let i = 0; i < 5; i++) {
        const result = await compiler({ cwd, env: {} });
        expect(result.apps.map((a) => [a.name, a.snapshot !== undefined, a.diagnostics.map((d) => [d.code, d.file, d.line])])).toEqual([
          ['good', true, []],
          ['bad', false, [['UNKNOWN_FLOW', 'bad/main.yaml', 1]]],
        ]);
      }
    } finally {
      await compiler.close();
    }
  });

  it('starts its worker with the first compile and ends it after idleMs without one; the next compile starts another', async () => {
    const clock = new FakeClock(0);
    const compiler = createWorkerCompiler(WORKER, { idleMs: 1000, clock });
    const opts = { cwd: ROOT, env: {} };
    try {
      expect(compiler.running).toBe(false);
      const first = await compiler(opts);
      expect(compiler.running).toBe(true);
      clock.advance(500);
      // A compile before the idle time is up keeps the worker, and its idle time starts again when it is done.
      const second = await compiler(opts);
      expect(second.apps[0].snapshot?.version).toBe(first.apps[0].snapshot?.version);
      clock.advance(999);
      expect(compiler.running).toBe(true);
      clock.advance(1);
      expect(compiler.running).toBe(false);
      // A new worker for the next compile, with the same result.
      const third = await compiler(opts);
      expect(compiler.running).toBe(true);
      expect(third.apps[0].snapshot).toEqual(first.apps[0].snapshot);
    } finally {
      await compiler.close();
    }
    expect(compiler.running).toBe(false);
  });

  it('compiles on the calling thread when there is no compiled worker file', async () => {
    const compiler = createWorkerCompiler(path.join(ROOT, 'no-such-worker.js'));
    expect(compiler.inWorker).toBe(false);
    const result = await compiler({ cwd: ROOT, env: {} });
    expect(result.apps[0].snapshot).toBeDefined();
  });
});
