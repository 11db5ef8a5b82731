#!/usr/bin/env node
// Lint bench, next to baselines in the same run:
//  1. `voxtra validate` on N generated flow files with one error each: the
//     real CLI end to end and the in-process load + compile, against ajv
//     alone (read, parse, validate against the published flow schema) on the
//     same files, and against bare `node` start-up for the CLI.
//  2. `voxtra lsp`: the time from a didChange (one character of a 200-route
//     file) to its publishDiagnostics over stdio, debounce off (the default
//     150 ms debounce comes on top and is shown apart; so is the same file
//     with one misspelt step, whose diagnostic is underlined), against
//     yaml-language-server (what editors run today: schema only) on the same
//     file and edits, and against the in-process compile of the project.
// Build first: `npm run build`, then
//   node bench/lint/run.js [--files 1000] [--routes 200] [--edits 30] [--rounds 3] [--only validate|lsp]
'use strict';

const { performance } = require('node:perf_hooks');

const { spawn } = require('node:child_process');
const { readFileSync, rmSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { lintProject, routesProject, MISTAKES } = require('./workload');
const { BenchLspClient } = require('./lsp-client');

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/voxtra');
const dist = (m) => require(path.join(ROOT, 'dist', m));
const FLOW_SCHEMA = path.join(ROOT, 'schemas/flow.schema.json');
const YAML_SERVER = path.join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server');

function options() {
  const out = { files: 1000, routes: 200, edits: 30, rounds: 3, only: undefined };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in out)) throw new Error(`unknown option ${argv[i]}`);
    out[key] = key === 'only' ? argv[i + 1] : Number(argv[i + 1]);
  }
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const ms = (x) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const ratio = (a, b) => `${(a / b).toFixed(1)}x`;

const CPU_REPORT = path.join(__dirname, 'cpu-report.js');

/** Runs node with `args`; its wall time, and its own CPU time (user + system) as cpu-report.js tells it. */
function timeProcess(args, cwd) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['-r', CPU_REPORT, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t) => (stderr += t));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - t0, cpuMs: Number(/voxtra-bench-cpu-ms (\S+)/.exec(stderr)?.[1]), code, stdout }));
  });
}

/** CPU time (user + system, ms) this process spends in `fn`. */
async function cpuOf(fn) {
  const before = process.cpuUsage();
  await fn();
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}

async function benchValidate(o) {
  const project = lintProject(o.files);
  console.log(`\n== voxtra validate: ${o.files} flow files (+1 default), one error each (${MISTAKES.map((m) => m.code).join(', ')} in turn)`);
  try {
    const cli = [];
    const cliCpu = [];
    const bare = [];
    let found;
    for (let r = 0; r < o.rounds; r++) {
      bare.push((await timeProcess(['-e', ''], project.dir)).ms);
      const run = await timeProcess([BIN, 'validate', '--format', 'json'], project.dir);
      if (run.code !== 1) throw new Error(`validate exited ${run.code}, expected 1`);
      cli.push(run.ms);
      cliCpu.push(run.cpuMs);
      const diags = JSON.parse(run.stdout).diagnostics ?? JSON.parse(run.stdout);
      found = diags.filter((d) => d.severity === 'error').length;
    }

    const { loadProject } = dist('config/load-project.js');
    const { compileProject } = dist('compiler/compile-project.js');
    const load = [];
    const compile = [];
    for (let r = 0; r < o.rounds + 1; r++) {
      const t0 = performance.now();
      const loaded = await loadProject({ cwd: project.dir, env: {} });
      const t1 = performance.now();
      compileProject(loaded);
      const t2 = performance.now();
      // The first round pays for module loading and schema compilation; keep it out of the medians.
      if (r > 0) {
        load.push(t1 - t0);
        compile.push(t2 - t1);
      }
    }

    const Ajv2020 = require('ajv/dist/2020').default;
    const YAML = require('yaml');
    const tc = performance.now();
    const validate = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, validateFormats: false }).compile(JSON.parse(readFileSync(FLOW_SCHEMA, 'utf8')));
    const ajvCompile = performance.now() - tc;
    const ajv = [];
    const ajvCpu = [];
    for (let r = 0; r < o.rounds + 1; r++) {
      const t0 = performance.now();
      const cpu = await cpuOf(() => {
        for (const f of project.files) validate(YAML.parse(readFileSync(f, 'utf8')));
      });
      if (r > 0) {
        ajv.push(performance.now() - t0);
        ajvCpu.push(cpu);
      }
    }

    const inProcess = median(load) + median(compile);
    console.log(`errors reported by validate: ${found} of ${project.expected}`);
    console.log('                                   | median    | vs ajv alone');
    console.log(`voxtra validate (CLI, end to end)  | ${ms(median(cli)).padEnd(9)} | ${ratio(median(cli), median(ajv))}   (node start-up alone: ${ms(median(bare))})`);
    console.log(`  its CPU time (user + system)     | ${ms(median(cliCpu)).padEnd(9)} | ${ratio(median(cliCpu), median(ajvCpu))} of ajv's CPU time`);
    console.log(`in-process load (find, read, parse)| ${ms(median(load)).padEnd(9)} |`);
    console.log(`in-process compile (schema, rules) | ${ms(median(compile)).padEnd(9)} |`);
    console.log(`in-process load + compile          | ${ms(inProcess).padEnd(9)} | ${ratio(inProcess, median(ajv))}`);
    console.log(`ajv alone: read + YAML.parse + validate | ${ms(median(ajv)).padEnd(9)} | 1.0x   (CPU ${ms(median(ajvCpu))}; schema compile once: ${ms(ajvCompile)})`);
    console.log(`target: validate ${o.files} files under 2 s: ${median(cli) < 2000 ? 'met' : 'NOT met'} (wall), ${median(cliCpu) < 2000 ? 'met' : 'NOT met'} (CPU time)`);
  } finally {
    rmSync(project.dir, { recursive: true, force: true });
  }
}

