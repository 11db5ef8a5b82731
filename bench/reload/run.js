#!/usr/bin/env node
// Reload bench: calls arrive at a steady rate while a 10k-route configuration
// is reloaded every second. Build first (`npm run build`), then:
//
//   node bench/reload/run.js [--duration 60s] [--routes 10000] [--rate 20] [--every 1s] [--format yaml|json] [--json FILE]
//
// This process runs Voxtra's runtime and reloader exactly as `voxtra run` does
// (compile in a worker thread, route index pre-built, atomic swap) and probes
// its own event loop; sim-driver.js runs the ARI simulator and the callers in
// another process. Reported: calls failed, the longest event-loop stall while
// a reload was being applied (and outside reloads, for comparison), and the
// reload times. See docs/benchmarks.md.
'use strict';

const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { monitorEventLoopDelay, performance } = require('node:perf_hooks');
const { setInterval, clearInterval, setTimeout } = require('node:timers');
const { parseDuration } = require('../lib/duration');
const { nextMessage } = require('../lib/ipc');

const DIST = path.resolve(__dirname, '../../dist');
const { Runtime, policiesFromSettings } = require(path.join(DIST, 'runtime/runtime.js'));
const { Reloader } = require(path.join(DIST, 'reload/reloader.js'));
const { createWorkerCompiler } = require(path.join(DIST, 'reload/worker-compiler.js'));
const { compileOnThisThread } = require(path.join(DIST, 'reload/project-compiler.js'));
const { buildRouteIndex } = require(path.join(DIST, 'routing/route-index.js'));

const APP = 'bench';
const PROBE_MS = 2;

function parseArgs(argv) {
  const opts = { durationMs: 60_000, routes: 10_000, rate: 20, everyMs: 1000, format: 'yaml', json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=');
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (key === '--duration') opts.durationMs = parseDuration(value());
    else if (key === '--routes') opts.routes = Number(value());
    else if (key === '--rate') opts.rate = Number(value());
    else if (key === '--every') opts.everyMs = parseDuration(value());
    else if (key === '--format') opts.format = value();
    else if (key === '--json') opts.json = value();
    else throw new Error(`unknown option ${argv[i]}`);
  }
  if (!(opts.routes >= 1) || !(opts.rate > 0) || !(opts.everyMs > 0)) throw new Error('--routes, --rate and --every must be positive');
  if (!['yaml', 'json'].includes(opts.format)) throw new Error('--format is yaml or json');
  return opts;
}

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A flow file with `count` routes, as a large real deployment has them: mostly
 * exact DIDs and extensions, some caller-number prefixes of one length (so
 * none covers another), a few regexes. Route 0 takes the bench calls
 * (extension 1000) and carries the revision that changes at every reload.
 * YAML (one flow-style line per route) or JSON.
 */
function routesFile(count, format) {
  const rnd = prng(42);
  const digits = (n) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
  const seen = new Set(['extension=1000']);
  const routes = [{ name: 'r0', extension: '1000', metadata: { rev: '@REV@' }, flow: 'bench' }];
  ['^1[2-9][0-9]{9}$', '^\\+44\\d{10}$', '^00\\d+$', '^9\\d{3}$', '^\\*[0-9]{2}$'].forEach((re, i) => routes.push({ name: `re${i}`, match: { number: { regex: re } }, flow: 'bench' }));
  while (routes.length < count) {
    const roll = rnd();
    const i = routes.length;
    const clause = roll < 0.55 ? { extension: `+265${digits(9)}` } : roll < 0.85 ? { extension: digits(5) } : { match: { number: { prefix: `+4420${digits(6)}` } } };
    const key = JSON.stringify(clause);
    if (seen.has(key)) continue;
    seen.add(key);
    routes.push({ name: `r${i}`, ...clause, metadata: { queue: `q${i % 50}` }, flow: 'bench' });
  }
  const steps = ['answer', { play: 'sound:beep' }, { listen_dtmf: { max_digits: 4, timeout: '5s', inter_digit_timeout: '3s' } }, 'hangup'];
  if (format === 'json') return `${JSON.stringify({ routes, default: 'bench', flows: { bench: { steps } } }, null, 1)}\n`;
  const flow = (v) => JSON.stringify(v); // JSON is YAML flow style
  return ['routes:', ...routes.map((r) => `  - ${flow(r)}`), 'default: bench', 'flows:', '  bench:', `    steps: ${flow(steps)}`, ''].join('\n');
}

