#!/usr/bin/env node
// Call-handling bench: Voxtra's runtime against hand-written apps doing the
// same flow (answer, play a short sound, collect a 4-digit DTMF, hang up), in
// the same run, at rising call rates. Build first (`npm run build`), then:
//
//   node bench/calls/run.js [--rates 50,100,200,300,400] [--duration 10s] [--rounds 2] [--warmup 5s] [--warmup-calls 3000]
//                           [--contenders voxtra,handwritten] [--patience 5s]
//                           [--log-level info] [--pbx-delay 0ms] [--max-requests N] [--json FILE]
//                           [--max-calls N] [--max-lag 200ms] [--overload-policy busy|hangup|continue:CONTEXT]
//                           [--log-sink pipe|file] [--prime on|off]
//
// VOXTRA_DIST=<dir> runs the Voxtra contenders from another build of src/ (default dist/);
// VOXTRA_BASE_DIST=<dir> is the build the `voxtra-base` contender runs (an older one, REST over
// HTTP, without this run's overload options), so a change is measured against its base in one run.
//
// Contenders (CONTENDERS below): Voxtra with REST over HTTP (`voxtra`), over
// the events WebSocket (`voxtra-ws`), and Asterisk connecting to Voxtra once
// per call (`voxtra-listen`: the simulator opens a socket per call to a
// `listen` server, as websocket_client.conf per_call_config does); the
// minimal hand-written app without ari-client over HTTP (`minimal`) and over
// the events WebSocket (`minimal-ws`), both with the event filter; the
// minimal app over HTTP with a production app's duties (`minimal-duties`: a
// log line at each call's start and end, a deadline and a latency histogram
// per request; see minimal-app.js); Voxtra's ARI transport under the same
// hand-written callbacks, without the runtime above it (`voxtra-transport`,
// see transport-app.js); and the ari-client app (`handwritten`).
//
// Processes: this one orchestrates; sim-process.js runs the ARI simulator in
// real time with Asterisk's default sessionlimit (100) and places the calls;
// each contender runs alone in its own process, started fresh for each rate,
// with heap-probe.js preloaded. See docs/benchmarks.md for what is measured.
// --max-calls, --max-lag and --overload-policy set Voxtra's runtime.max_calls
// and runtime.overload (past capacity: calls turned away, not failed).
// BENCH_CONTENDER_FLAGS adds node flags to both contenders (e.g. "--cpu-prof
// --cpu-prof-dir=/tmp/prof" or "--trace-gc"; their logs are under the printed
// folder). --pbx-delay makes the simulator hold every ARI request that long
// before serving it, like a busy Asterisk: requests overlap, HTTP sessions
// pile up and sessionlimit (100) starts refusing connections.
// --log-sink: where a contender's standard output goes. `pipe` (default) is
// how Voxtra runs in production: journald and container runtimes read its
// output from a pipe; here a `cat` process reads it and appends it to the
// contender's log file. `file` redirects it straight to that file, as a shell's
// `> file` does (Voxtra then keeps pino's thread-pool destination, see
// docs/operations-observability.md).
// --prime (default on): each round at each rate starts with a throwaway run
// of the minimal app under the warm-up load, measured by no one, so that no
// contender takes the first seat of a round. In run Q (docs/benchmarks.md,
// fifth pass) the first seat paid 25-40% more CPU per call in four of six
// rounds, and with more than two contenders the alternating order never gives
// the middle ones that seat, which biased the ratios. Whether that was the seat
// or the box's noise is not settled (docs/benchmarks.md).
'use strict';

