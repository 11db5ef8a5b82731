#!/usr/bin/env node
// Route lookup bench: the route index against a linear first-match scan over
// the same sorted routes, in the same run. Build first: `npm run build`, then
// `node bench/routes/run.js [sizes...]` (default 1000 10000 100000).
'use strict';

const path = require('node:path');

const dist = path.resolve(__dirname, '../../dist/routing');
const { buildRouteIndex } = require(path.join(dist, 'route-index.js'));
const { scanRoutes } = require(path.join(dist, 'linear-scan.js'));
const { callFacts } = require(path.join(dist, 'facts.js'));
const { compileClause } = require(path.join(dist, 'clause-match.js'));

function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (xs) => xs[Math.floor(next() * xs.length)] };
}

const digits = (rnd, n) => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rnd.int(10));
  return s;
};
const source = { file: 'bench.yaml', path: [] };
const clause = (field, matcher) => ({ field, matcher, source });

// Hand-written routes that no index can narrow: their count does not grow with the route set.
const REGEXES = [
  '^1[2-9][0-9]{9}$', '^\\+1(212|646|917)\\d{7}$', '^\\+44\\d{10}$', '^00\\d+$', '^\\*[0-9]{2}$',
  '^9\\d{3}$', '^\\+2659\\d{8}$', '^\\+33[67]\\d{8}$', '^(?:911|112|999)$', '^\\+61\\d{9}$',
  '[0-9]{3}-[0-9]{4}', 'x\\d+$', '^vip-', 'conference', '^8[0-9]{3}#$',
  '^\\+49(15|16|17)\\d{8,9}$', '^\\+2658\\d{8}$', '^\\+27\\d{9}$', '^7[0-9]{2}$', 'test$',
];
const SCANNED_PATTERNS = ['_NXXNXXXXXX', '_ZXXXXXXX', '_[2-8]XXX.', '_NXX!', '_X.'];

/**
 * A realistic mix: mostly exact DIDs and extensions, some prefixes, patterns
 * with a literal prefix, few regexes. Values are unique per kind, as a set
 * that passes `voxtra validate` (no duplicate routes) would be.
 */
function buildRoutes(count, rnd) {
  const routes = [];
  const seen = new Set();
  const add = (match, priority = 0) => {
    const key = JSON.stringify(match.map((c) => [c.field, c.matcher]));
    if (seen.has(key)) return;
    seen.add(key);
    routes.push({ name: `r${routes.length}`, order: routes.length, priority, match, metadata: {}, target: { kind: 'flow', flow: 'f' }, source });
  };
  for (const re of REGEXES) add([clause(rnd.pick(['extension', 'number']), { kind: 'regex', source: re, flags: '' })]);
  for (const p of SCANNED_PATTERNS.slice(0, 3)) add([clause('extension', { kind: 'pattern', value: p })]);
  while (routes.length < count) {
    const roll = rnd.int(100);
    if (roll < 45) add([clause('extension', { kind: 'exact', value: `+265${digits(rnd, 9)}` })]); // DIDs
    else if (roll < 65) add([clause('extension', { kind: 'exact', value: digits(rnd, 4 + rnd.int(3)) })]); // extensions
    else if (roll < 75) add([clause('number', { kind: 'exact', value: `+${digits(rnd, 11)}` })], 5); // VIP callers
    else if (roll < 88) add([clause('number', { kind: 'prefix', value: `+${digits(rnd, 4 + rnd.int(5))}` })]); // area codes
    else if (roll < 94) add([clause('extension', { kind: 'pattern', value: `_${digits(rnd, 3 + rnd.int(4))}XXXX${rnd.pick(['', '.', '!'])}` })]);
    else if (roll < 97) add([clause('number', { kind: 'suffix', value: digits(rnd, 5 + rnd.int(3)) })]);
    else add([clause('extension', { kind: 'exact', value: digits(rnd, 4) }), clause('number', { kind: 'prefix', value: `+${digits(rnd, 3)}` })]);
  }
  return routes;
}

/** Half the calls aim at a random route (hits, mostly), half are random numbers (mostly misses). */
function buildCalls(routes, n, rnd) {
  const calls = [];
  for (let i = 0; i < n; i++) {
    let extension = digits(rnd, 4 + rnd.int(8));
    let number = `+${digits(rnd, 11)}`;
    if (i % 2 === 0) {
      const route = routes[rnd.int(routes.length)];
      for (const c of route.match) {
        const m = c.matcher;
        const value =
          m.kind === 'exact' ? m.value
            : m.kind === 'prefix' ? m.value + digits(rnd, 6)
              : m.kind === 'suffix' ? `+1${digits(rnd, 4)}${m.value}`
                : m.kind === 'pattern' ? m.value.slice(1).replace(/X/g, () => String(rnd.int(10))).replace(/[.!]/, '1').replace(/[^0-9+]/g, '5')
                  : digits(rnd, 10);
        if (c.field === 'extension') extension = value;
        else number = value;
      }
    }
    calls.push(callFacts({ extension, number }));
  }
  return calls;
}

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
  const calls = buildCalls(routes, 20_000, rnd);
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
