import { FakeClock } from '../core/fake-clock';
import { createHost, type Host } from '../host';
import type { AriSimulator } from '../simulator';
import { ScenarioHarness, type ScenarioEnvironment, type ScenarioRun } from './scenario-harness';
import type { Scenario } from './scenario-types';
import { VirtualTime } from './virtual-time';

export type { ChosenOption, ReachedStep, ScenarioEnvironment, ScenarioRun } from './scenario-harness';

/** Timers one scenario may fire before it is declared a runaway. */
const MAX_TIMERS = 200_000;
/** Simulated time the call gets to wind down after the time limit hangs it up. */
const WIND_DOWN_MS = 60_000;

/**
 * Runs one scenario in-process: a fresh simulator and the real Runtime on one
 * FakeClock, the call placed and the caller's actions played, simulated time
 * advanced timer by timer until the call has ended on both sides (Voxtra's
 * session and the caller's channel), or the time limit.
 */
export async function runScenario(scenario: Scenario, env: ScenarioEnvironment): Promise<ScenarioRun> {
  const clock = new FakeClock(scenario.startMs);
  const time = new VirtualTime(clock);
  const h = new ScenarioHarness(scenario, env, clock, time);
  const created = await createHost({ ...h.hostOptions(), simulator: { ...h.simulatorOptions(), transport: 'in-process', clock } });
  if (created.refused) throw created.refused.error;
  const host = created.host;
  const sim = host.simulator as AriSimulator;
  void host.start();
  const connected = await time.runUntil(() => host.runtime.ariServers.every((s) => s.supervisor.ready), clock.now() + 10_000);
  if (!connected) {
    h.problems.push('the runtime did not connect to the simulator');
    await shutdown(host, time);
    return h.result();
  }

  h.place(sim);
  const deadline = h.placedAtMs + scenario.timeLimitMs;
  let timedOut = false;
  await time.settle();
  for (;;) {
    h.poll();
    if (h.finished()) break;
    const next = time.nextAt();
    if (next === undefined) {
      h.problems.push('the call stalled: nothing more could happen, but it had not ended');
      break;
    }
    if (!timedOut && next > deadline) {
      timedOut = true;
      clock.advanceTo(deadline);
      h.timeLimitReached(sim);
      await time.settle();
      continue;
    }
    if (timedOut && next > deadline + WIND_DOWN_MS) {
      h.problems.push('the call did not end after the caller hung up');
      break;
    }
    if (time.fired > MAX_TIMERS) {
      h.problems.push(`the call fired more than ${MAX_TIMERS} timers; a loop in the flow?`);
      break;
    }
    time.fireNext();
    await time.settle();
  }
  const run = h.result();
  await shutdown(host, time);
  return run;
}

/** The call has ended (or was given up on): close at once, moving simulated time while the connection closes. */
async function shutdown(host: Host, time: VirtualTime): Promise<void> {
  let stopped = false;
  void host.stop({ drain: false }).finally(() => (stopped = true));
  await time.runUntil(() => stopped, time.clock.now() + 60_000);
}