const { fork, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');
const { setTimeout, clearTimeout } = require('node:timers');
const { parseDuration } = require('../lib/duration');
const { nextMessage } = require('../lib/ipc');
const { BENCH_APP: APP, BENCH_FLOW } = require('../lib/bench-flow');

const ROOT = path.resolve(__dirname, '../..');
const VOXTRA_CLI = path.join(__dirname, 'voxtra-cli.js');
const DIST = path.resolve(process.env.VOXTRA_DIST ?? path.join(ROOT, 'dist'));
const BASE_DIST = process.env.VOXTRA_BASE_DIST ? path.resolve(process.env.VOXTRA_BASE_DIST) : undefined;
const PROBE = path.join(__dirname, 'heap-probe.js');
// The warm-up runs at the measured rate until the JIT is done with the paths in use: with 2 s at
// 50 calls/s, V8's helper threads were still compiling through the first seconds of the measured run
// (perf, 300 calls/s: Voxtra 589 samples of optimising compiles in the measured window, the minimal
// app 245), which a process that runs for hours pays once. The warm-up lasts --warmup (default 5 s) or
// --warmup-calls (default 3,000) at the rate, whichever is longer: the JIT's work follows calls, not
// seconds. At 100 calls/s, 5 s (500 calls) left Voxtra at 3.07 ms of CPU per call where 30 s and 60 s
// read 1.96 and 2.03 (the minimal app: 1.51, 1.18, 1.25). --warmup 0 --warmup-calls 0 skips it.
const WARMUP_RATE_FLOOR = 50;
/** Length of the separate heap run (its GCs would distort the measured run's latencies). */
const HEAP_RUN_MS = 4000;

/** The contenders, by name: how each runs, and whom the ratio lines compare it with (like with like). */
const CONTENDERS = {
  voxtra: { kind: 'voxtra', rest: 'http', versus: ['minimal', 'minimal-duties', 'voxtra-transport', 'handwritten'] },
  'voxtra-ws': { kind: 'voxtra', rest: 'websocket', versus: ['minimal-ws', 'handwritten'] },
  'voxtra-listen': { kind: 'voxtra', listen: true, versus: ['minimal-ws', 'handwritten'] },
  'voxtra-base': { kind: 'voxtra', rest: 'http', base: true, versus: ['minimal', 'voxtra'] },
  'voxtra-transport': { kind: 'transport', versus: ['minimal'] },
  minimal: { kind: 'minimal', rest: 'http' },
  'minimal-duties': { kind: 'minimal', rest: 'http', duties: true },
  'minimal-ws': { kind: 'minimal', rest: 'websocket' },
  handwritten: { kind: 'handwritten' },
};
/** What Asterisk's websocket_client.conf presents to a listen server (per call). */
const LISTEN_AUTH = { username: 'asterisk', password: 'bench-ws' };
const OUTBOUND_ID = 'bench-per-call';


function parseArgs(argv) {
  const opts = { rates: [50, 100, 200, 300, 400], durationMs: 10_000, warmupMs: 5000, warmupCalls: 3000, rounds: 2, contenders: ['voxtra', 'handwritten'], patienceMs: 5000, logLevel: 'info', pbxDelayMs: 0, maxRequests: undefined, json: undefined, maxCalls: undefined, maxLag: undefined, overloadPolicy: undefined, logSink: 'pipe', prime: true };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=');
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (key === '--rates') opts.rates = value().split(',').map(Number);
    else if (key === '--duration') opts.durationMs = parseDuration(value());
    else if (key === '--patience') opts.patienceMs = parseDuration(value());
    else if (key === '--warmup') opts.warmupMs = parseDuration(value());
    else if (key === '--warmup-calls') opts.warmupCalls = Number(value());
    else if (key === '--contenders') opts.contenders = value().split(',');
    else if (key === '--rounds') opts.rounds = Number(value());
    else if (key === '--log-level') opts.logLevel = value();
    else if (key === '--pbx-delay') opts.pbxDelayMs = parseDuration(value());
    else if (key === '--max-requests') opts.maxRequests = Number(value());
    else if (key === '--json') opts.json = value();
    else if (key === '--max-calls') opts.maxCalls = Number(value());
    else if (key === '--max-lag') opts.maxLag = value();
    else if (key === '--overload-policy') opts.overloadPolicy = value();
    else if (key === '--log-sink') opts.logSink = value();
    else if (key === '--prime') {
      const v = value();
      if (v !== 'on' && v !== 'off') throw new Error(`--prime must be on or off, not ${v}`);
      opts.prime = v === 'on';
    }
    else throw new Error(`unknown option ${argv[i]}`);
  }
  if (!Number.isInteger(opts.warmupCalls) || opts.warmupCalls < 0) throw new Error('--warmup-calls must be a whole number');
  if (!['pipe', 'file'].includes(opts.logSink)) throw new Error(`--log-sink must be pipe or file, not ${opts.logSink}`);
  if (opts.rates.some((r) => !(r > 0))) throw new Error('--rates must be positive numbers');
  if (!Number.isInteger(opts.rounds) || opts.rounds < 1) throw new Error('--rounds must be a positive integer');
  for (const c of opts.contenders) if (!CONTENDERS[c]) throw new Error(`unknown contender ${c} (one of ${Object.keys(CONTENDERS).join(', ')})`);
  return opts;
}

