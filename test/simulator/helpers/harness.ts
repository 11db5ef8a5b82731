import { FakeClock, flushAsync } from '../../../src/core/fake-clock';
import { AriSimulator, type SimulatorOptions } from '../../../src/simulator';
import { invokeOp } from '../../../src/simulator/api/dispatch';
import type { JsonObject } from '../../../src/simulator/model/json';
import type { AriResult } from '../../../src/simulator/model/result';

/** An in-process simulator on a FakeClock with app `voxtra` registered to an event recorder. */
export interface Harness {
  readonly clock: FakeClock;
  readonly sim: AriSimulator;
  readonly events: JsonObject[];
  op(op: string, params?: Record<string, unknown>): AriResult;
  /** Moves simulated time forward, letting promises settle as it goes. */
  advance(ms: number): Promise<void>;
  /** Types of events about one channel (its own, its playbacks', Dial peer). */
  typesFor(channelId: string): string[];
}

export const EPOCH = Date.UTC(2026, 10, 22, 14, 0, 0);

export function harness(opts: SimulatorOptions = {}, apps: string[] = ['voxtra']): Harness {
  // A FakeClock in the options is the one the harness advances (for helpers that need it before the simulator exists).
  const clock = opts.clock instanceof FakeClock ? opts.clock : new FakeClock(EPOCH);
  const sim = AriSimulator.createInProcess({ clock, epochMs: EPOCH, ...opts });
  const events: JsonObject[] = [];
  sim.model.apps.register(apps, { send: (e) => events.push(e) }, false);
  const about = (e: JsonObject, id: string): boolean => {
    const ch = (e.channel ?? e.peer) as JsonObject | undefined;
    const pb = e.playback as JsonObject | undefined;
    const rec = e.recording as JsonObject | undefined;
    return ch?.id === id || pb?.target_uri === `channel:${id}` || rec?.target_uri === `channel:${id}`;
  };
  return {
    clock,
    sim,
    events,
    op: (op, params = {}) => invokeOp(sim.model, op, params),
    advance: async (ms) => {
      const end = clock.now() + ms;
      await flushAsync(2);
      for (;;) {
        const next = clock.nextAt();
        if (next === undefined || next > end) break;
        clock.advanceTo(next);
        await flushAsync(2);
      }
      clock.advanceTo(end);
      await flushAsync(2);
    },
    typesFor: (id) => events.filter((e) => about(e, id)).map((e) => String(e.type)),
  };
}
