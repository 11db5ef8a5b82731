import type { Diagnostic } from '../diagnostics/diagnostic';
import type { AppSettings, AppSnapshot, SourceRef } from '../ir/types';
import type { SourceDocument } from '../parse/source-document';

/** One app as read from disk: its settings and its parsed flow files, in path order. */
export interface LoadedApp {
  readonly name: string;
  readonly settings: AppSettings;
  /** Parsed flow files, in path order (files that failed to read or parse are absent). */
  readonly documents: readonly SourceDocument[];
  /** Every flow file of the app as shown to users, in path order (parsed or not). */
  readonly files: readonly string[];
  /** Absolute paths of those files. */
  readonly absoluteFiles: readonly string[];
  /** Problems found while finding, reading and parsing the app's files. */
  readonly diagnostics: readonly Diagnostic[];
  /** Where the app is declared in the config, if it is. */
  readonly source?: SourceRef;
  /**
   * The config has errors: the app is compiled for its diagnostics only and
   * never gets a snapshot (its settings are what could be read of the config).
   */
  readonly diagnosticsOnly?: boolean;
  /** AppSettings keys (`calendars`, `httpServices`) whose config section could not be read: rules that look names up there stay quiet. */
  readonly unknownSettings?: readonly string[];
}

/** The outcome of the I/O edge: config plus each app's parsed files. */
export interface LoadedProject<C = unknown> {
  /** The folder relative paths were resolved against. */
  readonly cwd: string;
  /** The config file as shown to users, when one was read. */
  readonly configFile?: string;
  /** The normalised config; undefined when it did not validate. */
  readonly config?: C;
  /** Problems with the config itself (not with any one app's files). */
  readonly diagnostics: readonly Diagnostic[];
  readonly apps: readonly LoadedApp[];
  /** True when `--config` named a file that does not exist (a usage error). */
  readonly configNotFound?: boolean;
}

/** One app's compile outcome. */
export interface CompiledApp {
  readonly name: string;
  readonly files: readonly string[];
  /** Everything found for this app, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** Present when the app has no errors. */
  readonly snapshot?: AppSnapshot;
}

/** The compile outcome of a whole project. */
export interface CompiledProject {
  readonly apps: readonly CompiledApp[];
  /** Config problems plus every app's diagnostics, sorted. */
  readonly diagnostics: readonly Diagnostic[];
}
