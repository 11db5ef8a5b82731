// Summarises a .heapprofile written by alloc-probe.js: sampled bytes by
// allocating function (with --depth N, by the innermost N frames).
// Usage: node bench/calls/alloc-report.js FILE [--depth 1] [--top 30] [--owner REGEX]
// --owner charges each sample to the innermost frame whose script URL matches
// REGEX (e.g. '/dist/' for Voxtra's own code, 'bench/calls' for the minimal
// app's): what that code made, Node's own work on its behalf included (an
// http.request is charged to the function that called it). Samples with no
// such frame are "(none)": work no frame of that code started (a socket read).
'use strict';

const fs = require('node:fs');

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !/^\d+$/.test(a) && args[i - 1] !== '--owner');
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
if (!file) {
  console.error('usage: node bench/calls/alloc-report.js FILE [--depth 1] [--top 30] [--owner REGEX]');
  process.exit(2);
}
const depth = opt('--depth', 1);
const top = opt('--top', 30);
const ownerAt = args.indexOf('--owner');
if (ownerAt >= 0 && args[ownerAt + 1] === undefined) {
  console.error('alloc-report: --owner needs a regular expression (e.g. /dist/)');
  process.exit(2);
}
const owner = ownerAt >= 0 ? new RegExp(args[ownerAt + 1]) : undefined;
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));

const byId = new Map();
const parentOf = new Map();
const stack = [[profile.head, undefined]];
while (stack.length > 0) {
  const [node, parent] = stack.pop();
  byId.set(node.id, node);
  if (parent !== undefined) parentOf.set(node.id, parent);
  for (const child of node.children || []) stack.push([child, node.id]);
}
const frame = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/.*node_modules\//, '').replace(/.*\/dist\//, '').replace(/^node:/, '');
  return `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
};

/** The innermost frame of the sample's stack whose URL matches `owner`. */
function ownerOf(nodeId) {
  for (let id = nodeId; id !== undefined; id = parentOf.get(id)) {
    const node = byId.get(id);
    if (node === undefined) return '(unknown)';
    if (owner.test(node.callFrame.url)) return frame(node);
  }
  return '(none)';
}

/** The innermost `depth` frames of the sample's stack. */
function stackOf(nodeId) {
  const frames = [];
  // A sample can name a node the profile no longer holds (pruned with its subtree): counted, unnamed.
  for (let id = nodeId; id !== undefined && frames.length < depth; id = parentOf.get(id)) frames.push(byId.has(id) ? frame(byId.get(id)) : "(unknown)");
  return frames.join(' < ');
}

const bytes = new Map();
let total = 0;
for (const sample of profile.samples) {
  const key = owner ? ownerOf(sample.nodeId) : stackOf(sample.nodeId);
  bytes.set(key, (bytes.get(key) || 0) + sample.size);
  total += sample.size;
}
console.log(`${(total / 1048576).toFixed(1)} MiB sampled`);
for (const [key, size] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${(size / 1048576).toFixed(2).padStart(8)} MiB ${((100 * size) / total).toFixed(1).padStart(5)}%  ${key}`);
}
