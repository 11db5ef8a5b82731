// Preload for bench/calls contenders: samples the allocations that outlive a
// young-generation collection (promoted, or still alive), which is what makes
// scavenges long. Usage:
//   BENCH_CONTENDER_FLAGS="-r $PWD/bench/calls/alloc-probe.js" BENCH_ALLOC_DIR=/tmp/alloc \
//     node bench/calls/run.js --rates 300 --rounds 1
// BENCH_ALLOC_ALL=1 samples every allocation instead (also what dies young:
// what the scavenges have to sweep and the allocator has to hand out).
// Writes <dir>/<script>-<pid>-t<thread>.heapprofile after BENCH_ALLOC_AFTER_MS
// (default 11000: the end of a 10 s latency run); open it in Chrome DevTools
// (Memory tab) or summarise it with bench/calls/alloc-report.js. Sampling slows
// the contender: read its latency figures from a run without it.
// BENCH_ALLOC_FROM_MS starts sampling that late instead of at once (e.g. after
// the warm-up, so that start-up's module loading stays out of the figures).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');
const { threadId } = require('node:worker_threads');
const { setTimeout } = require('node:timers');

const dir = process.env.BENCH_ALLOC_DIR || process.cwd();
const afterMs = Number(process.env.BENCH_ALLOC_AFTER_MS || 11000);
const fromMs = Number(process.env.BENCH_ALLOC_FROM_MS || 0);
// Sampling that would stop before it starts writes nothing: say so at once rather than leave an empty directory.
if (fromMs >= afterMs) throw new Error(`alloc-probe: BENCH_ALLOC_FROM_MS (${fromMs}) must be below BENCH_ALLOC_AFTER_MS (${afterMs})`);
const session = new inspector.Session();
session.connect();
session.post('HeapProfiler.enable');
const start = () =>
  session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    // Objects that die in a scavenge cost it nothing; everything else is kept.
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: process.env.BENCH_ALLOC_ALL === '1',
  });
if (fromMs > 0) setTimeout(start, fromMs).unref();
else start();
setTimeout(() => {
  session.post('HeapProfiler.stopSampling', (err, res) => {
    if (err) return void console.error(`alloc-probe: ${err.message}`);
    const name = `${path.basename(process.argv[1] || 'node')}-${process.pid}-t${threadId}.heapprofile`;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, name), JSON.stringify(res.profile));
  });
}, afterMs).unref();
