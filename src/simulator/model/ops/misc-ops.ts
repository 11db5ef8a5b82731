import type { AsteriskModel } from '../asterisk-model';
import type { JsonObject } from '../json';
import { fail, ok, type AriResult } from '../result';
import type { Args } from './args';

function endpointJson(m: AsteriskModel, resource: string): JsonObject {
  const channelIds = [...m.channels.values()].filter((c) => !c.hungUp && c.tech === 'PJSIP' && c.resource === resource).map((c) => c.id);
  return { technology: 'PJSIP', resource, state: m.endpoints.isOnline(resource) ? 'online' : 'offline', channel_ids: channelIds };
}

export function listEndpoints(m: AsteriskModel): AriResult {
  return ok(m.endpoints.names().map((r) => endpointJson(m, r)));
}

export function listEndpointsByTech(m: AsteriskModel, a: Args): AriResult {
  if (a.str('tech')?.toUpperCase() !== 'PJSIP') return fail(404, 'No Endpoints found - invalid tech');
  return listEndpoints(m);
}

export function getEndpoint(m: AsteriskModel, a: Args): AriResult {
  const resource = a.str('resource') ?? '';
  if (a.str('tech')?.toUpperCase() !== 'PJSIP' || !m.endpoints.names().includes(resource)) return fail(404, 'Endpoint not found');
  return ok(endpointJson(m, resource));
}

function soundJson(id: string): JsonObject {
  return { id, formats: [{ language: 'en', format: 'gsm' }] };
}

export function listSounds(m: AsteriskModel, a: Args): AriResult {
  const lang = a.str('lang');
  const format = a.str('format');
  if ((lang && lang !== 'en') || (format && format !== 'gsm')) return ok([]);
  return ok(Object.keys(m.sounds).map(soundJson));
}

export function getSound(m: AsteriskModel, a: Args): AriResult {
  const id = a.str('soundId') ?? '';
  return m.sounds[id] !== undefined ? ok(soundJson(id)) : fail(404, 'Sound not found');
}

export function emptyList(): AriResult {
  return ok([]);
}
