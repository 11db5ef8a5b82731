import { compileApp } from '../../src/compiler/compile-app';
import type { AppSnapshot } from '../../src/ir/types';
import { parseSource } from '../../src/parse/parse-source';
import { STEP_REGISTRY } from '../../src/steps/registry';

/** Compiles one flow file (YAML) with the real step catalogue; fails the test on any error. */
export function snapshotOf(yaml: string, app = 'test'): AppSnapshot {
  const { document, diagnostics } = parseSource('flows/main.yaml', yaml);
  if (!document) throw new Error(`did not parse: ${diagnostics.map((d) => d.message).join('; ')}`);
  const compiled = compileApp(
    { name: app, settings: { queuesContext: 'voxtra-queues', calendars: { office: {} }, maxStepsPerCall: 1000, maxCallDepth: 8 }, documents: [document], files: ['flows/main.yaml'], absoluteFiles: [], diagnostics: [] },
    STEP_REGISTRY,
  );
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  if (!compiled.snapshot || errors.length) throw new Error(`did not compile: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return compiled.snapshot;
}

const DEPARTMENTS = ['sales', 'support', 'billing', 'returns', 'shipping', 'accounts', 'technical', 'partners', 'careers', 'press'];

/**
 * A menu of 30-odd steps: ten options with a message and a queue each, a
 * directory sub-flow behind `*`, retries, a loop bound and an exhausted branch.
 */
export const BIG_MENU = [
  'default: main',
  'flows:',
  '  main:',
  '    steps:',
  '      - answer',
  '      - label: top',
  '      - menu:',
  '          prompt: { say: "Welcome to Example Corporation. For sales press 1, support 2, billing 3, returns 4, shipping 5, accounts 6, technical help 7, partners 8, careers 9, press 0." }',
  '          options:',
  ...DEPARTMENTS.flatMap((d, i) => [
    `            "${(i + 1) % 10}":`,
    `              - say: "Connecting you to ${d}. Calls may be recorded for training."`,
    `              - transfer_to_queue: ${d}`,
  ]),
  '            "*":',
  '              - call: directory',
  '              - goto: { label: top, max: 3 }',
  '          no_input: [{ say: "Sorry, I did not hear you." }]',
  '          invalid: [{ say: "That is not a valid choice." }]',
  '          exhausted: [{ play: sound:vm-goodbye }, { hangup: congestion }]',
  '  directory:',
  '    steps:',
  '      - listen_dtmf: { max_digits: 4, into: ext, prompt: { say: "Enter the extension" } }',
  '      - if:',
  '          when: vars.ext_status == "ok"',
  '          then: [{ continue_in_dialplan: { context: internal, extension: "{{ vars.ext }}" } }]',
  '          else: [{ say: "Returning to the main menu." }, return]',
  '',
].join('\n');
