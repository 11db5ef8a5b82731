import { tempProject } from '../config/temp-project';
import { runTests, type ScenarioResult, type TestReport, type TestRunOutcome } from '../../src/testing/run-tests';

/** A project with one flows file and one scenario file (plus any extra files), and no config file. */
export function scenarioProject(flows: string, scenarios: string, extra: Record<string, string> = {}): string {
  return tempProject({ 'flows/main.yaml': flows, 'flows/main.test.yaml': scenarios, ...extra });
}

/** Runs `voxtra test flows/` in `cwd` and returns the outcome. */
export async function testFlows(cwd: string, paths: string[] = ['flows/']): Promise<TestRunOutcome> {
  return runTests({ cwd, env: {}, paths });
}

/** Runs the project's scenarios and returns the report, failing the test when the run did not produce one. */
export async function reportOf(cwd: string, paths?: string[]): Promise<TestReport> {
  const outcome = await testFlows(cwd, paths);
  if (outcome.kind !== 'report') throw new Error(`expected a report, got ${outcome.kind}: ${JSON.stringify(outcome.diagnostics.map((d) => `${d.code} ${d.message}`))}`);
  return outcome.report;
}

/** Every scenario result of a report, by name. */
export function resultsByName(report: TestReport): Map<string, ScenarioResult> {
  return new Map(report.files.flatMap((f) => f.results.map((r) => [r.scenario.name, r] as const)));
}
