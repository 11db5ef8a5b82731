// Generated projects for the lint bench: many flow files with one error each,
// and one big routes file for the language server.
'use strict';

const { mkdirSync, mkdtempSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * The one mistake each generated file carries, in turn. All are semantic
 * (found after the schema passed), so today's compiler reports every one of
 * them in one run; a schema error would stop the semantic rules for the app.
 */
const MISTAKES = [
  { code: 'UNKNOWN_FLOW', make: (i) => ({ call: `missing-${i}` }) },
  { code: 'UNKNOWN_LABEL', make: (i) => ({ goto: `nowhere_${i}` }) },
  { code: 'UNKNOWN_TEMPLATE_VARIABLE', make: (i) => ({ say: `Hello {{ caller.name_${i} }}` }) },
  { code: 'INVALID_REGEX', route: (i) => `  - name: broken-${i}\n    extension: { regex: "^(9${i}" }\n    flow: f${i}\n` },
];

/** One flow file: a route to its flow, a flow of a dozen steps, and mistake number `i % 4`. */
function flowFile(i) {
  const mistake = MISTAKES[i % MISTAKES.length];
  const step = mistake.make ? mistake.make(i) : undefined;
  const bad = step ? `      - ${JSON.stringify(step)}\n` : '';
  return `routes:
  - name: r${i}
    extension: "${1000 + i}"
    metadata: { queue: q${i % 50}, tier: gold }
    flow: f${i}
${mistake.route ? mistake.route(i) : ''}flows:
  f${i}:
    description: Generated flow ${i}.
    steps:
      - answer
      - label: top
      - menu:
          prompt: { say: "Press 1 for sales, 2 for support." }
          timeout: 5s
          attempts: 3
          options:
            "1": [{ transfer_to_queue: sales }]
            "2": [{ transfer_to_queue: "{{ metadata.queue }}" }]
          invalid: [{ say: "Sorry." }]
          exhausted: [hangup]
${bad}      - set: { greeting: "Hello {{ call.caller_name }}" }
      - goto: { label: top, max: 2 }
      - hangup
`;
}

/** A project of `count` flow files under flows/, with a config; returns its folder. */
function lintProject(count) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-bench-lint-'));
  writeFileSync(path.join(dir, 'voxtra.config.yaml'), 'app: bench\nflows: flows/\n');
  mkdirSync(path.join(dir, 'flows'));
  const files = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, 'flows', `f${String(i).padStart(4, '0')}.yaml`);
    writeFileSync(file, flowFile(i));
    files.push(file);
  }
  // One file routes the calls nothing else takes, so the app has a default.
  writeFileSync(path.join(dir, 'flows', 'default.yaml'), 'default: fallback\nflows:\n  fallback: [answer, hangup]\n');
  return { dir, files, expected: count };
}

/**
 * A project with one routes file of `routes` routes (to 20 flows in the same
 * file); returns its folder and the text. With `mistake`, one step of the
 * first flow is misspelt, so every keystroke's diagnostics underline one problem.
 */
function routesProject(routes, schemaPath, { mistake = false } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-bench-lsp-'));
  writeFileSync(path.join(dir, 'voxtra.config.yaml'), 'app: bench\nflows: flows/\n');
  mkdirSync(path.join(dir, 'flows'));
  let text = `# yaml-language-server: $schema=${schemaPath}\nroutes:\n`;
  for (let i = 0; i < routes; i++) {
    text += `  - name: route-${i}\n    extension: "${10000 + i}"\n    metadata: { queue: q${i % 20}, tier: t${i % 3} }\n    flow: flow-${i % 20}\n`;
  }
  text += 'default: flow-0\nflows:\n';
  for (let f = 0; f < 20; f++) {
    text += `  flow-${f}:\n    - ${mistake && f === 0 ? 'answr' : 'answer'}\n    - say: "Flow ${f} for {{ metadata.tier }}"\n    - transfer_to_queue: "{{ metadata.queue }}"\n`;
  }
  const file = path.join(dir, 'flows', 'routes.yaml');
  writeFileSync(file, text);
  return { dir, file, text };
}

module.exports = { lintProject, routesProject, MISTAKES };
