// The PBX side of bench/reload, in its own process so its work does not
// count as the runtime's event-loop stalls: Voxtra's ARI simulator in real
// time plus the callers. Driven over IPC by run.js:
//   { type: 'load', rate, durationMs, app } → { type: 'load-result', result }
//   { type: 'stop' }
'use strict';

const path = require('node:path');
const { setTimeout } = require('node:timers');

const { AriSimulator } = require(path.resolve(__dirname, '../../dist/simulator'));
const { placeCalls, tally } = require('../lib/sim-callers');

async function main() {
  const app = process.argv[2] || 'bench';
  const sim = await AriSimulator.start({ port: 0, apps: [app], sessionLimit: 100, maxEndedCalls: 2000 });
  process.on('message', (msg) => {
    if (msg.type === 'load') load(sim, msg).then((result) => process.send({ type: 'load-result', result }));
    else if (msg.type === 'stop') sim.stop().then(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', url: sim.url });
}

/**
 * Places `rate` calls a second for `durationMs`. Each caller waits a second,
 * presses four digits and gives up after ten seconds; see classifyCall for
 * what counts as ok.
 */
async function load(sim, { rate, durationMs, app }) {
  const { total, outcomes, ended } = await placeCalls(sim, { rate, durationMs, app, patienceMs: 10_000, tickMs: 5 });
  await Promise.race([ended, new Promise((r) => setTimeout(r, 30_000))]);
  // Here every call must run its flow: one turned away is a failure too.
  const { ok, turnedAway, turnedAwayBy, failed, failures } = tally(outcomes, total);
  return { placed: total, ok, failed: failed + turnedAway, failures: { ...failures, ...turnedAwayBy } };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