/** Waits for the next IPC message of `type` from `child`. */
function next(child, type, timeoutMs = 120_000) {
  return nextMessage(child, type, timeoutMs);
}

let probeSeq = 0;
async function probe(child, gc = false) {
  const id = ++probeSeq;
  const reply = next(child, 'bench:probe', 30_000);
  child.send({ type: 'bench:probe', id, gc });
  return reply;
}

async function concurrentCalls(sim) {
  const reply = next(sim, 'concurrent');
  sim.send({ type: 'concurrent' });
  return (await reply).calls;
}

async function registered(sim) {
  const reply = next(sim, 'registered');
  sim.send({ type: 'registered', app: APP });
  return (await reply).registered;
}

/** Resolves once something accepts TCP connections on 127.0.0.1:`port`. */
function accepting(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** A free TCP port on 127.0.0.1 (for the listen server the simulator connects to). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function outbound(sim, id, config) {
  const reply = next(sim, 'outbound');
  sim.send({ type: 'outbound', id, config });
  return (await reply).status;
}

/**
 * Starts one contender and resolves once it takes calls: it holds the app's
 * events socket on the simulator, or (listen) its listen server accepts and
 * the simulator is told to connect to it per call. Its standard output goes
 * to its log file through a `cat` reading a pipe (--log-sink pipe, like
 * journald) or straight to the file (--log-sink file); standard error goes
 * to the file.
 */
async function startContender(name, ctx, logFile) {
  const { sim, simUrl, projectDir } = ctx;
  const spec = CONTENDERS[name];
  // The previous contender's socket may still be closing on the simulator's side.
  for (let i = 0; i < 100 && (await registered(sim)); i++) await sleep(50);
  const out = fs.openSync(logFile, 'a');
  // The reader of the pipe stands in for journald; its CPU is not the contender's.
  const sink = ctx.opts.logSink === 'pipe' ? spawn('cat', [], { stdio: ['pipe', out, 'inherit'] }) : undefined;
  const execArgv = ['--expose-gc', '-r', PROBE, ...(process.env.BENCH_CONTENDER_FLAGS ? process.env.BENCH_CONTENDER_FLAGS.split(' ') : [])];
  const stdio = ['ignore', sink ? sink.stdin : out, out, 'ipc'];
  const cwd = projectDir;
  let child;
  if (spec.kind === 'voxtra') child = fork(VOXTRA_CLI, [spec.base ? BASE_DIST : DIST, 'run', '--config', path.join(projectDir, `${name}.config.yaml`), '--log-format', 'json'], { cwd, execArgv, stdio });
  else if (spec.kind === 'minimal') child = fork(path.join(__dirname, 'minimal-app.js'), [simUrl, 'voxtra', 'voxtra', APP, '--rest', spec.rest, '--duties', spec.duties ? 'on' : 'off'], { cwd, execArgv, stdio });
  else if (spec.kind === 'transport') child = fork(path.join(__dirname, 'transport-app.js'), [DIST, simUrl, 'voxtra', 'voxtra', APP], { cwd, execArgv, stdio });
  else child = fork(path.join(__dirname, 'handwritten-app.js'), [simUrl, 'voxtra', 'voxtra', APP], { cwd, execArgv, stdio });
  let exit;
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exit = { code, signal }))));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exit) throw new Error(`${name} exited (${exit.code}) before handling calls; see ${logFile}`);
    if (Date.now() > deadline) throw new Error(`${name} did not connect within 60 s; see ${logFile}`);
    if (spec.listen ? await accepting(ctx.listenPort) : await registered(sim)) break;
    await sleep(50);
  }
  if (spec.listen) {
    const config = { uri: `ws://127.0.0.1:${ctx.listenPort}/voxtra`, connectionType: 'per_call_config', apps: [APP], ...LISTEN_AUTH };
    await outbound(sim, OUTBOUND_ID, config);
  }
  return {
    child,
    async stop() {
      if (spec.listen) await outbound(sim, OUTBOUND_ID, undefined);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const res = await exited;
      clearTimeout(timer);
      if (sink) {
        // The contender is gone, so its end of the pipe is closed: cat reads what is left and exits.
        const drained = new Promise((resolve) => sink.on('exit', resolve));
        sink.stdin.end();
        await drained;
      }
      fs.closeSync(out);
      return res;
    },
  };
}

