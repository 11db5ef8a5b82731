import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Metrics } from '../observability/metrics';
import type { ReloadReport } from '../reload/reloader';
import type { HttpRouter } from '../routing/http-router-types';
import type { SessionObserver } from '../session/observer';
import type { SimulatorOptions } from '../simulator/options';
import type { TtsEngine } from '../tts/tts-engine';

/** The built-in ARI simulator, as `app.start({ simulator })` runs it. */
export interface SimulatorStartOptions extends Omit<SimulatorOptions, 'apps' | 'clock'> {
  /**
   * `http` (default): served on 127.0.0.1 (port 0 unless `port` says), so
   * `voxtra call --url` and ari-client can reach it. `in-process`: no server,
   * the runtime talks to it directly (tests on a FakeClock).
   */
  readonly transport?: 'http' | 'in-process';
  /**
   * The clock under both the simulator and the runtime (default the system
   * clock). With a `timeScale`, the runtime runs on a ScaledClock over it, so
   * both agree on how long prompts and timeouts take.
   */
  readonly clock?: Clock;
}

/** What `app.start()` takes; every field is optional. */
export interface StartOptions {
  /** Run against the built-in simulator instead of the config's Asterisk servers (`true` for the defaults). */
  readonly simulator?: boolean | SimulatorStartOptions;
  /** Default: a pino logger with the config's `log` settings. */
  readonly logger?: Logger;
  /** The runtime clock without the simulator (default the system clock). Calendars are checked on it. */
  readonly clock?: Clock;
  /** Answers HTTP dispatch rules (default: real HTTP requests). */
  readonly httpRouter?: HttpRouter;
  /** An engine for `say` whatever the config says (tests; embedding a custom engine). */
  readonly ttsEngine?: TtsEngine;
  /** Folder for rendered speech instead of the configured one. */
  readonly ttsDir?: string;
  /** Sees every call's flows, steps, prompts and actions. */
  readonly observer?: SessionObserver;
  /** How long `start()` waits for the ARI connection before resolving anyway (real ms, default 10000); it keeps retrying. */
  readonly connectTimeoutMs?: number;
  /** Where calls, steps, ARI requests and reloads are counted (default: a new set, served on `/metrics`). */
  readonly metrics?: Metrics;
  /** An app made with `fromConfig`: reload when its config or flow files change (default true). `app.reload()` works either way. */
  readonly watch?: boolean;
  /** Called with each reload's report (accepted or rejected). */
  readonly onReloaded?: (report: ReloadReport) => void;
}
