import os from 'node:os';
import path from 'node:path';
import { compileProject } from '../compiler/compile-project';
import type { AppConfig, VoxtraConfig } from '../config/config-types';
import { isScenarioFile } from '../config/flow-files';
import { loadProject } from '../config/load-project';
import { systemClock } from '../core/clock';
import { silentLogger } from '../core/logger';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic';
import type { AppSnapshot } from '../ir/types';
import { formatOfFile } from '../parse/format-of';
import { buildServices, type RuntimeServices } from '../runtime/services';
import { SimulatedSpeechEngine } from '../tts/simulated-engine';
import type { ActualCall } from './actual-call';
import { checkExpectations, type Failure } from './check-expectations';
import { computeCoverage, type CoverageReport } from './coverage';
import { loadScenarioFiles } from './load-scenarios';
import { runScenario, type ChosenOption, type ReachedStep } from './run-scenario';
import { runScenarioOverHttp } from './run-scenario-http';
import { findScenarioFiles, type ScenarioRoot } from './scenario-files';
import type { Scenario } from './scenario-types';
import { SpeechBook } from './tracked-tts';

export interface TestRunOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `--config FILE`. */
  readonly configPath?: string;
  /** Flow paths and/or scenario files from the command line. */
  readonly paths?: readonly string[];
  /** Only scenarios whose name contains this (case-insensitive). */
  readonly grep?: string;
  /** Folder for rendered speech (default: a voxtra-test-tts folder in the system's temp folder). */
  readonly ttsDir?: string;
  /** Run every scenario over loopback HTTP + WebSocket (as if each said `simulator: { over_http: true }`). */
  readonly overHttp?: boolean;
  /** Called as each scenario finishes (progress output). */
  readonly onResult?: (result: ScenarioResult) => void;
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly failures: readonly Failure[];
  readonly call?: ActualCall;
  /** Real time the scenario took. */
  readonly wallMs: number;
}

export interface TestReport {
  readonly files: readonly { readonly file: string; readonly results: readonly ScenarioResult[] }[];
  readonly summary: { readonly total: number; readonly passed: number; readonly failed: number; readonly skipped: number; readonly wallMs: number };
  readonly coverage: CoverageReport;
}

/**
 * What `voxtra test` found: `usage` (no config, no scenario files, broken
 * scenario files: exit 2), `invalid` (the flows do not compile: exit 1), or
 * a report (exit 0 when nothing failed). Diagnostics are printed either way.
 */
export type TestRunOutcome =
  | { readonly kind: 'usage'; readonly message?: string; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'invalid'; readonly message?: string; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'report'; readonly report: TestReport; readonly diagnostics: readonly Diagnostic[] };

/**
 * Compiles the project, loads the scenario files and runs every scenario
 * in-process on a simulated clock against the real runtime and the ARI
 * simulator, then computes coverage.
 */
