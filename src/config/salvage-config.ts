import type { JsonPath } from '../core/json-path';
import { isRecord } from '../core/is-record';
import { closestName } from '../diagnostics/did-you-mean';
import type { AppSettings } from '../ir/types';
import { configSchema } from '../schema/config-schema';
import type { VoxtraConfig } from './config-types';

// What checking the apps' flows needs from a config, and what a problem there costs:
// - the app list (`apps`, or `app` + `flows`): a problem in one `apps` entry's
//   `flows` (or the entry itself) skips that app; in `apps` or `flows` as a
//   whole, every app (which files to read is not known);
// - `calendars` and `http_services`: flows name their entries. A broken entry
//   still declares its name; a section that cannot be read at all (or a
//   misspelt section key) makes UNKNOWN_CALENDAR / UNKNOWN_HTTP_SERVICE quiet;
// - every other section (ari, queues, http, log, tts, runtime) is cut out and
//   its defaults used: no flow check depends on it.

/** Keys that say which apps there are and where their flows are. */
const APP_KEYS = ['apps', 'app', 'flows'];

/** Sections whose entries flows refer to by name, with the AppSettings key that holds them. */
const NAMED_SECTIONS: Readonly<Record<string, string>> = { calendars: 'calendars', http_services: 'httpServices' };

/** A config value with the parts that have problems cut out. */
export interface ConfigCut {
  /** Same shape and indexes as the original (a cut `apps` entry is null), so positions still match. */
  readonly raw: Record<string, unknown>;
  /** Which apps there are, or where their flows are, could not be read. */
  readonly appsLost: boolean;
  /** AppSettings keys whose section could not be read at all. */
  readonly unknownSettings: readonly string[];
  /** Names each named section declares, entries with problems included, by AppSettings key. */
  readonly declared: Readonly<Record<string, readonly string[]>>;
}

/** What can be read of a config with errors: enough to check the apps' flows, never to run them. */
export interface SalvagedConfig {
  readonly config: VoxtraConfig;
  readonly unknownSettings: readonly string[];
  readonly declared: Readonly<Record<string, readonly string[]>>;
}

let sectionNames: string[] | undefined;

/**
 * Cuts every part of a config value that has a problem (schema or `${...}`
 * paths), at the level where the rest stays valid: a whole section, one
 * `apps` entry or one named entry. Undefined when the value is not a map.
 */
export function cutConfig(value: unknown, problems: readonly JsonPath[]): ConfigCut | undefined {
  if (!isRecord(value)) return undefined;
  sectionNames ??= Object.keys((configSchema().properties ?? {}) as object);
  const known = sectionNames;
  // Only configs with errors come here: a copy keeps the parsed value as it was.
  const raw = structuredClone(value);
  const lost = new Set<string>();
  const present = (key: string): boolean => (APP_KEYS.includes(key) ? APP_KEYS.some((k) => k in value) : key in value);
  for (const path of problems) {
    if (path.length === 0) return undefined;
    const key = String(path[0]);
    if (!known.includes(key)) {
      // A misspelt section: the section it was meant to be is unknown, when it is not also written.
      delete raw[key];
      const meant = closestName(key, known);
      for (const s of meant !== undefined ? [meant] : known) if (!present(s)) lost.add(s);
      continue;
    }
    if (!(key in raw)) continue;
    const [, sub, inner] = path;
    const section = raw[key];
    if (key === 'apps' && typeof sub === 'number' && Array.isArray(section)) {
      if (inner === 'name') continue; // compiled under the name as written; the problem is reported
      const entry: unknown = section[sub];
      if (inner === undefined || inner === 'flows' || !isRecord(entry)) section[sub] = null;
      else delete entry[String(inner)];
      continue;
    }
    if (key in NAMED_SECTIONS && sub !== undefined && isRecord(section)) {
      delete section[String(sub)];
      continue;
    }
    delete raw[key];
    if (key !== 'app') lost.add(key);
  }
  const declared: Record<string, string[]> = {};
  const unknownSettings: string[] = [];
  for (const [section, setting] of Object.entries(NAMED_SECTIONS)) {
    if (lost.has(section)) unknownSettings.push(setting);
    else if (isRecord(value[section])) declared[setting] = Object.keys(value[section]);
  }
  return { raw, appsLost: lost.has('apps') || lost.has('flows'), unknownSettings, declared };
}

/** The salvaged config from a normalised cut: no apps when the app list was lost. */
export function salvage(config: VoxtraConfig, cut: ConfigCut): SalvagedConfig {
  return { config: cut.appsLost ? { ...config, apps: [] } : config, unknownSettings: cut.unknownSettings, declared: cut.declared };
}

/** An app's settings with every declared name present (entries that could not be read stand in as `{}`; no snapshot is built from them). */
export function salvagedSettings(settings: AppSettings, salvaged: SalvagedConfig): AppSettings {
  const out: Record<string, unknown> = { ...settings };
  for (const [key, names] of Object.entries(salvaged.declared)) {
    const read = isRecord(settings[key]) ? settings[key] : {};
    out[key] = { ...Object.fromEntries(names.map((n) => [n, {}])), ...read };
  }
  return out as AppSettings;
}
