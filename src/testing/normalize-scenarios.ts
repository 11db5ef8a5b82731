import type { JsonPath } from '../core/json-path';
import { parseDuration } from '../core/duration';
import { closestName } from '../diagnostics/did-you-mean';
import type { AppSnapshot } from '../ir/types';
import type { EndpointBehaviour } from '../simulator';
import { normalizeCaller } from './normalize-caller';
import { normalizeExpect } from './normalize-expect';
import { normalizeHttp } from './normalize-http';
import type { ScenarioContext } from './scenario-context';
import type { Scenario, ScenarioCall, SimulatorSettings } from './scenario-types';

type Raw = Record<string, unknown>;

/** A Monday morning, so calendars see business hours unless a scenario says otherwise. */
export const DEFAULT_START = '2025-01-06T10:00:00Z';
export const DEFAULT_TIME_LIMIT_MS = 10 * 60_000;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

export interface NormalizeScenariosOptions {
  /** The app scenarios enter unless the file or scenario names one. */
  readonly defaultApp: string;
  readonly snapshots: ReadonlyMap<string, AppSnapshot>;
}

/** Reads a schema-valid scenario file into scenarios, reporting what cannot work. */
export function normalizeScenarios(value: Raw, ctx: ScenarioContext, opts: NormalizeScenariosOptions): Scenario[] {
  const defaults = (value.defaults ?? {}) as Raw;
  const fileApp = typeof value.app === 'string' ? value.app : undefined;
  if (fileApp !== undefined) checkApp(fileApp, ['app'], ctx, opts.snapshots);
  const seen = new Map<string, JsonPath>();
  const out: Scenario[] = [];
  (value.scenarios as Raw[]).forEach((raw, i) => {
    const path: JsonPath = ['scenarios', i];
    const name = raw.name as string;
    const first = seen.get(name);
    if (first) {
      const where = ctx.at([...first, 'name']);
      ctx.report('DUPLICATE_SCENARIO', `a scenario named "${name}" is already defined`, [...path, 'name'], { related: [{ message: 'first defined here', file: ctx.file, path: where.path, line: where.line, column: where.column }] });
      return;
    }
    seen.set(name, path);
    const app = typeof raw.app === 'string' ? raw.app : (fileApp ?? opts.defaultApp);
    if (typeof raw.app === 'string' && !checkApp(raw.app, [...path, 'app'], ctx, opts.snapshots)) return;
    const snapshot = opts.snapshots.get(app);
    const scenario = normalizeOne(raw, path, defaults, app, snapshot, ctx);
    if (scenario) out.push(scenario);
  });
  return out;
}

function normalizeOne(raw: Raw, path: JsonPath, defaults: Raw, app: string, snapshot: AppSnapshot | undefined, ctx: ScenarioContext): Scenario | undefined {
  const before = ctx.diagnostics.length;
  const call = mergeCall(defaults.call as Raw | undefined, raw.call as Raw | undefined);
  if (!call) ctx.report('SCENARIO_INVALID', 'the call needs an extension (call.extension here, or defaults.call.extension)', raw.call !== undefined ? [...path, 'call'] : [...path, 'name'], { key: raw.call !== undefined });
  const startRaw = (raw.start ?? defaults.start ?? DEFAULT_START) as string;
  const startPath: JsonPath = raw.start !== undefined ? [...path, 'start'] : ['defaults', 'start'];
  const startMs = ISO_WITH_OFFSET.test(startRaw) ? Date.parse(startRaw) : NaN;
  if (Number.isNaN(startMs)) ctx.report('SCENARIO_INVALID', `start must be an ISO date-time with a Z or ±hh:mm offset, e.g. 2025-01-06T10:00:00+01:00 (got "${startRaw}")`, startPath);
  const limitRaw = raw.time_limit ?? defaults.time_limit;
  const timeLimitMs = limitRaw !== undefined ? (parseDuration(limitRaw) ?? DEFAULT_TIME_LIMIT_MS) : DEFAULT_TIME_LIMIT_MS;

  const httpEntries: [string, unknown, JsonPath][] = [];
  const scenarioHttp = (raw.http ?? {}) as Raw;
  for (const [k, v] of Object.entries((defaults.http ?? {}) as Raw)) if (!Object.hasOwn(scenarioHttp, k)) httpEntries.push([k, v, ['defaults', 'http', k]]);
  for (const [k, v] of Object.entries(scenarioHttp)) httpEntries.push([k, v, [...path, 'http', k]]);
  const http = normalizeHttp(httpEntries, snapshot, ctx);

  const caller = normalizeCaller(raw.caller, [...path, 'caller'], ctx);
  const expect = normalizeExpect(raw.expect as Raw, [...path, 'expect'], snapshot, ctx);
  if (ctx.diagnostics.length > before || !call) return undefined;
  const skip = raw.skip === true ? 'skipped' : typeof raw.skip === 'string' ? raw.skip : undefined;
  return {
    name: raw.name as string,
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    file: ctx.file,
    source: ctx.at(path),
    app,
    ...(skip !== undefined ? { skip } : {}),
    startMs,
    timeLimitMs,
    call,
    caller,
    http,
    simulator: mergeSimulator(defaults.simulator as Raw | undefined, raw.simulator as Raw | undefined),
    expect,
  };
}