async function load(sim, rate, durationMs, patienceMs) {
  const reply = next(sim, 'load-result', durationMs + patienceMs + 60_000);
  sim.send({ type: 'load', rate, durationMs, app: APP, patienceMs });
  return (await reply).result;
}

/** The warm-up before measuring at `rate`: at that rate (50 calls/s at least), for --warmup or long enough for --warmup-calls, whichever is longer. */
function warmupFor(opts, rate) {
  const warmupRate = Math.max(WARMUP_RATE_FLOOR, rate);
  return { rate: warmupRate, ms: Math.max(opts.warmupMs, Math.ceil((opts.warmupCalls / warmupRate) * 1000)) };
}

/**
 * One contender at one rate, in a fresh process: a warm-up, then the measured
 * run (throughput, failures, first-request latency, CPU, event-loop delay),
 * then a shorter run at the same rate for the heap: forced GCs pause the
 * process for tens of ms, so they never happen during the measured run.
 */
async function measure(name, rate, ctx, round = 0) {
  // Logs live beside the project, not in it: the runtime watches its project folder for changes.
  const logFile = path.join(ctx.workDir, 'logs', `${name}-${rate}-${round}.log`);
  const contender = await startContender(name, ctx, logFile);
  try {
    const warmup = warmupFor(ctx.opts, rate);
    if (warmup.ms > 0) await load(ctx.sim, warmup.rate, warmup.ms, ctx.opts.patienceMs);
    const before = await probe(contender.child);
    const result = await load(ctx.sim, rate, ctx.opts.durationMs, ctx.opts.patienceMs);
    const after = await probe(contender.child);
    const heap = await heapPerCall(contender.child, ctx, rate);
    const stopped = await contender.stop();
    const busy = after.elu.active - before.elu.active;
    return {
      contender: name,
      ...result,
      callsPerSecond: result.ok / (result.placingMs / 1000),
      cpuMsPerCall: (after.cpuMs - before.cpuMs) / result.placed,
      rss: after.rss,
      requestsPerCall: perCall(result.requests, result.placed),
      framesPerCall: result.frames.count / result.placed,
      frameBytesPerCall: result.frames.bytes / result.placed,
      // Event-loop utilisation and delay of the contender over the measured run.
      elu: Math.round((busy / (busy + after.elu.idle - before.elu.idle)) * 1000) / 1000,
      loopDelayMs: after.loopDelay,
      heap,
      exit: stopped,
      log: logFile,
    };
  } catch (err) {
    await contender.stop();
    throw err;
  }
}

/** The throwaway run that starts a round (--prime): the minimal app under the warm-up load at `rate`, not measured. */
async function prime(rate, ctx, round) {
  const contender = await startContender('minimal', ctx, path.join(ctx.workDir, 'logs', `prime-${rate}-${round}.log`));
  try {
    const warmup = warmupFor(ctx.opts, rate);
    await load(ctx.sim, warmup.rate, warmup.ms, ctx.opts.patienceMs);
  } finally {
    await contender.stop();
  }
}

/**
 * Retained heap per call in progress: (heapUsed after a full GC − the same
 * when idle) / calls in progress, sampled three times while calls arrive at
 * `rate`; the median is reported.
 */
