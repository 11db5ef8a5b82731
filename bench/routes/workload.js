// The route bench's workload: a realistic route mix and calls aimed at it,
// seeded so every run (and the profiling helper) sees the same routes.
'use strict';

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
function buildCalls(routes, n, rnd, callFacts) {
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

module.exports = { prng, buildRoutes, buildCalls, REGEXES, SCANNED_PATTERNS };
