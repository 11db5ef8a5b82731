import { compileProject } from '../../../src/compiler/compile-project';
import { loadProject } from '../../../src/config/load-project';
import type { VoxtraConfig } from '../../../src/config/config-types';
import { systemClock } from '../../../src/core/clock';
import { memoryLogger, type LogRecord } from '../../../src/core/logger';
import { ScaledClock } from '../../../src/core/scaled-clock';
import type { AppSnapshot } from '../../../src/ir/types';
import { createMetrics, type Metrics } from '../../../src/observability/metrics';
import { createHttpRouter } from '../../../src/http-router';
import { Runtime, type RuntimeOptions } from '../../../src/runtime/runtime';
import { AriSimulator } from '../../../src/simulator';
import type { SimulatorOptions } from '../../../src/simulator/options';
import { waitFor } from '../../ari/helpers/wait';
import { CountingClock } from './counting-clock';

/** Real ms per simulated ms for the runtime and the simulator alike: a 5 s menu timeout takes 100 ms. */
export const TIME_SCALE = 0.02;

/** Loads and compiles a project folder; throws with the diagnostics when it does not compile. */
export async function compileFolder(cwd: string, env: Record<string, string> = {}): Promise<{ config: VoxtraConfig; snapshots: AppSnapshot[] }> {
  const project = await loadProject({ cwd, env });
  const compiled = compileProject(project);
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !project.config) throw new Error(`project does not compile:\n${errors.map((d) => `${d.file}:${d.line}: ${d.code} ${d.message}`).join('\n')}`);
  return { config: project.config as VoxtraConfig, snapshots: compiled.apps.map((a) => a.snapshot).filter((s): s is AppSnapshot => s !== undefined) };
}

export interface Harness {
  readonly sim: AriSimulator;
  readonly runtime: Runtime;
  readonly clock: CountingClock;
  readonly records: LogRecord[];
  readonly metrics: Metrics;
  /** Stops the runtime (if still running) and the simulator. */
  close(): Promise<void>;
}

/**
 * A simulator on loopback and a runtime connected to it, both on the same time
 * scale. ARI deadlines stay in real time (they guard the network, not the caller).
 */
export async function startHarness(opts: {
  snapshots: readonly AppSnapshot[];
  sim?: SimulatorOptions;
  runtime?: Partial<RuntimeOptions>;
  /** Reuse a running simulator. */
  simulator?: AriSimulator;
  /** Simulated ms per real ms for both sides (default {@link TIME_SCALE}). */
  timeScale?: number;
}): Promise<Harness> {
  const apps = opts.snapshots.map((s) => s.app);
  const timeScale = opts.timeScale ?? TIME_SCALE;
  const sim = opts.simulator ?? (await AriSimulator.start({ timeScale, apps, ...opts.sim }));
  const scaled = new ScaledClock(timeScale);
  const clock = new CountingClock(scaled);
  const records: LogRecord[] = [];
  const metrics = createMetrics({ defaultMetrics: false });
  const runtime = new Runtime({
    servers: [{ name: 'sim', url: sim.url, username: 'voxtra', password: 'voxtra' }],
    snapshots: opts.snapshots,
    logger: memoryLogger(records),
    clock,
    metrics,
    // Network deadlines stay in real time, as in `voxtra run --time-scale` (src/host/time-scale.ts).
    httpRouter: createHttpRouter({ clock: systemClock, logger: memoryLogger(records) }),
    ari: {
      requestTimeoutMs: scaled.fromReal(5000),
      connectTimeoutMs: scaled.fromReal(5000),
      pingIntervalMs: 0,
      backoff: { initialMs: scaled.fromReal(20), maxMs: scaled.fromReal(200) },
    },
    ...opts.runtime,
  });
  runtime.start();
  await waitFor(() => runtime.readiness().servers.every((s) => s.state === 'connected'), 5000);
  let closed = false;
  return {
    sim,
    runtime,
    clock,
    records,
    metrics,
    close: async () => {
      if (closed) return;
      closed = true;
      await runtime.stop();
      if (!opts.simulator) await sim.stop();
    },
  };
}

/** Polls until `cond` holds, in real time (loopback sockets must deliver). */
export { waitFor };