function next(child, type, timeoutMs = 180_000) {
  return nextMessage(child, type, timeoutMs);
}

/** Counts warnings and errors instead of printing them (their text is in the summary). */
function countingLogger(counts, bindings = {}) {
  const note = (level) => (obj, msg) => {
    const text = typeof obj === 'string' ? obj : msg;
    const k = `${level}: ${String(text).replace(/[0-9a-f]{12}|\d+(\.\d+)?/g, '#').slice(0, 100)}`;
    counts.set(k, (counts.get(k) || 0) + 1);
  };
  const logger = { debug: () => undefined, info: () => undefined, warn: note('warn'), error: note('error'), child: (b) => countingLogger(counts, { ...bindings, ...b }) };
  return logger;
}

const pct = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : 0);
const round = (ms) => Math.round(ms * 10) / 10;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voxtra-bench-reload-'));
  fs.writeFileSync(path.join(dir, 'voxtra.config.yaml'), `app: ${APP}\nflows: flows/\n`);
  fs.mkdirSync(path.join(dir, 'flows'));
  const template = routesFile(opts.routes, opts.format);
  const flowFile = path.join(dir, `flows/routes.${opts.format}`);
  let rev = 0;
  fs.writeFileSync(flowFile, template.replace('@REV@', String(rev)));
  const load = { cwd: dir, env: {} };

  // The first compile, as `voxtra run` does it before taking calls.
  const t0 = performance.now();
  const first = await compileOnThisThread(load);
  const firstCompileMs = performance.now() - t0;
  const snapshot = first.apps[0].snapshot;
  if (!snapshot) throw new Error(`the bench flows do not compile: ${JSON.stringify(first.apps[0].diagnostics.slice(0, 3))}`);
  const ti = performance.now();
  buildRouteIndex(snapshot.routes);
  const indexBuildMs = performance.now() - ti;

  const sim = fork(path.join(__dirname, 'sim-driver.js'), [APP], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { url } = await next(sim, 'ready');
  const logCounts = new Map();
  const logger = countingLogger(logCounts);
  const runtime = new Runtime({ servers: [{ name: 'sim', url, username: 'voxtra', password: 'voxtra' }], snapshots: [snapshot], logger, policies: policiesFromSettings(first.config.runtime) });
  runtime.start();
  await runtime.waitUntilConnected(10_000);
  const compiler = createWorkerCompiler();
  if (!compiler.inWorker) throw new Error('dist/reload/compile-worker.js is missing: run npm run build');
  const reports = [];
  const reloader = new Reloader({ runtime, load, config: first.config, compiler, logger, onReloaded: (r) => reports.push(r) });

  // Event-loop probes: the histogram for the distribution, a drift probe to place each stall in time.
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const stalls = [];
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    const lag = now - last - PROBE_MS;
    if (lag > 1) stalls.push({ at: now, ms: lag });
    last = now;
  }, PROBE_MS);

  // Calls at a steady rate for the whole run; a reload every `everyMs` meanwhile.
  process.stdout.write(`bench/reload: ${opts.routes} routes (${opts.format}), ${opts.rate} calls/s, a reload every ${opts.everyMs} ms for ${opts.durationMs / 1000} s (first compile ${round(firstCompileMs)} ms, route index ${round(indexBuildMs)} ms)\n`);
  const started = performance.now();
  const loadResult = (async () => {
    sim.send({ type: 'load', rate: opts.rate, durationMs: opts.durationMs, app: APP });
    return (await next(sim, 'load-result')).result;
  })();
  const windows = [];
  let behind = 0;
  while (performance.now() - started < opts.durationMs) {
    const tick = performance.now();
    rev++;
    await fs.promises.writeFile(flowFile, template.replace('@REV@', String(rev)));
    const w0 = performance.now();
    const report = await reloader.reload(`bench revision ${rev}`);
    windows.push({ start: w0, end: performance.now(), report });
    const spent = performance.now() - tick;
    if (spent > opts.everyMs) behind++;
    else await new Promise((r) => setTimeout(r, opts.everyMs - spent));
  }
  const calls = await loadResult;
  clearInterval(probe);
  histogram.disable();

  const inReload = (s) => windows.some((w) => s.at >= w.start && s.at <= w.end + PROBE_MS + 5);
  const reloadStalls = stalls.filter(inReload).map((s) => s.ms);
  const otherStalls = stalls.filter((s) => !inReload(s)).map((s) => s.ms);
  const byResult = (r) => reports.filter((x) => x.result === r).length;
  const times = (k) => reports.map((r) => r[k]).sort((a, b) => a - b);
  const summary = {
    routes: opts.routes,
    format: opts.format,
    rate: opts.rate,
    durationS: opts.durationMs / 1000,
    calls,
    reloads: { total: reports.length, accepted: byResult('accepted'), rejected: byResult('rejected'), behindSchedule: behind, swapped: reports.filter((r) => r.apps.some((a) => a.change === 'updated')).length },
    reloadMs: { p50: round(pct(times('durationMs'), 0.5)), p99: round(pct(times('durationMs'), 0.99)), max: round(Math.max(0, ...times('durationMs'))) },
    compileMs: { p50: round(pct(times('compileMs'), 0.5)), max: round(Math.max(0, ...times('compileMs'))) },
    mainThreadSwapMs: { p50: round(pct(times('swapMs'), 0.5)), max: round(Math.max(0, ...times('swapMs'))) },
    eventLoop: {
      longestStallDuringReloadMs: round(Math.max(0, ...reloadStalls)),
      longestStallOutsideReloadsMs: round(Math.max(0, ...otherStalls)),
      delayP99Ms: round(histogram.percentile(99) / 1e6),
      delayMaxMs: round(histogram.max / 1e6),
    },
    firstCompileMs: round(firstCompileMs),
    routeIndexBuildMs: round(indexBuildMs),
    warningsAndErrors: Object.fromEntries(logCounts),
    node: process.version,
    cpus: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown'}`,
  };

  await reloader.close();
  await runtime.shutdown({ graceMs: 5000 });
  await compiler.close();
  sim.send({ type: 'stop' });
  fs.rmSync(dir, { recursive: true, force: true });

  const c = summary.calls;
  process.stdout.write(
    [
      `calls: ${c.placed} placed, ${c.ok} ok, ${c.failed} failed${c.failed ? ` ${JSON.stringify(c.failures)}` : ''}`,
      `reloads: ${summary.reloads.total} (${summary.reloads.accepted} accepted, ${summary.reloads.rejected} rejected, ${summary.reloads.swapped} swapped a new version, ${behind} ran past their second)`,
      `reload time: p50 ${summary.reloadMs.p50} ms, p99 ${summary.reloadMs.p99} ms, max ${summary.reloadMs.max} ms (compile in the worker p50 ${summary.compileMs.p50} ms; main-thread swap p50 ${summary.mainThreadSwapMs.p50} ms, max ${summary.mainThreadSwapMs.max} ms)`,
      `event loop: longest stall during a reload ${summary.eventLoop.longestStallDuringReloadMs} ms, outside reloads ${summary.eventLoop.longestStallOutsideReloadsMs} ms; delay p99 ${summary.eventLoop.delayP99Ms} ms, max ${summary.eventLoop.delayMaxMs} ms`,
      Object.keys(summary.warningsAndErrors).length ? `log warnings/errors: ${JSON.stringify(summary.warningsAndErrors)}` : 'log warnings/errors: none',
      '',
    ].join('\n'),
  );
  if (opts.json) fs.writeFileSync(opts.json, `${JSON.stringify(summary, null, 2)}\n`);
  process.exitCode = c.failed > 0 ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
