import { existsSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic';
import { parseSource } from '../parse/parse-source';
import type { SourceDocument } from '../parse/source-document';
import { configSchema } from '../schema/config-schema';
import { SchemaValidator } from '../schema/schema-validator';
import { CONFIG_FILE_NAMES, type VoxtraConfig } from './config-types';
import { displayPath } from './display-path';
import { expandDocument } from './expand-document';
import { normalizeConfig } from './normalize-config';
import { readText, type TextReader } from './read-text';
import { cutConfig, salvage, type SalvagedConfig } from './salvage-config';

/** What to load the config from. */
export interface LoadConfigOptions {
  /** Working folder: where the config is discovered and displayed paths are relative to. */
  readonly cwd: string;
  /** `--config FILE`; otherwise `voxtra.config.{yaml,yml,toml,json}` is looked for in `cwd`. */
  readonly configPath?: string;
  /** Environment for `${NAME}` expansion and ARI_* fallbacks. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** How files are read (default: from disk). */
  readonly readText?: TextReader;
}

/** The loaded config (undefined when it did not validate), with what was found. */
export interface LoadedConfig {
  readonly config?: VoxtraConfig;
  /** When the config parsed but has errors: what could still be read, so the apps' flows are checked too (never run). */
  readonly salvaged?: SalvagedConfig;
  readonly document?: SourceDocument;
  readonly diagnostics: Diagnostic[];
  /** `--config` named a file that does not exist. */
  readonly notFound?: boolean;
}

let validator: SchemaValidator | undefined;

/** The config file `cwd` would use, if any. */
export function discoverConfig(cwd: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(cwd, name);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/**
 * Finds, reads, expands, validates and normalises the config. With no config
 * file (and none asked for), the defaults apply: one app named `voxtra`
 * with its flows in `flows/`, ARI settings from ARI_URL, ARI_USERNAME and ARI_PASSWORD.
 */
export async function loadConfig(opts: LoadConfigOptions): Promise<LoadedConfig> {
  const file = opts.configPath !== undefined ? path.resolve(opts.cwd, opts.configPath) : discoverConfig(opts.cwd);
  if (file === undefined) return normalizeConfig({}, { dir: opts.cwd, env: opts.env });
  const display = displayPath(opts.cwd, file);
  const read = await (opts.readText ?? readText)(file, display);
  if (read.diagnostic) {
    const notFound = read.diagnostic.code === 'FILE_NOT_FOUND';
    const d = notFound ? diagnostic({ ...read.diagnostic, message: `config file ${display} does not exist` }) : read.diagnostic;
    return { diagnostics: [d], notFound };
  }
  const parsed = parseSource(display, read.text ?? '');
  if (!parsed.document) return { diagnostics: parsed.diagnostics };
  const doc = parsed.document;
  const expanded = expandDocument(doc, opts.env);
  const value = expanded.value ?? {};
  validator ??= new SchemaValidator(configSchema());
  const diagnostics: Diagnostic[] = [...parsed.diagnostics, ...expanded.diagnostics];
  const problems = validator.validate(value);
  for (const p of problems) {
    const pos = doc.locate(p.path, { key: p.atKey });
    diagnostics.push(diagnostic({ code: p.code, message: p.message, file: display, path: p.path, line: pos?.line, column: pos?.column, ...(p.hint ? { hint: p.hint } : {}) }));
  }
  const normalizeOpts = { dir: path.dirname(file), env: opts.env, doc, file, displayFile: display };
  if (hasErrors(diagnostics)) {
    // Normalise what has no problem, so the other sections' own checks and the apps' flows still run.
    const cut = cutConfig(value, [...problems.map((p) => p.path), ...expanded.diagnostics.filter((d) => d.severity === 'error').map((d) => d.path)]);
    if (!cut) return { document: doc, diagnostics };
    const normalized = normalizeConfig(cut.raw, normalizeOpts);
    diagnostics.push(...normalized.diagnostics);
    return { document: doc, diagnostics, salvaged: salvage(normalized.config, cut) };
  }
  const normalized = normalizeConfig(value as Record<string, unknown>, normalizeOpts);
  diagnostics.push(...normalized.diagnostics);
  if (!hasErrors(diagnostics)) return { config: normalized.config, document: doc, diagnostics };
  const cut = cutConfig(value, []);
  return { document: doc, diagnostics, ...(cut ? { salvaged: salvage(normalized.config, cut) } : {}) };
}
