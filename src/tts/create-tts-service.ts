import { systemClock, type Clock } from '../core/clock';
import { VoxtraError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import { CachingTtsService } from './caching-tts-service';
import { ESPEAK_INSTALL_HINT, EspeakEngine } from './espeak-engine';
import { HttpEngine } from './http-engine';
import type { TtsEngine } from './tts-engine';
import type { TtsSettings } from './tts-settings';
import { UnavailableEngine } from './unavailable-engine';

export interface TtsServiceDeps {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /**
   * Whether the loaded flows need text-to-speech (they have `say` steps).
   * When true (the default) a missing engine or an unwritable folder rejects
   * with `TTS_UNAVAILABLE`; when false the service is returned anyway, logs a
   * warning, and each render fails with the same reason.
   */
  readonly required?: boolean;
  /** An engine to use instead of the configured one (tests, embedding). */
  readonly engine?: TtsEngine;
}

// Temp files older than this were left by a crash; younger ones may belong to a live writer.
const STALE_TEMP_MS = 10 * 60_000;

function configuredEngine(settings: TtsSettings, clock: Clock): TtsEngine | string {
  switch (settings.engine) {
    case 'none':
      return `tts.engine is none: set tts.engine: espeak (${ESPEAK_INSTALL_HINT.split(',')[0]}) or tts.engine: http`;
    case 'http':
      if (!settings.http) return 'tts.engine is http but tts.http.url is not configured';
      return new HttpEngine({ ...settings.http, clock });
    default:
      return new EspeakEngine({
        binary: settings.espeak.binary,
        timeoutMs: settings.espeak.timeoutMs,
        clock,
        defaults: { voice: settings.voice, language: settings.language },
      });
  }
}

/**
 * Builds the text-to-speech service from normalised settings and checks it
 * can work: the engine is available (espeak-ng installed and able to speak the
 * default voice; the http engine configured) and the folder is writable.
 * Rejects with `VoxtraError('TTS_UNAVAILABLE')` naming what is missing, e.g.
 * "espeak-ng is not installed ...: apt-get install espeak-ng, or configure
 * tts.engine: http", unless `deps.required` is false.
 */
export async function createTtsService(settings: TtsSettings, deps: TtsServiceDeps = {}): Promise<CachingTtsService> {
  const clock = deps.clock ?? systemClock;
  const log = (deps.logger ?? silentLogger).child({ component: 'tts' });
  const required = deps.required ?? true;
  const problems: string[] = [];

  let engine = deps.engine ?? configuredEngine(settings, clock);
  if (typeof engine !== 'string') {
    const availability = await engine.available();
    if (!availability.ok) engine = availability.reason;
  }
  if (typeof engine === 'string') problems.push(engine);

  const service = new CachingTtsService({
    engine: typeof engine === 'string' ? new UnavailableEngine(settings.engine, engine) : engine,
    dir: settings.dir,
    mode: settings.mode,
    urlBase: settings.urlBase,
    voice: settings.voice,
    language: settings.language,
    maxChars: settings.maxChars,
    concurrency: settings.concurrency,
    logger: log,
  });

  try {
    await service.store.prepare();
    await service.store.sweepTemp(clock.now(), STALE_TEMP_MS).catch(() => 0);
  } catch (err) {
    problems.push(`tts.dir ${settings.dir} is not a writable folder (${(err as Error).message}); create it and give the Voxtra user write access, and the Asterisk user read access`);
  }

  if (problems.length > 0) {
    if (required) throw new VoxtraError('TTS_UNAVAILABLE', `text-to-speech is unavailable: ${problems.join('; ')}`, { engine: settings.engine, problems });
    log.warn({ engine: settings.engine, problems }, 'text-to-speech is unavailable; say steps will fail');
  } else {
    log.info({ engine: service.engine.name, dir: settings.dir, mode: settings.mode }, 'text-to-speech ready');
  }
  return service;
}
