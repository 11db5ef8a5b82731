import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StartOptions } from '../../../src/api/start-options';
import type { VoxtraApp } from '../../../src/api/voxtra-app';
import { FakeClock, flushAsync } from '../../../src/core/fake-clock';
import { memoryLogger, type LogRecord } from '../../../src/core/logger';
import type { HttpRouter } from '../../../src/routing/http-router-types';
import { formatTranscript, type AriSimulator, type PlaceCallOptions, type TranscriptEntry } from '../../../src/simulator';
import type { TtsEngine } from '../../../src/tts/tts-engine';

/** An app started on an in-process simulator, both on one FakeClock. */
export interface SimRun {
  readonly app: VoxtraApp;
  readonly sim: AriSimulator;
  readonly clock: FakeClock;
  readonly logs: LogRecord[];
  /** Places a call and drives the clock until it ends; resolves with its transcript. */
  call(opts: PlaceCallOptions): Promise<TranscriptEntry[]>;
  /** Lets `promise` settle, firing fake timers one at a time while nothing else is under way. */
  drive<T>(promise: Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/** Routing answers no HTTP router would give here: the seed's route engine is not running, so it falls through. */
export const notHandled: HttpRouter = async () => ({ action: 'not_handled', extensions: {}, ignored: [] });

/** `ttsDir`: where speech is cached (default a fresh temporary folder; null: the config's own). */
export async function startOnSimulator(
  app: VoxtraApp,
  opts: { epochMs: number; ttsEngine?: TtsEngine; ttsDir?: string | null; httpRouter?: HttpRouter } & Pick<StartOptions, 'watch' | 'onReloaded'>,
): Promise<SimRun> {
  const clock = new FakeClock(opts.epochMs);
  const logger = memoryLogger();
  const ttsDir = opts.ttsDir === null ? undefined : (opts.ttsDir ?? mkdtempSync(path.join(os.tmpdir(), 'voxtra-api-tts-')));
  const sim = (await app.start({
    simulator: { transport: 'in-process', clock },
    logger,
    ...(ttsDir ? { ttsDir } : {}),
    ...(opts.ttsEngine ? { ttsEngine: opts.ttsEngine } : {}),
    httpRouter: opts.httpRouter ?? notHandled,
    ...(opts.watch !== undefined ? { watch: opts.watch } : {}),
    ...(opts.onReloaded ? { onReloaded: opts.onReloaded } : {}),
  })) as AriSimulator;
  // Real file I/O (the speech cache) must finish before simulated time moves on, or digits would race prompts.
  const busy = (): boolean => (app.tts?.stats.inFlight ?? 0) > 0;
  const drive = async <T>(promise: Promise<T>): Promise<T> => {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let i = 0; i < 200_000; i++) {
      await flushAsync(3);
      if (settled) return promise;
      if (busy()) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        continue;
      }
      if (!clock.fireNext()) throw new Error(`stalled at ${new Date(clock.now()).toISOString()}: nothing left to fire`);
    }
    throw new Error('drive: too many timers');
  };
  return {
    app,
    sim,
    clock,
    logs: logger.records,
    call: (placed) => drive(sim.waitForEnd(sim.placeCall(placed))),
    drive,
    stop: () => drive(app.stop({ graceMs: 1000 })),
  };
}

/** Transcript lines with bridge ids (random UUIDs) masked, for comparing two runs. */
export function lines(entries: readonly TranscriptEntry[]): string[] {
  return formatTranscript(entries).map((l) => l.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>'));
}