async function heapPerCall(child, ctx, rate) {
  const durationMs = Math.min(ctx.opts.durationMs, HEAP_RUN_MS);
  const idle = await probe(child, true);
  const running = load(ctx.sim, rate, durationMs, ctx.opts.patienceMs);
  const samples = [];
  const t0 = Date.now();
  for (const at of [0.5, 0.7, 0.9]) {
    await sleep(Math.max(0, t0 + durationMs * at - Date.now()));
    const before = await concurrentCalls(ctx.sim);
    const p = await probe(child, true);
    const after = await concurrentCalls(ctx.sim);
    const calls = (before + after) / 2;
    if (calls > 0) samples.push({ calls, heapUsed: p.heapUsed, perCall: (p.heapUsed - idle.heapUsed) / calls });
  }
  await running;
  const perCall = samples.map((s) => s.perCall).sort((a, b) => a - b);
  return { idle: idle.heapUsed, samples, perConcurrentCall: perCall.length ? perCall[Math.floor(perCall.length / 2)] : undefined };
}

/** ARI requests per placed call, by transport: `{ http, ws }`. */
function perCall(requests, placed) {
  const out = { http: 0, ws: 0 };
  for (const [route, n] of Object.entries(requests)) out[route.split(' ')[0]] += n / placed;
  return out;
}

