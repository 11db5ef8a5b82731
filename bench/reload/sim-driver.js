// The PBX side of bench/reload, in its own process so its work does not
// count as the runtime's event-loop stalls: Voxtra's ARI simulator in real
// time plus the callers. Driven over IPC by run.js:
//   { type: 'load', rate, durationMs, app } → { type: 'load-result', result }
//   { type: 'stop' }
'use strict';

const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { setInterval, clearInterval, setTimeout } = require('node:timers');

const { AriSimulator } = require(path.resolve(__dirname, '../../dist/simulator'));

const DIGITS = '1234';

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
 * presses four digits and gives up after ten seconds. A call is ok when it
 * was answered, heard the whole sound, pressed its digits and was then hung
 * up by the app; anything else fails, counted by its first reason.
 */
async function load(sim, { rate, durationMs, app }) {
  const total = Math.round((rate * durationMs) / 1000);
  const outcomes = [];
  const done = [];
  let placed = 0;
  const t0 = performance.now();
  await new Promise((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000));
      for (; placed < due; placed++) {
        const id = sim.placeCall({
          app,
          extension: '1000',
          callerNumber: `+1555${String(placed % 1e6).padStart(6, '0')}`,
          script: [
            { afterMs: 1000, dtmf: DIGITS },
            { afterMs: 10_000, hangup: true },
          ],
        });
        done.push(sim.waitForEnd(id).then((entries) => outcomes.push(classify(entries))));
      }
      if (placed >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  await Promise.race([Promise.all(done), new Promise((r) => setTimeout(r, 30_000))]);
  const failures = {};
  let ok = 0;
  for (const o of outcomes) {
    if (o.ok) ok++;
    else failures[o.reason] = (failures[o.reason] || 0) + 1;
  }
  if (total > outcomes.length) failures['not-ended'] = total - outcomes.length;
  return { placed: total, ok, failed: total - ok, failures };
}

function classify(entries) {
  const has = (kind) => entries.some((e) => e.kind === kind);
  if (has('stasis-failed')) return { ok: false, reason: 'stasis-failed' };
  if (!has('stasis-start')) return { ok: false, reason: 'no-stasis' };
  if (!has('answered')) return { ok: false, reason: 'not-answered' };
  if (!entries.some((e) => e.kind === 'playback-finished' && e.state === 'done')) return { ok: false, reason: 'no-playback' };
  const hangup = entries.find((e) => e.kind === 'hangup');
  if (!hangup) return { ok: false, reason: 'no-hangup' };
  if (hangup.by !== 'app') return { ok: false, reason: `hangup-by-${hangup.by}` };
  if (entries.filter((e) => e.kind === 'dtmf-received').length < DIGITS.length) return { ok: false, reason: 'hung-up-before-digits' };
  return { ok: true };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
