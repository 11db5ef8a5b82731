/**
 * `voxtra test`: scenario files (`*.test.yaml`) next to the flows, each call
 * run in-process on a simulated clock against the real runtime and the ARI
 * simulator, checked against its expectations, reported with diffs and
 * coverage. See docs/testing.md.
 */
export { runTests, type ScenarioResult, type TestReport, type TestRunOptions, type TestRunOutcome } from './run-tests';
export { runScenario, type ScenarioEnvironment, type ScenarioRun } from './run-scenario';
export { loadScenarioFiles } from './load-scenarios';
export { findScenarioFiles, type FoundScenarioFile, type ScenarioRoot } from './scenario-files';
export { scenarioSchema } from '../schema/scenario-schema';
export { checkExpectations, type Failure } from './check-expectations';
export { computeCoverage, type CoverageReport, type FlowCoverage } from './coverage';
export type { ActualCall, ActualPrompt } from './actual-call';
export { formatPrettyReport } from './report-pretty';
export { formatJsonReport } from './report-json';
export { formatJunitReport } from './report-junit';
export type { Expectations, Scenario, ScenarioFile } from './scenario-types';
