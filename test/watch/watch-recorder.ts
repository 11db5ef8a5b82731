import { watchProject, type ChangeBatch, type ProjectWatcher } from '../../src/watch/watcher';

/**
 * Runs the real project watcher on the real file system with short waits
 * (the debouncer itself is tested with a fake clock) and records its batches.
 */
export class WatchRecorder {
  readonly batches: ChangeBatch[] = [];
  readonly errors: unknown[] = [];
  private waiters: Array<() => void> = [];
  private watcher: ProjectWatcher | undefined;

  constructor(
    private readonly debounceMs = 60,
    private readonly quietMs = 150,
  ) {}

  async start(paths: string[], cwd: string): Promise<ProjectWatcher> {
    this.watcher = await watchProject({
      paths,
      cwd,
      debounceMs: this.debounceMs,
      onChange: (batch) => {
        this.batches.push(batch);
        for (const w of this.waiters) w();
      },
      onError: (err) => this.errors.push(err),
    });
    return this.watcher;
  }

  /** Resolves with the next batch, or fails after a generous bound. */
  nextBatch(): Promise<ChangeBatch> {
    const seen = this.batches.length;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no change reported')), 2000);
      this.waiters.push(() => {
        if (this.batches.length > seen) {
          clearTimeout(timer);
          resolve(this.batches[seen] as ChangeBatch);
        }
      });
    });
  }

  /** Waits the quiet time and fails when another batch arrived meanwhile. */
  async expectNoMoreBatches(): Promise<void> {
    const count = this.batches.length;
    await new Promise((r) => setTimeout(r, this.quietMs));
    expect(this.batches).toHaveLength(count);
  }

  async close(): Promise<void> {
    await this.watcher?.close();
    this.watcher = undefined;
  }
}
