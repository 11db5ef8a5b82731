import { formatPrettyReport } from '../../src/testing/report-pretty';
import { reportOf, scenarioProject } from './helpers';

const FLOWS = `default: main
flows:
  main:
    steps:
      - answer
      - menu:
          prompt: { say: "Press 1 or 2." }
          options:
            "1": [{ transfer_to_queue: one }]
            "2": [{ call: helper }]
          exhausted: [hangup]
  helper:
    steps:
      - say: "Helping."
      - return
`;

describe('voxtra test coverage', () => {
  it('lists the steps and menu options no scenario reached, with their places', async () => {
    const report = await reportOf(
      scenarioProject(
        FLOWS,
        `scenarios:
  - name: picks one
    call: { extension: "100" }
    caller: [{ press: "1", during: prompt }]
    expect: { queue: one }
`,
      ),
    );
    const c = report.coverage;
    // The menu's prompt is part of the menu, not a step of its own.
    expect(c.steps).toEqual({ total: 7, reached: 3 });
    expect(c.options).toEqual({ total: 2, chosen: 1 });
    const main = c.flows.find((f) => f.flowId === 'main');
    expect(main?.missedSteps.map((m) => `${m.type} ${m.stepId} ${m.file}:${m.line}`)).toEqual(['call main.steps[1].menu.options["2"][0] flows/main.yaml:10', 'hangup main.steps[1].menu.exhausted[0] flows/main.yaml:11']);
    expect(main?.missedOptions.map((m) => `${m.key} ${m.stepId} ${m.line}`)).toEqual(['2 main.steps[1] 10']);
    expect(c.flows.find((f) => f.flowId === 'helper')?.steps).toEqual({ total: 2, reached: 0 });

    const text = formatPrettyReport(report);
    expect(text).toContain('Coverage: 3/7 steps (42%), 1/2 menu options (50%)');
    expect(text).toContain('  • main (flows/main.yaml): 3/5 steps, 1/2 options');
    expect(text).toContain('      never chosen: option "2" of main.steps[1]  flows/main.yaml:10:19');
    expect(text).toContain('  • helper (flows/main.yaml): 0/2 steps');
  });

  it('counts a sub-flow reached through a menu option, and options chosen in any scenario', async () => {
    const report = await reportOf(
      scenarioProject(
        FLOWS,
        `defaults:
  call: { extension: "100" }
scenarios:
  - name: one
    caller: [{ press: "1", during: prompt }]
    expect: { queue: one }
  - name: two
    caller: [{ press: "2", during: prompt }]
    expect: { prompts: [{ say: "Press 1 or 2.", status: interrupted }, Helping.], outcome: completed }
  - name: nothing
    expect: { outcome: hung_up }
`,
      ),
    );
    expect(report.summary.failed).toBe(0);
    expect(report.coverage.steps).toEqual({ total: 7, reached: 7 });
    expect(report.coverage.options).toEqual({ total: 2, chosen: 2 });
    expect(formatPrettyReport(report)).toContain('  ✓ helper (flows/main.yaml): 2/2 steps');
  });
});
