#!/usr/bin/env node
// On-CPU time of a Node process by what it was doing, from `perf` samples, per call. A wall-clock
// `--cpu-prof` charges a function for the time its thread spent descheduled (on a loaded 2-core box, a
// loopback write that wakes the peer looks expensive); `perf` samples only the CPU the process used.
//
//   BENCH_CONTENDER_FLAGS=--perf-basic-prof node bench/calls/run.js --rates 200 --duration 10s --rounds 1 --contenders voxtra --prime off
//   perf record -F 1999 -g -p <contender pid> -o /tmp/voxtra.data -- sleep 6     # 18 s after it started: while it measures
//   perf script -i /tmp/voxtra.data -F comm,tid,ip,sym,dso | node bench/perf-top.js --calls 1200 [--top 40] [--hz 1999]
//
// --calls: calls handled while perf recorded (rate × seconds), to report µs per call. Reported: the samples by
// kind (kernel, garbage collection, compilation, JavaScript and the builtins and runtime it calls), and by the
// innermost JavaScript frame of each sample (its file, then its function): work a JS function caused in the
// kernel or in V8 is charged to it, so "writeSync" includes the write(2) it made.
'use strict';

const readline = require('node:readline');

const argv = process.argv.slice(2);
const option = (name, dflt) => {
  const i = argv.indexOf(name);
  if (i < 0) return dflt;
  const value = Number(argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
};
const calls = option('--calls', 1);
const top = option('--top', 30);
const hz = option('--hz', 1999);

const GC = /Scavenge|MarkCompact|Heap::|GCTracer|Sweeper|ConcurrentMark|MinorMC|IncrementalMarking|MemoryAllocator|PagedSpace/;
const COMPILE = /Compile|Turbofan|Maglev|compiler::|Sparkplug|Baseline/;
const JS_FRAME = /^JS:[*~^]?\s*(.*)$/;

/** What kind of work one sample (its frames, innermost first, each "symbol (dso)") was. */
function kindOf(frames) {
  const leaf = frames[0] ?? '';
  if (leaf.includes('[kernel')) return 'kernel';
  const stack = frames.slice(0, 40).join(' ');
  if (GC.test(stack)) return 'garbage collection';
  if (COMPILE.test(stack)) return 'compilation';
  if (JS_FRAME.test(leaf)) return 'JavaScript';
  if (leaf.includes('[unknown]')) return 'unknown';
  if (leaf.startsWith('Builtins_')) return 'V8 builtins';
  if (leaf.includes('libc')) return 'libc';
  return 'V8 / Node runtime';
}

/** The innermost JavaScript frame's file and function ("(no JavaScript)" for GC threads, epoll, timers...). */
function placeOf(frames) {
  for (const frame of frames) {
    // Without its "(dso)": JIT code's is the perf map file.
    const m = JS_FRAME.exec(frame.replace(/\s+\([^()]*\)$/, ''));
    if (!m) continue;
    const name = m[1].replace(process.cwd() + '/', '');
    const file = /((?:dist|src|bench|node_modules)\/[^:]+|node:[^:]+)/.exec(name);
    return { file: file ? file[1] : name, fn: name };
  }
  return { file: '(no JavaScript)', fn: '(no JavaScript)' };
}

const kinds = new Map();
const files = new Map();
const fns = new Map();
const add = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
let samples = 0;
let frames;

function endSample() {
  if (frames === undefined) return;
  samples++;
  add(kinds, kindOf(frames));
  const place = placeOf(frames);
  add(files, place.file);
  add(fns, place.fn);
  frames = undefined;
}

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === '') return endSample();
  if (!/^\s/.test(line)) {
    endSample();
    frames = [];
    return;
  }
  // "    7f12ab34 symbol (dso)" → "symbol (dso)"
  frames?.push(line.trim().replace(/^[0-9a-f]+\s+/, ''));
});
lines.on('close', () => {
  endSample();
  if (samples === 0) {
    process.stderr.write('no samples on standard input (pipe `perf script -F comm,tid,ip,sym,dso` into it)\n');
    process.exit(1);
  }
  const perCall = (n) => ((n / hz / calls) * 1e6).toFixed(1).padStart(8);
  const show = (title, map, n) => {
    process.stdout.write(`== ${title}\n`);
    for (const [key, count] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
      process.stdout.write(`${perCall(count)} µs/call ${((100 * count) / samples).toFixed(1).padStart(5)}%  ${key}\n`);
    }
  };
  process.stdout.write(`${samples} samples at ${hz} Hz: ${((samples / hz) * 1000).toFixed(0)} ms of CPU, ${perCall(samples).trim()} µs per call over ${calls} calls\n`);
  show('by kind', kinds, kinds.size);
  show('by innermost JavaScript file', files, top);
  show('by innermost JavaScript function', fns, top);
});
