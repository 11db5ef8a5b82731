import { arch, release } from 'node:os';
import type { AsteriskModel } from '../asterisk-model';
import type { JsonObject } from '../json';
import { fail, noContent, ok, type AriResult } from '../result';
import { formatAriTimestamp } from '../time';
import type { Args } from './args';

/** The Asterisk version the simulator imitates (the traces were recorded on it). */
export const SIMULATED_VERSION = '22.10.1';

export function getInfo(m: AsteriskModel, a: Args): AriResult {
  const started = formatAriTimestamp(m.startupMs);
  const all: JsonObject = {
    build: {
      os: 'Linux',
      kernel: release(),
      machine: arch() === 'x64' ? 'x86_64' : arch(),
      options: 'OPTIONAL_API',
      date: `${new Date(m.startupMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`,
      user: 'voxtra-simulator',
    },
    system: { version: SIMULATED_VERSION, entity_id: m.asteriskId },
    config: { name: '', default_language: 'en', setid: { user: '', group: '' } },
    status: { startup_time: started, last_reload_time: started },
  };
  const only = a.list('only').filter((s) => s !== '');
  if (only.length === 0) return ok(all);
  const out: JsonObject = {};
  for (const key of ['build', 'system', 'config', 'status']) if (only.includes(key)) out[key] = all[key];
  return ok(out);
}

export function ping(m: AsteriskModel): AriResult {
  return ok({ ping: 'pong', timestamp: m.ts(), asterisk_id: m.asteriskId });
}

export function getGlobalVar(m: AsteriskModel, a: Args): AriResult {
  const variable = a.str('variable');
  if (!variable) return fail(400, 'Variable name is required');
  return ok({ value: m.globals.get(variable) ?? '' });
}

export function setGlobalVar(m: AsteriskModel, a: Args): AriResult {
  const variable = a.str('variable');
  if (!variable) return fail(400, 'Variable name is required');
  m.globals.set(variable, a.rawStr('value') ?? '');
  return noContent();
}
