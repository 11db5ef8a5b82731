import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import type { LoadedApp, LoadedProject } from '../compiler/project-types';
import { parseSource } from '../parse/parse-source';
import type { ParseResult, SourceDocument } from '../parse/source-document';
import { appSettings } from './app-settings';
import type { AppConfig, VoxtraConfig } from './config-types';
import { displayPath } from './display-path';
import { findFlowFiles, type FlowsEntry } from './flow-files';
import { loadConfig } from './load-config';
import { readText, readTextSync, type TextReader } from './read-text';
import { salvagedSettings, type SalvagedConfig } from './salvage-config';

/** What `loadProject` reads. */
export interface LoadProjectOptions {
  readonly cwd: string;
  /** `--config FILE`. */
  readonly configPath?: string;
  /** Flow paths from the command line: they replace the flows of a single-app config. */
  readonly paths?: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** How config and flow files are read (default: from disk; the language server reads unsaved buffers first). */
  readonly readText?: TextReader;
  /** How a flow file's text is parsed (default `parseSource`; the language server keeps the documents of texts that did not change). */
  readonly parse?: FlowParser;
}

/** Parses one flow file's text (absolute path, path as shown). */
export type FlowParser = (absolute: string, display: string, text: string) => ParseResult;

/** A project as read from disk; `usageError` is set when the command line itself is wrong. */
export type Project = LoadedProject<VoxtraConfig> & { readonly usageError?: string };

/**
 * The I/O edge of the compiler: finds and reads the config and every app's
 * flow files into SourceDocuments. Nothing here judges flows; that is
 * `compileProject`'s job.
 */
export async function loadProject(opts: LoadProjectOptions): Promise<Project> {
  const loaded = await loadConfig(opts);
  const configFile = loaded.document?.file;
  // A config with errors still says which apps there are: their flows are checked (never run) against what could be read.
  const config = loaded.config ?? loaded.salvaged?.config;
  const base = { cwd: opts.cwd, ...(configFile ? { configFile } : {}), ...(loaded.config ? { config: loaded.config } : {}) };
  if (!config || config.apps.length === 0) return { ...base, diagnostics: loaded.diagnostics, apps: [], ...(loaded.notFound ? { configNotFound: true } : {}) };
  let apps = config.apps;
  if (opts.paths && opts.paths.length > 0) {
    if (apps.length > 1) {
      return { ...base, diagnostics: loaded.diagnostics, apps: [], usageError: `flow paths on the command line need a config with one app, but ${config.displayFile ?? 'the config'} declares ${apps.length}` };
    }
    apps = [{ ...apps[0], flows: [...opts.paths], baseDir: opts.cwd }];
  }
  const salvaged = loaded.config ? undefined : loaded.salvaged;
  const io = { read: opts.readText ?? readText, parse: opts.parse ?? parseFlowFile };
  const loadedApps = await Promise.all(apps.map((app) => loadApp(app, config, opts.cwd, Boolean(opts.paths?.length), io, salvaged)));
  return { ...base, diagnostics: loaded.diagnostics, apps: loadedApps };
}

function parseFlowFile(_absolute: string, display: string, text: string): ParseResult {
  return parseSource(display, text);
}

async function loadApp(
  app: AppConfig,
  config: VoxtraConfig,
  cwd: string,
  fromCommandLine: boolean,
  { read, parse }: { read: TextReader; parse: FlowParser },
  salvaged?: SalvagedConfig,
): Promise<LoadedApp> {
  const entries: FlowsEntry[] = app.flows.map((pattern) => ({
    pattern,
    baseDir: app.baseDir,
    // Command-line paths have no place in a file; config paths point at the app's `flows`.
    ...(!fromCommandLine && (app.flowsSource ?? app.source) ? { source: app.flowsSource ?? app.source } : {}),
  }));
  const found = await findFlowFiles(entries, config.file ? [config.file] : []);
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  const documents: SourceDocument[] = [];
  const files = found.files.map((f) => displayPath(cwd, f));
  if (found.files.length === 0 && found.diagnostics.length === 0) {
    const at = fromCommandLine ? undefined : (app.flowsSource ?? app.source);
    const where = app.flows.map((f) => displayPath(cwd, path.resolve(app.baseDir, f))).join(', ');
    diagnostics.push(diagnostic({
      code: 'NO_FLOW_FILES',
      message: `app "${app.name}" found no .yaml, .yml, .toml or .json file in ${where}`,
      file: at?.file,
      path: at?.path ?? [],
      line: at?.line,
      column: at?.column,
    }));
  }
  // The disk is read without a promise per file (see readTextSync); an editor's reader answers its buffers first.
  const reads = read === readText ? found.files.map((f, i) => readTextSync(f, files[i])) : await Promise.all(found.files.map((f, i) => read(f, files[i])));
  reads.forEach((r, i) => {
    if (r.diagnostic) {
      diagnostics.push(r.diagnostic);
      return;
    }
    const parsed = parse(found.files[i], files[i], r.text ?? '');
    diagnostics.push(...parsed.diagnostics);
    if (parsed.document) documents.push(parsed.document);
  });
  return {
    name: app.name,
    settings: salvaged ? salvagedSettings(appSettings(config, app), salvaged) : appSettings(config, app),
    documents,
    files,
    absoluteFiles: found.files,
    diagnostics,
    ...(app.source ? { source: app.source } : {}),
    ...(salvaged ? { diagnosticsOnly: true, unknownSettings: salvaged.unknownSettings } : {}),
  };
}