export async function runTests(opts: TestRunOptions): Promise<TestRunOutcome> {
  const started = Date.now();
  const given = opts.paths ?? [];
  const scenarioPaths = given.filter((p) => isScenarioFile(p));
  const flowPaths = given.filter((p) => !isScenarioFile(p));
  const project = await loadProject({ cwd: opts.cwd, env: opts.env, ...(opts.configPath !== undefined ? { configPath: opts.configPath } : {}), ...(flowPaths.length ? { paths: flowPaths } : {}) });
  if (project.configNotFound || project.usageError) return { kind: 'usage', ...(project.usageError ? { message: project.usageError } : {}), diagnostics: project.diagnostics };
  const compiled = compileProject(project);
  const config = project.config as VoxtraConfig | undefined;
  const snapshots = compiled.apps.map((a) => a.snapshot).filter((s): s is AppSnapshot => s !== undefined);
  if (!config || hasErrors(compiled.diagnostics) || snapshots.length === 0) return { kind: 'invalid', diagnostics: compiled.diagnostics };

  const apps: readonly AppConfig[] = flowPaths.length ? [{ ...config.apps[0], flows: flowPaths, baseDir: opts.cwd }] : config.apps;
  const roots: ScenarioRoot[] = scenarioPaths.length
    ? scenarioPaths.map((p) => ({ pattern: p, baseDir: opts.cwd, app: appOf(path.resolve(opts.cwd, p), apps) }))
    : apps.flatMap((a) => a.flows.map((pattern) => ({ pattern, baseDir: a.baseDir, app: a.name })));
  const found = await findScenarioFiles(roots);
  const where = (scenarioPaths.length ? scenarioPaths : apps.flatMap((a) => a.flows)).join(', ');
  if (found.diagnostics.length > 0) return { kind: 'usage', diagnostics: found.diagnostics };
  if (found.files.length === 0) {
    return { kind: 'usage', diagnostics: [diagnostic({ code: 'NO_SCENARIO_FILES', message: `no scenario file (*.test.yaml, *.test.yml) in ${where}`, path: [] })] };
  }
  const byApp = new Map(snapshots.map((s) => [s.app, s]));
  const loaded = await loadScenarioFiles(found.files, { cwd: opts.cwd, snapshots: byApp });
  const diagnostics = [...compiled.diagnostics, ...loaded.diagnostics];
  if (hasErrors(loaded.diagnostics)) return { kind: 'usage', diagnostics };

  let services: RuntimeServices;
  try {
    services = await buildServices({
      snapshots,
      baseDir: config.dir,
      simulator: true,
      clock: systemClock,
      logger: silentLogger,
      ttsEngine: new SimulatedSpeechEngine(),
      ttsDir: opts.ttsDir ?? path.join(os.tmpdir(), 'voxtra-test-tts'),
    });
  } catch (err) {
    return { kind: 'invalid', message: (err as Error).message, diagnostics };
  }
  const env = { snapshots, services, speech: new SpeechBook() };
  const grep = opts.grep?.toLowerCase();
  const files: { file: string; results: ScenarioResult[] }[] = [];
  const reached: ReachedStep[] = [];
  const chosen: ChosenOption[] = [];
  for (const file of loaded.files) {
    const results: ScenarioResult[] = [];
    for (const scenario of file.scenarios) {
      if (grep !== undefined && !scenario.name.toLowerCase().includes(grep)) continue;
      const result = await runOne(scenario, env, reached, chosen, opts.overHttp === true);
      results.push(result);
      opts.onResult?.(result);
    }
    if (results.length > 0) files.push({ file: file.file, results });
  }
  const all = files.flatMap((f) => f.results);
  const count = (s: ScenarioResult['status']): number => all.filter((r) => r.status === s).length;
  return {
    kind: 'report',
    diagnostics,
    report: {
      files,
      summary: { total: all.length, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), wallMs: Date.now() - started },
      coverage: computeCoverage(snapshots, reached, chosen),
    },
  };
}

async function runOne(scenario: Scenario, env: Parameters<typeof runScenario>[1], reached: ReachedStep[], chosen: ChosenOption[], overHttp: boolean): Promise<ScenarioResult> {
  const started = Date.now();
  if (scenario.skip !== undefined) return { scenario, status: 'skipped', failures: [], wallMs: 0 };
  try {
    const run = overHttp || scenario.simulator.overHttp ? await runScenarioOverHttp(scenario, env, scenario.simulator.timeScale) : await runScenario(scenario, env);
    reached.push(...run.reached);
    chosen.push(...run.chosen);
    const failures: Failure[] = [...run.problems.map((message) => ({ what: 'run', message })), ...(run.call ? checkExpectations(scenario.expect, run.call) : [])];
    return { scenario, status: failures.length > 0 ? 'failed' : 'passed', failures, ...(run.call ? { call: run.call } : {}), wallMs: Date.now() - started };
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    return { scenario, status: 'failed', failures: [{ what: 'run', message: `the scenario could not run: ${message}` }], wallMs: Date.now() - started };
  }
}

/** The app whose flows hold `file` (a folder entry or a glob's fixed folder), else the first app. */
function appOf(file: string, apps: readonly AppConfig[]): string {
  for (const app of apps) {
    for (const entry of app.flows) {
      const fixed = path.resolve(app.baseDir, entry.split(/[*?[{]/)[0]);
      const dir = formatOfFile(fixed) ? path.dirname(fixed) : fixed;
      const rel = path.relative(dir, file);
      if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) return app.name;
    }
  }
  return apps[0]?.name ?? 'voxtra';
}
