import { compileApp } from '../../src/compiler/compile-app';
import { FakeClock } from '../../src/core/fake-clock';
import { buildGraph } from '../../src/graph';
import type { AppSettings, AppSnapshot } from '../../src/ir/types';
import { parseSource } from '../../src/parse/parse-source';
import { flowSchema } from '../../src/schema/flow-schema';
import { VoxtraCall } from '../../src/session/call';
import { FlowRunner } from '../../src/session/flow-runner';
import { recordEvents } from '../../src/session/observer';
import { STEP_REGISTRY } from '../../src/steps/registry';
import type { StepDefinition } from '../../src/steps/step-definition';
import { computeCoverage } from '../../src/testing/coverage';
import type { ChosenOption, ReachedStep } from '../../src/testing/run-scenario';
import { FakeCallControl } from '../helpers/fake-call-control';
import { confirmStep } from './support/confirm-step';
import { channelInfo, drive } from './support/harness';

// The one registry line: the throwaway step type joins the catalogue.
const REGISTRY: readonly StepDefinition[] = [...STEP_REGISTRY, confirmStep];

const SETTINGS: AppSettings = { queuesContext: 'voxtra-queues', calendars: {}, maxStepsPerCall: 100, maxCallDepth: 4 };

const FLOW = `default: main
flows:
  main:
    steps:
      - answer
      - confirm:
          prompt: sound:press-1-to-confirm
          no:
            - play: sound:cancelled
          yes:
            - play: sound:confirmed
      - hangup
`;

function compile(text: string, registry: readonly StepDefinition[] = REGISTRY): ReturnType<typeof compileApp> {
  const { document } = parseSource('main.yaml', text);
  if (!document) throw new Error('the flow did not parse');
  return compileApp({ name: 'shop', settings: SETTINGS, documents: [document], files: ['main.yaml'], absoluteFiles: [], diagnostics: [] }, registry);
}

function snapshot(): AppSnapshot {
  const compiled = compile(FLOW);
  if (!compiled.snapshot) throw new Error(`did not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  return compiled.snapshot;
}

/** Runs `main` with the extended catalogue, the caller pressing `digit` during the prompt. */
async function run(digit: string) {
  const clock = new FakeClock(0);
  const port = new FakeCallControl({ clock, defaultDurationMs: 1000 });
  const snap = snapshot();
  const recorder = recordEvents();
  const call = new VoxtraCall({ control: port, clock, app: 'shop', channel: channelInfo(), snapshotVersion: snap.version, queuesContext: 'voxtra-queues', observer: recorder.observer });
  const runner = new FlowRunner({ call, snapshot: snap, clock, observer: recorder.observer, steps: REGISTRY });
  port.at(500, () => port.press(digit));
  const result = await drive(clock, runner.run('main'));
  return { result, port, events: recorder.events, snap };
}

describe('adding a step type: one file and one registry line', () => {
  it('is validated: its schema fragment, its normalize and its own rule with its code', () => {
    expect(compile(FLOW).diagnostics).toEqual([]);
    expect(compile(FLOW, STEP_REGISTRY).diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['UNKNOWN_STEP', 6, 9]]);
    const missing = compile(FLOW.replace('          prompt: sound:press-1-to-confirm\n', ''));
    expect(missing.diagnostics.map((d) => [d.code, d.message, d.line])).toEqual([['SCHEMA_MISSING_PROPERTY', expect.stringContaining('confirm: '), 7]]);
    const noBranch = compile('default: main\nflows:\n  main:\n    steps:\n      - confirm: { prompt: "sound:really" }\n');
    expect(noBranch.diagnostics.map((d) => [d.code, d.message, d.line, d.column, d.hint])).toEqual([
      ['MENU_NO_EXIT', 'this confirm has neither yes nor no steps', 5, 9, 'Give it `yes:` or `no:` steps, or use a play step.'],
    ]);
    const editor = flowSchema(REGISTRY, 'editor') as { $defs: { step: { anyOf: { properties?: Record<string, unknown> }[] } } };
    expect(editor.$defs.step.anyOf.some((form) => form.properties?.confirm !== undefined)).toBe(true);
  });

  it('runs: the interpreter executes it and the branch it returns', async () => {
    const yes = await run('1');
    expect(yes.result.outcome).toBe('hung_up');
    expect(yes.port.calls.filter((c) => c.op === 'play').map((c) => c.args[0])).toEqual([['sound:press-1-to-confirm'], ['sound:confirmed']]);
    const no = await run('2');
    expect(no.port.calls.filter((c) => c.op === 'play').map((c) => c.args[0])).toEqual([['sound:press-1-to-confirm'], ['sound:cancelled']]);
  });

  it('is drawn: its summary and shape (choices in keypad order, the no-answer edge)', () => {
    const graph = buildGraph(snapshot(), { registry: REGISTRY });
    const node = graph.nodes.find((n) => n.stepId === 'main.steps[1]');
    // `confirm sound:press-1-to-confirm`, wrapped at 28 characters.
    expect(node).toMatchObject({ kind: 'menu', lines: ['confirm', 'sound:press-1-to-confirm'] });
    const labels = graph.edges.filter((e) => e.from === node?.id).map((e) => e.label);
    // yes (1) before no (2), although `branches` lists no first; the edge names are the branch keys.
    expect(labels).toEqual(['yes', 'no', 'no answer']);
  });

  it('is counted in coverage: the step, the steps in its branches and its choices', async () => {
    const { events, snap } = await run('1');
    const reached: ReachedStep[] = [];
    const chosen: ChosenOption[] = [];
    const stack: string[] = [];
    for (const e of events) {
      if (e.kind === 'stepStarted') {
        reached.push({ app: 'shop', flowId: e.flowId, stepId: e.stepId });
        stack.push(e.stepId);
      } else if (e.kind === 'stepFinished') stack.pop();
      else if (e.kind === 'digitsCollected' && e.status === 'ok') chosen.push({ app: 'shop', flowId: 'main', stepId: stack[stack.length - 1], key: e.digits });
    }
    const report = computeCoverage([snap], reached, chosen, REGISTRY);
    expect(report.steps).toEqual({ total: 5, reached: 4 });
    expect(report.options).toEqual({ total: 2, chosen: 1 });
    expect(report.flows[0].missedSteps.map((m) => m.stepId)).toEqual(['main.steps[1].confirm.no[0]']);
    expect(report.flows[0].missedOptions.map((m) => [m.stepId, m.type, m.key])).toEqual([['main.steps[1]', 'confirm', '2']]);
  });
});
