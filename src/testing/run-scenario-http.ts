import { systemClock, type Clock } from '../core/clock';
import { ScaledClock } from '../core/scaled-clock';
import { Runtime } from '../runtime/runtime';
import { AriSimulator } from '../simulator';
import { ScenarioHarness, type ScenarioEnvironment, type ScenarioRun } from './scenario-harness';
import type { Scenario } from './scenario-types';

/** Default real ms per simulated ms over HTTP: 50 times faster than real time. */
export const DEFAULT_HTTP_TIME_SCALE = 0.02;
/** Real ms between looks at the call (prompt starts, the end). */
const POLL_MS = 1;
/** Real-time deadlines of the ARI connection, as `voxtra run --time-scale` keeps them. */
const ARI_REAL = { requestTimeoutMs: 5000, connectTimeoutMs: 10_000, pingIntervalMs: 10_000, pongTimeoutMs: 5000 } as const;
/** Real ms the call gets to wind down after the time limit hangs it up. */
const WIND_DOWN_REAL_MS = 5000;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one scenario over the network: the simulator listening on 127.0.0.1
 * (HTTP and WebSocket, any free port) and the runtime connected to it with
 * ari-client, as `voxtra run --simulator` is, on a scaled real clock. It
 * checks the same expectations as the in-process run; times are real, so
 * they may differ by a few simulated ms from run to run.
 */
export async function runScenarioOverHttp(scenario: Scenario, env: ScenarioEnvironment, timeScale = DEFAULT_HTTP_TIME_SCALE): Promise<ScenarioRun> {
  // Real time, shifted so calendars and timestamps see the scenario's start.
  const offset = scenario.startMs - Date.now();
  const base: Clock = { now: () => Date.now() + offset, setTimeout: systemClock.setTimeout, clearTimeout: systemClock.clearTimeout };
  const clock = new ScaledClock(timeScale, base);
  const h = new ScenarioHarness(scenario, env, clock);
  const sim = await AriSimulator.start({ ...h.simulatorOptions(), timeScale, host: '127.0.0.1', port: 0 });
  const ari = Object.fromEntries(Object.entries(ARI_REAL).map(([k, v]) => [k, clock.fromReal(v)]));
  const runtime = new Runtime(h.runtimeOptions({ name: 'simulator', url: sim.url, username: 'voxtra', password: 'voxtra' }, { ari }));
  runtime.start();
  try {
    try {
      await runtime.waitUntilConnected(clock.fromReal(ARI_REAL.connectTimeoutMs));
    } catch (err) {
      h.problems.push(`the runtime did not connect to the simulator: ${(err as Error).message}`);
      return h.result();
    }
    h.place(sim);
    const deadline = h.placedAtMs + scenario.timeLimitMs;
    let windDownUntil: number | undefined;
    for (;;) {
      h.poll();
      if (h.finished()) break;
      if (windDownUntil === undefined && clock.now() > deadline) {
        h.timeLimitReached(sim);
        windDownUntil = Date.now() + WIND_DOWN_REAL_MS;
      }
      if (windDownUntil !== undefined && Date.now() > windDownUntil) {
        h.problems.push('the call did not end after the caller hung up');
        break;
      }
      await realSleep(POLL_MS);
    }
    return h.result();
  } finally {
    await runtime.stop();
    await sim.stop();
  }
}
