import type { VoxtraConfig } from '../config/config-types';
import type { LoadProjectOptions } from '../config/load-project';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { AppSnapshot } from '../ir/types';
import type { Metrics } from '../observability/metrics';
import type { ProjectCompiler } from '../reload/project-compiler';
import type { ReloadReport } from '../reload/reloader';
import type { RuntimeOptions, RuntimeServer } from '../runtime/runtime';
import type { RuntimeServices } from '../runtime/services';
import type { TtsEngine } from '../tts/tts-engine';
import type { HostSimulatorOptions } from './host-simulator';

/** Hot reload: how the project was loaded, so that every reload loads it the same way. */
export interface HostReloadOptions {
  readonly load: LoadProjectOptions;
  /** Watch the config and flow files (default true); without, reload with `Host.reload`. */
  readonly watch?: boolean;
  /** Default: a worker-thread compiler (on this thread when the compiled worker is missing). */
  readonly compiler?: ProjectCompiler;
  /** Quiet time that ends a burst of file changes (default 300 ms). */
  readonly debounceMs?: number;
  /** Apps that failed to compile at start (they run once a reload finds them fixed). */
  readonly failedApps?: ReadonlyArray<{ readonly app: string; readonly errors: number }>;
  /** Checks the snapshots of a reload; a returned reason rejects it (see the Reloader's `accept`). */
  readonly accept?: (snapshots: readonly AppSnapshot[]) => string | undefined;
  /** Called with each accepted config, after the host applied it. */
  readonly onConfig?: (config: VoxtraConfig, previous: VoxtraConfig) => void;
  /** Called with every reload's report. */
  readonly onReloaded?: (report: ReloadReport) => void;
}

/** Text-to-speech, when the host builds the services. */
export interface HostSpeechOptions {
  /** An engine to use whatever the config says. */
  readonly engine?: TtsEngine;
  /** Folder for rendered speech instead of the configured one. */
  readonly dir?: string;
  /** Code handlers may say anything: build text-to-speech even when no flow says something. */
  readonly handlers?: boolean;
}

/**
 * Everything `createHost` wires. Only `snapshots` and `logger` are
 * required; a `config` brings the ARI servers, policies, text-to-speech, the
 * ops server (`http.listen`, served when metrics are kept) and reloads.
 */
export interface HostOptions extends Pick<RuntimeOptions, 'code' | 'observer' | 'httpRouter' | 'random' | 'onCallEnded' | 'forward' | 'ari'> {
  /** The config the snapshots were compiled under (defaults filled in). */
  readonly config?: VoxtraConfig;
  /** The compiled apps to run. */
  readonly snapshots: readonly AppSnapshot[];
  readonly logger: Logger;
  /** The ARI servers (default: the config's `ari`). Ignored with `simulator`. */
  readonly servers?: readonly RuntimeServer[];
  /** Run against the built-in simulator instead of Asterisk (apps and queues context default from the snapshots and config). */
  readonly simulator?: HostSimulatorOptions;
  /** The clock under the runtime and text-to-speech (default the system clock). */
  readonly clock?: Clock;
  /**
   * Real ms per simulated ms (default 1): the simulator runs at this scale
   * and the runtime on a ScaledClock over `clock`; over the system clock,
   * network deadlines keep their real-time length.
   */
  readonly timeScale?: number;
  /** Where calls, steps, ARI requests and reloads are counted (default: a new set; `false`: none, and then no ops server). */
  readonly metrics?: Metrics | false;
  /** Services built by the caller (`voxtra test`); the host then builds none and a reload keeps them. */
  readonly services?: RuntimeServices;
  /** Text-to-speech settings when the host builds the services. */
  readonly speech?: HostSpeechOptions;
  /** Reload the project on file changes and on `Host.reload`. */
  readonly reload?: HostReloadOptions;
  /** A logger whose level follows `log.level` of reloaded configs (the one made from the config, not one fixed by the caller). */
  readonly followLogLevel?: { level: string };
}

/** Why `createHost` did not start: `reason` for a one-line message, `error` to throw. */
export interface HostRefusal {
  readonly reason: string;
  readonly error: Error;
}
