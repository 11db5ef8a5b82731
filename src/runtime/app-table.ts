import type { AppSnapshot } from '../ir/types';
import type { Metrics } from '../observability/metrics';
import type { AppReadiness } from '../ops-server/readiness';
import { getRouteIndex } from '../routing/route-index';
import type { CodeRouting } from '../session/call-handlers';

/** One app of the table: what its new calls run on. */
export interface AppEntry {
  /** The snapshot new calls get: the files' snapshot with the code routes added. */
  snapshot: AppSnapshot;
  /** The snapshot as compiled from the flow files (the same object when no code routes exist). */
  files: AppSnapshot;
  /** Set while a reload removes the app: its calls finish, new ones get the policy. */
  retiring?: boolean;
}

/** What {@link AppTable.swap} changed. */
export interface AppSwap {
  readonly snapshot: AppSnapshot;
  /** The snapshot new calls got before, if the app existed. */
  readonly previous?: AppSnapshot;
  /** True when the swap took back an app a reload was removing. */
  readonly revived: boolean;
}

/**
 * The apps a runtime serves: one current snapshot per app (swapped
 * atomically, extended with the code routes), apps being retired, and the
 * apps whose files have errors. Calls read it through {@link entry}.
 */
export class AppTable {
  private readonly entries = new Map<string, AppEntry>();
  /** Apps whose files have errors: with a running snapshot (a rejected reload) or without one (never compiled). */
  private readonly problems = new Map<string, number>();

  constructor(
    initial: readonly AppSnapshot[],
    private readonly code: CodeRouting | undefined,
    private readonly metrics: Metrics | undefined,
  ) {
    for (const files of initial) {
      const snapshot = code?.extend?.(files) ?? files;
      this.entries.set(snapshot.app, { snapshot, files });
      metrics?.setSnapshot(snapshot.app, snapshot.version);
    }
  }

  /** The app's entry, retiring or not (the call path reads it once per call). */
  entry(app: string): AppEntry | undefined {
    return this.entries.get(app);
  }

  /** Apps served (not those being retired). */
  get served(): string[] {
    return [...this.entries].filter(([, e]) => !e.retiring).map(([name]) => name);
  }

  /** Apps each server's events socket must carry: those served and those still finishing calls. */
  get registered(): string[] {
    return [...this.entries.keys()];
  }

  /** The snapshot new calls to `app` get. */
  snapshot(app: string): AppSnapshot | undefined {
    const entry = this.entries.get(app);
    return entry && !entry.retiring ? entry.snapshot : undefined;
  }

  /** The app's snapshot as compiled from its files, without code routes. */
  filesSnapshot(app: string): AppSnapshot | undefined {
    const entry = this.entries.get(app);
    return entry && !entry.retiring ? entry.files : undefined;
  }

  /**
   * Makes `fromFiles` (or the snapshot it extends to) the one new calls get,
   * adding the app if it is new and keeping it if it was being retired.
   * Returns undefined when the running snapshot was handed back unchanged.
   */
  swap(fromFiles: AppSnapshot): AppSwap | undefined {
    // The running snapshot handed back (a reload that changed nothing) is already extended and indexed.
    const entry = this.entries.get(fromFiles.app);
    if (entry && entry.snapshot === fromFiles && !entry.retiring) return undefined;
    const handedBack = entry?.snapshot === fromFiles;
    const snapshot = handedBack ? fromFiles : (this.code?.extend?.(fromFiles) ?? fromFiles);
    // The route index is built per snapshot on first lookup; build it now, off any call's path.
    getRouteIndex(snapshot);
    const previous = entry?.snapshot;
    let revived = false;
    if (entry) {
      entry.snapshot = snapshot;
      if (!handedBack) entry.files = fromFiles;
      revived = entry.retiring === true;
      entry.retiring = false;
    } else {
      this.entries.set(snapshot.app, { snapshot, files: fromFiles });
    }
    this.metrics?.setSnapshot(snapshot.app, snapshot.version);
    return { snapshot, ...(previous ? { previous } : {}), revived };
  }

  /** Marks an app as being removed; false when it is not in the table or already retiring. */
  retire(app: string): boolean {
    const entry = this.entries.get(app);
    if (!entry || entry.retiring) return false;
    entry.retiring = true;
    return true;
  }

  /** True while `app` is being removed (not added back meanwhile). */
  isRetiring(app: string): boolean {
    return this.entries.get(app)?.retiring === true;
  }

  /** Drops a retired app and its metric series. */
  remove(app: string): void {
    this.entries.delete(app);
    this.metrics?.removeApp(app);
  }

  /** Replaces the record of apps whose files have errors (app → error count). */
  setProblems(problems: Readonly<Record<string, number>>): void {
    this.problems.clear();
    for (const [app, errors] of Object.entries(problems)) if (errors > 0) this.problems.set(app, errors);
  }

  /** Each app's `/readyz` entry; `registration` tells a served app's state on the servers. */
  readiness(registration: (app: string) => AppReadiness['state'], activeCalls: (app: string) => number): AppReadiness[] {
    const apps: AppReadiness[] = [...this.entries].map(([name, entry]) => {
      const errors = this.problems.get(name);
      return {
        name,
        version: entry.snapshot.version,
        state: entry.retiring ? 'stopping' : registration(name),
        activeCalls: activeCalls(name),
        ...(errors !== undefined ? { rejectedErrors: errors } : {}),
      };
    });
    for (const [name, errors] of this.problems) {
      if (!this.entries.has(name)) apps.push({ name, version: null, state: 'failed', rejectedErrors: errors });
    }
    return apps;
  }
}
