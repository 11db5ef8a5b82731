// Preloaded (`node --expose-gc -r ./heap-probe.js ...`) into each contender of
// bench/calls, so the runtime and the hand-written app are measured the same
// way without changing either. On { type: 'bench:probe', gc } over IPC it
// runs a full GC when asked (retained heap, not garbage waiting to be
// collected; the pause is tens of ms, so never during a latency run) and answers
// with heapUsed, the resident set size, the CPU time used so far, event-loop utilisation counters and
// the event-loop delay since the previous probe.
'use strict';

/* global gc */

const { monitorEventLoopDelay, performance } = require('node:perf_hooks');

if (typeof process.send === 'function') {
  // The IPC channel must not keep the contender alive once it wants to exit.
  if (process.channel && typeof process.channel.unref === 'function') process.channel.unref();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  process.on('message', (msg) => {
    if (!msg || msg.type !== 'bench:probe') return;
    // Event-loop delay since the previous probe, read before the GC below adds its own pause.
    const loopDelay = { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 };
    delay.reset();
    if (msg.gc && typeof gc === 'function') gc();
    const cpu = process.cpuUsage();
    const elu = performance.eventLoopUtilization();
    const mem = process.memoryUsage();
    process.send({ type: 'bench:probe', id: msg.id, heapUsed: mem.heapUsed, rss: mem.rss, cpuMs: (cpu.user + cpu.system) / 1000, elu: { idle: elu.idle, active: elu.active }, loopDelay });
  });
}
