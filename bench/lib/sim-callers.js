// The callers of bench/calls and bench/reload: calls placed on an ARI
// simulator at a steady rate, each running the bench flow's script, and the
// test of whether a call went as the flow says.
'use strict';

const { performance } = require('node:perf_hooks');
const { setInterval, clearInterval } = require('node:timers');

/** What every caller presses, starting `firstDigitAfterMs` into Stasis. */
const DIGITS = '1234';

/**
 * Places `rate` calls a second for `durationMs` into `app`. Each caller waits
 * `firstDigitAfterMs`, presses {@link DIGITS} and hangs up after `patienceMs`
 * if the app has not. Resolves once every call is placed; `outcomes` fills
 * (through {@link classifyCall}) as calls end, and `ended` settles when all have.
 */
async function placeCalls(sim, { rate, durationMs, app, firstDigitAfterMs = 1000, patienceMs, tickMs = 2 }) {
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
            { afterMs: firstDigitAfterMs, dtmf: DIGITS },
            { afterMs: patienceMs, hangup: true },
          ],
        });
        done.push(sim.waitForEnd(id).then((entries) => outcomes.push(classifyCall(entries))));
      }
      if (placed >= total) {
        clearInterval(tick);
        resolve();
      }
    }, tickMs);
  });
  return { total, outcomes, placingMs: performance.now() - t0, ended: Promise.all(done) };
}

/**
 * A call is ok when the caller was answered, heard the whole sound, pressed
 * all digits and was then hung up by the app (cause 16). A call the app
 * turned away at once, never answered (hung up, or sent on into the
 * dialplan, as an overload policy does), is `turnedAway`, with the cause or
 * the context. Anything else is a failure, by its first reason.
 * `lagMs`: last digit → the app's hangup.
 */
function classifyCall(entries) {
  const has = (kind) => entries.some((e) => e.kind === kind);
  if (has('stasis-failed')) return { ok: false, reason: 'stasis-failed' };
  if (!has('stasis-start')) return { ok: false, reason: 'no-stasis' };
  const hangup = entries.find((e) => e.kind === 'hangup');
  const byCaller = hangup && hangup.by === 'caller';
  if (!has('answered')) {
    const continued = entries.find((e) => e.kind === 'continued');
    if (continued) return { ok: false, turnedAway: true, reason: `turned-away-to-${continued.context}` };
    if (hangup && hangup.by === 'app') return { ok: false, turnedAway: true, reason: `turned-away-cause-${hangup.cause}` };
  }
  if (!has('answered')) return { ok: false, reason: byCaller ? 'timeout-no-answer' : 'no-answer' };
  if (!entries.some((e) => e.kind === 'playback-finished' && e.state === 'done')) return { ok: false, reason: byCaller ? 'timeout-no-playback' : 'no-playback' };
  const digits = entries.filter((e) => e.kind === 'dtmf-received');
  if (!hangup) return { ok: false, reason: 'no-hangup' };
  if (byCaller) return { ok: false, reason: 'timeout-no-hangup' };
  if (digits.length < DIGITS.length) return { ok: false, reason: `hung-up-early-by-${hangup.by}` };
  if (hangup.by !== 'app' || hangup.cause !== 16) return { ok: false, reason: `hangup-by-${hangup.by}-cause-${hangup.cause}` };
  return { ok: true, lagMs: hangup.atMs - digits[digits.length - 1].atMs };
}

/**
 * Ok count, calls turned away (by reason), and failures by reason (calls that
 * never ended count as `not-ended`). `failed` counts neither ok nor turned-away calls.
 */
function tally(outcomes, total) {
  const failures = {};
  const turnedAwayBy = {};
  let ok = 0;
  let turnedAway = 0;
  for (const o of outcomes) {
    if (o.ok) ok++;
    else if (o.turnedAway) {
      turnedAway++;
      turnedAwayBy[o.reason] = (turnedAwayBy[o.reason] || 0) + 1;
    } else failures[o.reason] = (failures[o.reason] || 0) + 1;
  }
  if (total > outcomes.length) failures['not-ended'] = total - outcomes.length;
  return { ok, turnedAway, turnedAwayBy, failed: total - ok - turnedAway, failures };
}

module.exports = { DIGITS, placeCalls, classifyCall, tally };
