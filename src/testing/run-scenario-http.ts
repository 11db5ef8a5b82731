import { systemClock, type Clock } from '../core/clock';
import { ScaledClock } from '../core/scaled-clock';
import { createHost, realTimeAriDeadlines } from '../host';
import type { AriSimulator } from '../simulator';
import { ScenarioHarness, type ScenarioEnvironment, type ScenarioRun } from './scenario-harness';
import type { Scenario } from './scenario-types';

/** Default real ms per simulated ms over HTTP: 50 times faster than real time. */
export const DEFAULT_HTTP_TIME_SCALE = 0.02;
/** Real ms between looks at the call (prompt starts, the end). */
const POLL_MS = 1;
/** Real ms the runtime gets to connect, as `voxtra run` gives it. */
const CONNECT_REAL_MS = 10_000;
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
  // The runtime's clock is the scenario's (already scaled); the simulator runs at the same scale, and ARI deadlines stay real.
  const created = await createHost({
    ...h.hostOptions(),
    ari: realTimeAriDeadlines(clock),
    simulator: { ...h.simulatorOptions(), transport: 'http', timeScale, host: '127.0.0.1', port: 0 },
  });
  if (created.refused) throw created.refused.error;
  const host = created.host;
  const sim = host.simulator as AriSimulator;
  void host.start();
  try {
    try {
      await host.waitUntilConnected(CONNECT_REAL_MS);
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
    await host.stop({ drain: false });
  }
}
