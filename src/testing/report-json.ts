import type { Diagnostic } from '../diagnostics/diagnostic';
import { formatOffset } from '../core/duration';
import type { TestReport } from './run-tests';

/**
 * `--format json`: one object with every scenario (status, failures with
 * expected/actual/diff, the call's transcript, events and prompts), the
 * coverage data and the summary. Stable keys for CI tools.
 */
export function formatJsonReport(report: TestReport, diagnostics: readonly Diagnostic[] = []): string {
  const doc = {
    summary: report.summary,
    scenarios: report.files.flatMap((f) =>
      f.results.map((r) => ({
        file: f.file,
        name: r.scenario.name,
        line: r.scenario.source.line,
        app: r.scenario.app,
        status: r.status,
        ...(r.scenario.skip !== undefined ? { skipped: r.scenario.skip } : {}),
        wallMs: r.wallMs,
        failures: r.failures.map((x) => ({
          what: x.what,
          message: x.message,
          ...(x.source ? { file: x.source.file, line: x.source.line, column: x.source.column } : {}),
          ...(x.expected !== undefined ? { expected: x.expected } : {}),
          ...(x.actual !== undefined ? { actual: x.actual } : {}),
          ...(x.diff ? { diff: x.diff.map((d) => `${d.sign} ${d.text}`) } : {}),
        })),
        ...(r.call
          ? {
              call: {
                route: r.call.result?.route ?? null,
                flow: r.call.result?.flow ?? null,
                outcome: r.call.result?.outcome ?? null,
                durationMs: r.call.durationMs,
                prompts: r.call.prompts,
                variables: r.call.variables,
                channelVariables: r.call.channelVariables,
                queue: r.call.queue ?? null,
                hangup: r.call.hangup ?? null,
                caller: r.call.caller,
                requests: r.call.requests,
                transcript: r.call.transcript.map((l) => `${formatOffset(l.atMs ?? 0).trim()}  ${l.text}`),
                events: r.call.events.map((l) => `${formatOffset(l.atMs ?? 0).trim()}  ${l.text}`),
              },
            }
          : {}),
      })),
    ),
    coverage: report.coverage,
    diagnostics,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