/** Median (mean of the middle two for an even count). */
function median(values) {
  const v = values.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** One contender at one rate over all rounds: failures summed, everything else the median. */
function aggregate(rows) {
  const m = (get) => median(rows.map(get));
  const range = (get) => {
    const v = rows.map(get).filter((x) => typeof x === 'number' && !Number.isNaN(x));
    return v.length ? [Math.min(...v), Math.max(...v)] : undefined;
  };
  const failures = {};
  for (const r of rows) for (const [k, n] of Object.entries(r.failures)) failures[k] = (failures[k] || 0) + n;
  const turnedAwayBy = {};
  for (const r of rows) for (const [k, n] of Object.entries(r.turnedAwayBy ?? {})) turnedAwayBy[k] = (turnedAwayBy[k] || 0) + n;
  return {
    rounds: rows.length,
    placed: rows.reduce((n, r) => n + r.placed, 0),
    ok: rows.reduce((n, r) => n + r.ok, 0),
    turnedAway: rows.reduce((n, r) => n + (r.turnedAway ?? 0), 0),
    turnedAwayBy,
    failed: rows.reduce((n, r) => n + r.failed, 0),
    failures,
    ranges: {
      cpuMsPerCall: range((r) => r.cpuMsPerCall),
      heapPerCallBytes: range((r) => r.heap.perConcurrentCall),
      firstRequestP99Ms: range((r) => r.firstRequest.p99Ms),
    },
    rss: m((r) => r.rss),
    requestsPerCall: { http: m((r) => r.requestsPerCall.http), ws: m((r) => r.requestsPerCall.ws) },
    framesPerCall: m((r) => r.framesPerCall),
    frameBytesPerCall: m((r) => r.frameBytesPerCall),
    callsPerSecond: m((r) => r.callsPerSecond),
    firstRequestP50Ms: m((r) => r.firstRequest.p50Ms),
    firstRequestP99Ms: m((r) => r.firstRequest.p99Ms),
    heapPerCallBytes: m((r) => r.heap.perConcurrentCall),
    cpuMsPerCall: m((r) => r.cpuMsPerCall),
    loopDelayP99Ms: m((r) => r.loopDelayMs.p99),
    elu: m((r) => r.elu),
    simulatorElu: m((r) => r.simulatorElu),
    peakSessions: Math.max(...rows.map((r) => r.sessions.peak)),
    refused: rows.reduce((n, r) => n + r.sessions.refused, 0),
    hangupLagP99Ms: m((r) => r.hangupLagMs.p99),
  };
}

function table(summary, rates, contenders) {
  const fmt = (n, d = 1) => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(d));
  const kb = (b) => (b === undefined ? '-' : (b / 1024).toFixed(1));
  const mb = (b) => (b === undefined ? '-' : (b / 1048576).toFixed(0));
  const head = ['rate', 'contender', 'calls/s', 'ok', 'turned away', 'failed', 'p50 first req ms', 'p99 first req ms', 'heap/call KiB', 'cpu ms/call', 'RSS MiB', 'req/call http+ws', 'frames/call', 'loop delay p99 ms', 'app ELU', 'sim ELU', 'peak sessions', 'refused', 'p99 hangup lag ms'];
  const lines = [head];
  for (const rate of rates) {
    for (const c of contenders) {
      const r = summary[rate]?.[c];
      if (!r) continue;
      const req = `${fmt(r.requestsPerCall.http, 1)}+${fmt(r.requestsPerCall.ws, 1)}`;
      lines.push([String(rate), c, fmt(r.callsPerSecond), String(r.ok), String(r.turnedAway), String(r.failed), fmt(r.firstRequestP50Ms, 2), fmt(r.firstRequestP99Ms, 2), kb(r.heapPerCallBytes), fmt(r.cpuMsPerCall, 2), mb(r.rss), req, fmt(r.framesPerCall, 1), fmt(r.loopDelayP99Ms, 1), fmt(r.elu, 2), fmt(r.simulatorElu, 2), String(r.peakSessions), String(r.refused), fmt(r.hangupLagP99Ms, 0)]);
    }
    // Like with like: each Voxtra transport against the hand-written app that sends the same way.
    for (const c of contenders) {
      for (const base of CONTENDERS[c].versus ?? []) {
        const v = summary[rate]?.[c];
        const h = summary[rate]?.[base];
        if (!v || !h) continue;
        const ratio = (a, b) => (a !== undefined && b ? `${(a / b).toFixed(2)}x` : '-');
        lines.push([String(rate), `${c}/${base}`, ratio(v.callsPerSecond, h.callsPerSecond), '', '', '', ratio(v.firstRequestP50Ms, h.firstRequestP50Ms), ratio(v.firstRequestP99Ms, h.firstRequestP99Ms), ratio(v.heapPerCallBytes, h.heapPerCallBytes), ratio(v.cpuMsPerCall, h.cpuMsPerCall), ratio(v.rss, h.rss), '', '', ratio(v.loopDelayP99Ms, h.loopDelayP99Ms), '', '', '', '', '']);
      }
    }
  }
  const widths = head.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  return lines.map((l) => `| ${l.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`).join('\n').replace(/\n/, `\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
}

/** The config of one Voxtra contender: its transport, and the overload options of the run. */
function voxtraConfig(spec, opts, simUrl, listenPort) {
  const ari = spec.listen
    ? `ari:\n  - name: edge\n    listen: 127.0.0.1:${listenPort}\n    path: /voxtra\n    username: ${LISTEN_AUTH.username}\n    password: ${LISTEN_AUTH.password}\n    connection: per_call\n${opts.maxRequests ? `    max_requests: ${opts.maxRequests}\n` : ''}`
    : `ari: { url: "${simUrl}", username: voxtra, password: voxtra${spec.rest === 'websocket' ? ', rest: websocket' : ''}${opts.maxRequests ? `, max_requests: ${opts.maxRequests}` : ''} }\n`;
  // The base build predates runtime.overload: it runs with its defaults.
  if (spec.base) return `${ari}app: ${APP}\nflows: flows/\nhttp: { listen: 127.0.0.1:0 }\nlog: { level: ${opts.logLevel} }\n`;
  const overload = [];
  if (opts.maxLag !== undefined) overload.push(`max_event_loop_lag: ${opts.maxLag}`);
  if (opts.overloadPolicy !== undefined) {
    const [kind, arg] = opts.overloadPolicy.split(':');
    overload.push(`policy: ${kind === 'busy' ? '{ hangup: { cause: busy } }' : kind === 'continue' ? `{ continue: { context: ${arg} } }` : 'hangup'}`);
  }
  const runtime = [...(opts.maxCalls !== undefined ? [`max_calls: ${opts.maxCalls}`] : []), ...(overload.length ? [`overload: { ${overload.join(', ')} }`] : [])];
  return `${ari}app: ${APP}\nflows: flows/\nhttp: { listen: 127.0.0.1:0 }\nlog: { level: ${opts.logLevel} }\n${runtime.length ? `runtime: { ${runtime.join(', ')} }\n` : ''}`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(DIST, 'cli/main.js'))) throw new Error(`${DIST} has no cli/main.js: run \`npm run build\` first`);
  if (opts.contenders.some((c) => CONTENDERS[c].base) && !(BASE_DIST && fs.existsSync(path.join(BASE_DIST, 'cli/main.js')))) throw new Error('voxtra-base needs VOXTRA_BASE_DIST=<a build with cli/main.js>');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'voxtra-bench-calls-'));
  const sim = fork(path.join(__dirname, 'sim-process.js'), [APP, String(opts.pbxDelayMs)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { url: simUrl } = await next(sim, 'ready');
  const projectDir = path.join(workDir, 'project');
  fs.mkdirSync(path.join(projectDir, 'flows'), { recursive: true });
  fs.mkdirSync(path.join(workDir, 'logs'));
  fs.writeFileSync(path.join(projectDir, 'flows/bench.yaml'), BENCH_FLOW);
  const listenPort = await freePort();
  for (const name of opts.contenders) {
    const spec = CONTENDERS[name];
    if (spec.kind === 'voxtra') fs.writeFileSync(path.join(projectDir, `${name}.config.yaml`), voxtraConfig(spec, opts, simUrl, listenPort));
  }
  console.log(`bench/calls: node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0].model}); simulator ${simUrl} (sessionlimit 100, real time, ${opts.pbxDelayMs} ms per ARI request)`);
  console.log(`rates ${opts.rates.join(', ')} calls/s for ${opts.durationMs / 1000} s each after a warm-up at the same rate of ${opts.warmupMs / 1000} s or ${opts.warmupCalls} calls, whichever is longer (${opts.rates.map((r) => `${warmupFor(opts, r).ms / 1000} s`).join(', ')}), ${opts.rounds} round(s) in alternating order; contenders ${opts.contenders.join(', ')}; runtime log level ${opts.logLevel}, standard output to a ${opts.logSink === 'pipe' ? 'pipe (read by cat)' : 'file'}; ${opts.prime ? 'each round starts with a throwaway run of the minimal app' : 'no throwaway run before a round'}; logs in ${workDir}\n`);
  const rows = [];
  const summary = {};
  const ctx = { opts, sim, simUrl, workDir, projectDir, listenPort };
  for (const rate of opts.rates) {
    for (let round = 0; round < opts.rounds; round++) {
      // Whoever runs first meets a colder simulator: the order alternates so that neither side always does.
      const order = round % 2 === 0 ? opts.contenders : [...opts.contenders].reverse();
      if (opts.prime) await prime(rate, ctx, round);
      for (const name of order) {
        const row = { round, ...(await measure(name, rate, ctx, round)) };
        rows.push(row);
        const failures = Object.entries(row.failures).map(([k, n]) => `${k}: ${n}`).join(', ');
        const away = row.turnedAway ? `, turned away ${row.turnedAway}` : '';
        console.log(`${String(rate).padStart(4)}/s ${name.padEnd(13)} ok ${row.ok}/${row.placed}${away}${failures ? ` (failed: ${failures})` : ''}, first request p50 ${row.firstRequest.p50Ms} ms p99 ${row.firstRequest.p99Ms} ms, cpu ${row.cpuMsPerCall.toFixed(2)} ms/call, heap ${((row.heap.perConcurrentCall ?? 0) / 1024).toFixed(1)} KiB/call, peak sessions ${row.sessions.peak}, refused ${row.sessions.refused}`);
      }
    }
    summary[rate] = {};
    for (const name of opts.contenders) summary[rate][name] = aggregate(rows.filter((r) => r.rate === rate && r.contender === name));
  }
  console.log(`\n${table(summary, opts.rates, opts.contenders)}`);
  if (opts.json) fs.writeFileSync(opts.json, `${JSON.stringify({ node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0].model, opts, summary, rows }, null, 2)}\n`);
  sim.send({ type: 'stop' });
  await new Promise((resolve) => sim.on('exit', resolve));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
