import type { CalendarSpec } from '../calendar/calendar-spec';
import { normalizeCalendars } from '../calendar/normalize-calendars';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import type { SourceRef } from '../ir/types';
import type { SourceDocument } from '../parse/source-document';
import { normalizeTtsConfig } from '../tts/normalize-tts-config';
import type { TtsSettings } from '../tts/tts-settings';
import { normalizeRuntimeSettings } from './runtime-settings';
import { normalizeHttpServices } from './http-services';
import { normalizeAriServers } from './ari-servers';
import { normalizeBroadcast } from './broadcast-settings';
import type { LogFormat, LogLevel } from '../core/log-options';
import { CONFIG_DEFAULTS, type AppConfig, type VoxtraConfig } from './config-types';
import { isRecord } from '../core/is-record';

type Env = Readonly<Record<string, string | undefined>>;
type Raw = Record<string, unknown>;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

/**
 * Fills in defaults and checks what the schema cannot: `app`/`flows` beside
 * `apps`, and app names used twice. `raw` has passed the config schema.
 */
export function normalizeConfig(
  raw: Raw,
  opts: { dir: string; env: Env; doc?: SourceDocument; file?: string; displayFile?: string; hostname?: string },
): { config: VoxtraConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const ref = (path: (string | number)[], atKey = false): SourceRef | undefined => {
    if (!opts.doc) return undefined;
    const pos = opts.doc.locate(path, { key: atKey });
    return { file: opts.doc.file, path, ...(pos ? { line: pos.line, column: pos.column } : {}) };
  };
  const report = (code: Diagnostic['code'], message: string, at: SourceRef | undefined, related?: SourceRef): void => {
    diagnostics.push(
      diagnostic({
        code,
        message,
        file: at?.file,
        path: at?.path ?? [],
        line: at?.line,
        column: at?.column,
        ...(related ? { related: [{ message: 'first declared here', file: related.file, path: related.path, line: related.line, column: related.column }] } : {}),
      }),
    );
  };

  const globalQueues = isRecord(raw.queues) && typeof raw.queues.context === 'string' ? raw.queues.context : CONFIG_DEFAULTS.queuesContext;
  const apps: AppConfig[] = [];
  if (Array.isArray(raw.apps)) {
    for (const key of ['app', 'flows'] as const) {
      if (key in raw) report('SCHEMA_INVALID', `"${key}" is the single-app shorthand and cannot be used together with "apps"`, ref([key], true));
    }
    const seen = new Map<string, SourceRef | undefined>();
    raw.apps.forEach((a, i) => {
      if (!isRecord(a)) return;
      const name = String(a.name);
      const source = ref(['apps', i]);
      if (seen.has(name)) report('DUPLICATE_APP', `two apps are named "${name}"`, ref(['apps', i, 'name']), seen.get(name));
      else seen.set(name, ref(['apps', i, 'name']));
      const queues = isRecord(a.queues) && typeof a.queues.context === 'string' ? a.queues.context : globalQueues;
      const flowsSource = ref(['apps', i, 'flows']);
      const broadcast = normalizeBroadcast(a.broadcast, opts.hostname);
      apps.push({ name, flows: list(a.flows), baseDir: opts.dir, queuesContext: queues, ...(source ? { source } : {}), ...(flowsSource ? { flowsSource } : {}), ...(broadcast ? { broadcast } : {}) });
    });
  } else {
    const name = typeof raw.app === 'string' ? raw.app : CONFIG_DEFAULTS.appName;
    const flows = 'flows' in raw ? list(raw.flows) : [CONFIG_DEFAULTS.flows];
    const source = ref('app' in raw ? ['app'] : 'flows' in raw ? ['flows'] : []);
    const flowsSource = 'flows' in raw ? ref(['flows']) : undefined;
    apps.push({ name, flows, baseDir: opts.dir, queuesContext: globalQueues, ...(source ? { source } : {}), ...(flowsSource ? { flowsSource } : {}) });
  }

  const sections = normalizeSections(raw, opts.dir);
  const http = normalizeHttpServices(raw.http_services);
  const ari = normalizeAriServers(raw.ari, opts.env, opts.dir);
  for (const d of [...ari.diagnostics, ...sections.diagnostics, ...http.diagnostics]) {
    const pos = opts.doc?.locate(d.path);
    diagnostics.push({ ...d, ...(opts.doc ? { file: opts.doc.file } : {}), ...(pos ? { line: pos.line, column: pos.column } : {}) });
  }

  const log = isRecord(raw.log) ? raw.log : {};
  const config: VoxtraConfig = {
    ...(opts.file ? { file: opts.file } : {}),
    ...(opts.displayFile ? { displayFile: opts.displayFile } : {}),
    dir: opts.dir,
    ari: ari.servers,
    apps,
    queues: { context: globalQueues },
    ...(isRecord(raw.http) && typeof raw.http.listen === 'string' ? { http: { listen: raw.http.listen } } : {}),
    log: {
      level: (typeof log.level === 'string' ? log.level : CONFIG_DEFAULTS.logLevel) as LogLevel,
      format: (typeof log.format === 'string' ? log.format : CONFIG_DEFAULTS.logFormat) as LogFormat,
    },
    calendars: sections.calendars,
    ...(sections.tts ? { tts: sections.tts } : {}),
    ...(raw.http_services !== undefined ? { httpServices: http.services } : {}),
    runtime: normalizeRuntimeSettings(raw.runtime),
  };
  return { config, diagnostics };
}

/**
 * The `calendars` and `tts` sections, checked beyond what the schema can say
 * (time zones, overlapping hours, real dates, ...). `raw` passed the schema,
 * so the normalisers only add what it could not see.
 */
function normalizeSections(raw: Raw, dir: string): { calendars: Record<string, CalendarSpec>; tts?: TtsSettings; diagnostics: Diagnostic[] } {
  const calendars = normalizeCalendars(raw.calendars ?? {}, ['calendars']);
  const tts = raw.tts === undefined ? undefined : normalizeTtsConfig(raw.tts, { baseDir: dir, basePath: ['tts'] });
  return { calendars: calendars.calendars, ...(tts ? { tts: tts.settings } : {}), diagnostics: [...calendars.diagnostics, ...(tts?.diagnostics ?? [])] };
}