/** Times `edits` one-character changes of route extensions; each waits for its diagnostics. */
async function timeEdits(client, uri, text, edits) {
  const lines = text.split('\n');
  const times = [];
  for (let e = 0; e < edits; e++) {
    const target = lines.findIndex((l, i) => i > 2 + e * 4 && l.includes('extension: "'));
    const character = lines[target].indexOf('"') + 2;
    const range = { start: { line: target, character }, end: { line: target, character: character + 1 } };
    times.push((await client.change(uri, range, String(e % 10))).ms);
  }
  return times;
}

async function benchLsp(o) {
  const project = routesProject(o.routes, FLOW_SCHEMA);
  const uri = pathToFileURL(project.file).href;
  console.log(`\n== diagnostics after a keystroke: one file of ${o.routes} routes and 20 flows (${project.text.split('\n').length} lines), ${o.edits} edits`);
  try {
    const { loadProject } = dist('config/load-project.js');
    const { compileProject } = dist('compiler/compile-project.js');
    const compile = [];
    for (let r = 0; r < 11; r++) {
      const t0 = performance.now();
      compileProject(await loadProject({ cwd: project.dir, env: {} }));
      if (r > 0) compile.push(performance.now() - t0);
    }

    const rows = [];
    const voxtra = await BenchLspClient.start(process.execPath, [BIN, 'lsp', '--stdio', '--debounce', '0ms'], project.dir);
    await voxtra.open(uri, project.text);
    const vx = await timeEdits(voxtra, uri, project.text, o.edits);
    await voxtra.stop();
    rows.push(['voxtra lsp (debounce off)', vx]);

    const flawed = routesProject(o.routes, FLOW_SCHEMA, { mistake: true });
    try {
      const flawedUri = pathToFileURL(flawed.file).href;
      const withError = await BenchLspClient.start(process.execPath, [BIN, 'lsp', '--stdio', '--debounce', '0ms'], flawed.dir);
      const opened = await withError.open(flawedUri, flawed.text);
      if (opened.diagnostics.length !== 1) throw new Error(`expected one diagnostic in the flawed file, got ${opened.diagnostics.length}`);
      rows.push(['voxtra lsp, file with an error (off)', await timeEdits(withError, flawedUri, flawed.text, o.edits)]);
      await withError.stop();
    } finally {
      rmSync(flawed.dir, { recursive: true, force: true });
    }

    const debounced = await BenchLspClient.start(process.execPath, [BIN, 'lsp', '--stdio'], project.dir);
    await debounced.open(uri, project.text);
    const vxd = await timeEdits(debounced, uri, project.text, Math.min(o.edits, 10));
    await debounced.stop();
    rows.push(['voxtra lsp (default 150 ms debounce)', vxd]);

    const yaml = await BenchLspClient.start(process.execPath, [YAML_SERVER, '--stdio'], project.dir, { settings: { yaml: { validate: true, hover: true, completion: true, schemaStore: { enable: false } } } });
    await yaml.open(uri, project.text);
    const ys = await timeEdits(yaml, uri, project.text, o.edits);
    await yaml.stop();
    rows.push(['yaml-language-server (schema only)', ys]);

    console.log('                                      | p50      | p95      | max      | p50 vs yaml-language-server');
    for (const [name, xs] of rows) console.log(`${name.padEnd(37)} | ${ms(median(xs)).padEnd(8)} | ${ms(pct(xs, 0.95)).padEnd(8)} | ${ms(Math.max(...xs)).padEnd(8)} | ${ratio(median(xs), median(ys))}`);
    console.log(`in-process load + compile of the project: ${ms(median(compile))} (p50 of 10)`);
    console.log(`target: diagnostics under 100 ms after a keystroke (debounce excluded): ${median(vx) < 100 ? 'met' : 'NOT met'} at p50, ${pct(vx, 0.95) < 100 ? 'met' : 'not met'} at p95`);
  } finally {
    rmSync(project.dir, { recursive: true, force: true });
  }
}

async function main() {
  const o = options();
  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown cpu'} x${os.cpus().length}, load ${os.loadavg()[0].toFixed(2)}`);
  if (o.only !== 'lsp') await benchValidate(o);
  if (o.only !== 'validate') await benchLsp(o);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
