#!/usr/bin/env node
// Summarises a V8 CPU profile (`node --cpu-prof` writes one): self time by package or source folder, and by
// function, the top N of each.
//   node bench/prof-top.js <file.cpuprofile> [N=30]
'use strict';

const fs = require('node:fs');

const [file, n] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/prof-top.js <file.cpuprofile> [N]\n');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const top = Number(n ?? 30);
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));

const selfTime = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  selfTime.set(id, (selfTime.get(id) ?? 0) + dt);
  total += dt;
});

const byFunction = new Map();
const byPlace = new Map();
const add = (map, key, t) => map.set(key, (map.get(key) ?? 0) + t);
for (const [id, t] of selfTime) {
  const frame = nodes.get(id).callFrame;
  const where = frame.url.replace(/.*\/(node_modules|dist|src)\//, '$1/');
  add(byFunction, `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber}`, t);
  add(byPlace, frame.url.replace(/.*\/(node_modules\/[^/]+|dist\/[^/]+|src\/[^/]+)\/.*/, '$1') || frame.functionName, t);
}

function show(map, title) {
  process.stdout.write(`== ${title} (total ${(total / 1000).toFixed(0)} ms)\n`);
  for (const [key, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${(t / 1000).toFixed(1).padStart(8)} ms  ${key}\n`);
}
show(byPlace, 'self time by package / folder');
show(byFunction, 'self time by function');