function mergeCall(d: Raw | undefined, s: Raw | undefined): ScenarioCall | undefined {
  const merged: Raw = { ...(d ?? {}), ...(s ?? {}) };
  if (typeof merged.extension !== 'string') return undefined;
  const strings = (v: unknown): Record<string, string> => Object.fromEntries(Object.entries((v ?? {}) as Raw).map(([k, x]) => [k, String(x)]));
  return {
    extension: merged.extension,
    ...(typeof merged.from === 'string' ? { from: merged.from } : {}),
    ...(typeof merged.caller_name === 'string' ? { callerName: merged.caller_name } : {}),
    headers: { ...strings(d?.headers), ...strings(s?.headers) },
    variables: { ...strings(d?.variables), ...strings(s?.variables) },
    ...(Array.isArray(merged.args) ? { args: merged.args.map(String) } : {}),
    ...(merged.talk !== undefined ? { talkMs: parseDuration(merged.talk) ?? 0 } : {}),
  };
}

function mergeSimulator(d: Raw | undefined, s: Raw | undefined): SimulatorSettings {
  const part = (key: string): Raw => ({ ...((d?.[key] ?? {}) as Raw), ...((s?.[key] ?? {}) as Raw) });
  const lengths = (r: Raw): Record<string, number> => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, parseDuration(v) ?? 0]));
  const queues = part('queues');
  const endpoints: Record<string, EndpointBehaviour> = {};
  for (const [name, e] of Object.entries(part('endpoints'))) {
    const r = e as Raw;
    endpoints[name] = {
      kind: r.answer as EndpointBehaviour['kind'],
      ...(r.ring !== undefined ? { ringMs: parseDuration(r.ring) ?? 0 } : {}),
      ...(r.hangup_after !== undefined ? { hangupAfterMs: parseDuration(r.hangup_after) ?? 0 } : {}),
    };
  }
  return {
    endpoints,
    queuesWithoutAgents: Object.entries(queues)
      .filter(([, q]) => (q as Raw).no_agents === true)
      .map(([name]) => name),
    sounds: lengths(part('sounds')),
    overHttp: (s?.over_http ?? d?.over_http) === true,
    ...(typeof (s?.time_scale ?? d?.time_scale) === 'number' ? { timeScale: (s?.time_scale ?? d?.time_scale) as number } : {}),
    remoteMedia: lengths(part('remote_media')),
  };
}

function checkApp(app: string, path: JsonPath, ctx: ScenarioContext, snapshots: ReadonlyMap<string, AppSnapshot>): boolean {
  if (snapshots.has(app)) return true;
  const guess = closestName(app, snapshots.keys());
  ctx.report('SCENARIO_UNKNOWN_APP', `no app named "${app}"; the apps are ${[...snapshots.keys()].join(', ')}`, path, guess ? { hint: `Did you mean "${guess}"?` } : {});
  return false;
}
