#!/usr/bin/env node
// Route lookup bench: the route index against a linear first-match scan over
// the same sorted routes, in the same run. Build first: `npm run build`, then
// `node bench/routes/run.js [sizes...]` (default 1000 10000 100000).
// VOXTRA_DIST=<dir> runs it against another build of src/ (default dist/).
'use strict';

const path = require('node:path');

const dist = path.join(path.resolve(process.env.VOXTRA_DIST ?? path.resolve(__dirname, '../../dist')), 'routing');
const { buildRouteIndex } = require(path.join(dist, 'route-index.js'));
const { scanRoutes } = require(path.join(dist, 'linear-scan.js'));
const { callFacts } = require(path.join(dist, 'facts.js'));
const { compileClause } = require(path.join(dist, 'clause-match.js'));
const { prng, buildRoutes, buildCalls } = require('./workload');

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function timeLookups(calls, lookup, repeat) {
  const samples = [];
  for (let r = 0; r < repeat; r++) {
    for (const facts of calls) {
      const t0 = process.hrtime.bigint();
      lookup(facts);
      samples.push(Number(process.hrtime.bigint() - t0));
    }
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), n: samples.length };
}

const always = () => true;

/** The baseline: a first-match scan over the sorted routes, with every clause compiled once up front (as the index has them). */
function linearScanner(sorted) {
  const tests = sorted.map((r) => r.match.map(compileClause));
  return (facts, evalWhen) => {
    outer: for (let i = 0; i < sorted.length; i++) {
      const ts = tests[i];
      for (let k = 0; k < ts.length; k++) if (!ts[k](facts)) continue outer;
      if (sorted[i].when === undefined || evalWhen(sorted[i].when)) return sorted[i];
    }
    return undefined;
  };
}
const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns} ns`);

function run(size) {
  const rnd = prng(size);
  const routes = buildRoutes(size, rnd);
  const t0 = process.hrtime.bigint();
  const index = buildRouteIndex(routes);
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const sorted = index.routes;
  const calls = buildCalls(routes, 20_000, rnd, callFacts);
  const scanCalls = calls.slice(0, Math.max(200, Math.floor(2_000_000 / size)));

  const scan = linearScanner(sorted);

  // Both must agree with the reference scan (src/routing/linear-scan.ts) before any timing counts.
  let mismatches = 0;
  let hits = 0;
  for (const facts of scanCalls) {
    const expected = scanRoutes(sorted, facts, always);
    const a = index.lookup(facts, always);
    if (a !== expected || scan(facts, always) !== expected) mismatches++;
    if (a) hits++;
  }
  // Warm both paths up before timing.
  for (let i = 0; i < 3; i++) for (const facts of calls) index.lookup(facts, always);
  for (const facts of scanCalls.slice(0, 100)) scan(facts, always);

  const indexed = timeLookups(calls, (f) => index.lookup(f, always), 5);
  const scanned = timeLookups(scanCalls, (f) => scan(f, always), 1);
  return { size, buildMs, stats: index.stats, indexed, scanned, mismatches, hitRate: hits / scanCalls.length };
}

function timerOverhead() {
  const samples = [];
  for (let i = 0; i < 100_000; i++) {
    const t0 = process.hrtime.bigint();
    samples.push(Number(process.hrtime.bigint() - t0));
  }
  samples.sort((a, b) => a - b);
  return percentile(samples, 0.5);
}

function main() {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const list = sizes.length > 0 ? sizes : [1000, 10_000, 100_000];
  const os = require('node:os');
  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown cpu'} x${os.cpus().length}, load ${os.loadavg()[0].toFixed(2)}`);
  console.log(`timings are per lookup and include the timer itself (~${fmt(timerOverhead())})`);
  console.log('routes   | build    | index p50 | index p99 | scan p50  | scan p99  | p50 ratio | p99 ratio | scanned | hits | agree');
  for (const size of list) {
    const r = run(size);
    const row = [
      String(size).padEnd(8),
      `${r.buildMs.toFixed(0)} ms`.padEnd(8),
      fmt(r.indexed.p50).padEnd(9),
      fmt(r.indexed.p99).padEnd(9),
      fmt(r.scanned.p50).padEnd(9),
      fmt(r.scanned.p99).padEnd(9),
      `${Math.round(r.scanned.p50 / r.indexed.p50)}x`.padEnd(9),
      `${Math.round(r.scanned.p99 / r.indexed.p99)}x`.padEnd(9),
      String(r.stats.scanned).padEnd(7),
      `${Math.round(r.hitRate * 100)}%`.padEnd(4),
      r.mismatches === 0 ? 'yes' : `NO (${r.mismatches})`,
    ];
    console.log(row.join(' | '));
    if (r.mismatches > 0) process.exitCode = 1;
  }
}

main();
