#!/usr/bin/env node
// Index lookups only, in a loop, for profiling the hot path:
// `node --cpu-prof bench/routes/hot-loop.js [routes] [seconds]` (default 10000 5).
// Prints the mean time per lookup (no timer around each call).
'use strict';

const path = require('node:path');
const { prng, buildRoutes, buildCalls } = require('./workload');

const dist = path.join(path.resolve(process.env.VOXTRA_DIST ?? path.resolve(__dirname, '../../dist')), 'routing');
const { buildRouteIndex } = require(path.join(dist, 'route-index.js'));
const { callFacts } = require(path.join(dist, 'facts.js'));

const size = Number(process.argv[2] ?? 10_000);
const seconds = Number(process.argv[3] ?? 5);
const rnd = prng(size);
const routes = buildRoutes(size, rnd);
const index = buildRouteIndex(routes);
const calls = buildCalls(routes, 20_000, rnd, callFacts);
const always = () => true;

let lookups = 0;
let found = 0;
const t0 = process.hrtime.bigint();
const until = Date.now() + seconds * 1000;
while (Date.now() < until) {
  for (const facts of calls) if (index.lookup(facts, always)) found++;
  lookups += calls.length;
}
const ns = Number(process.hrtime.bigint() - t0) / lookups;
console.log(`${size} routes: ${lookups} lookups, ${ns.toFixed(0)} ns mean, ${((found / lookups) * 100).toFixed(0)}% found`);
