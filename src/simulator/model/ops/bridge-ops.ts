import type { AsteriskModel } from '../asterisk-model';
import { Bridge } from '../bridge';
import type { Channel } from '../channel';
import { fail, noContent, ok, type AriResult } from '../result';
import type { Args } from './args';

const BRIDGE_TYPES = new Set(['mixing', 'holding', 'dtmf_events', 'proxy_media', 'video_sfu', 'video_single', 'sdp_label']);

export function list(m: AsteriskModel): AriResult {
  return ok([...m.bridges.values()].map((b) => b.toJson()));
}

/** POST /bridges and POST /bridges/{bridgeId}. */
export function create(m: AsteriskModel, a: Args): AriResult {
  const id = a.str('bridgeId');
  if (id !== undefined && m.bridges.has(id)) return fail(409, `Bridge with id '${id}' already exists`);
  const types = (a.str('type') ?? 'mixing').split(',').map((t) => t.trim());
  if (types.some((t) => !BRIDGE_TYPES.has(t))) return fail(500, `Unable to create bridge. Possible duplicate bridge id '${id ?? '(null)'}'`);
  const bridge = new Bridge(id ?? m.ids.uuid(), types.includes('holding') ? 'holding' : 'mixing', 'stasis', a.str('name') ?? '', m.now());
  m.bridges.set(bridge.id, bridge);
  return ok(bridge.toJson());
}

export function get(m: AsteriskModel, a: Args): AriResult {
  const bridge = m.bridges.get(a.str('bridgeId') ?? '');
  return bridge ? ok(bridge.toJson()) : fail(404, 'Bridge not found');
}

export function destroy(m: AsteriskModel, a: Args): AriResult {
  const bridge = m.bridges.get(a.str('bridgeId') ?? '');
  if (!bridge) return fail(404, 'Bridge not found');
  m.destroyBridge(bridge);
  return noContent();
}

/** find_bridge: unknown → 404; bridges Stasis did not make (a queue's) → 409. */
function findBridge(m: AsteriskModel, a: Args): Bridge | AriResult {
  const bridge = m.bridges.get(a.str('bridgeId') ?? '');
  if (!bridge) return fail(404, 'Bridge not found');
  if (bridge.bridgeClass !== 'stasis') return fail(409, 'Bridge not in Stasis application');
  return bridge;
}

/** control_list_create: every listed channel must exist (400) and be in Stasis (422). */
function controls(m: AsteriskModel, a: Args): Channel[] | AriResult {
  const ids = a.list('channel').filter((c) => c !== '');
  if (ids.length === 0) return fail(400, 'Missing parameter channel');
  const out: Channel[] = [];
  for (const id of ids) {
    const ch = m.liveChannel(id);
    if (!ch) return fail(400, 'Channel not found');
    if (!ch.stasis) return fail(422, 'Channel not in Stasis application');
    out.push(ch);
  }
  return out;
}

export function addChannel(m: AsteriskModel, a: Args): AriResult {
  const bridge = findBridge(m, a);
  if (!(bridge instanceof Bridge)) return bridge;
  const chans = controls(m, a);
  if (!Array.isArray(chans)) return chans;
  for (const ch of chans) m.joinBridge(bridge, ch, { inhibitConnectedLineUpdates: a.bool('inhibitConnectedLineUpdates') });
  return noContent();
}

export function removeChannel(m: AsteriskModel, a: Args): AriResult {
  const bridge = findBridge(m, a);
  if (!(bridge instanceof Bridge)) return bridge;
  const chans = controls(m, a);
  if (!Array.isArray(chans)) return chans;
  if (chans.some((ch) => ch.bridge !== bridge)) return fail(422, 'Channel not in this bridge');
  for (const ch of chans) m.leaveBridge(ch);
  return noContent();
}

export function startMoh(m: AsteriskModel, a: Args): AriResult {
  const bridge = findBridge(m, a);
  if (!(bridge instanceof Bridge)) return bridge;
  bridge.mohClass = a.str('mohClass') ?? 'default';
  for (const ch of bridge.channels) m.note(ch, { kind: 'moh-started', mohClass: bridge.mohClass });
  return noContent();
}

export function stopMoh(m: AsteriskModel, a: Args): AriResult {
  const bridge = findBridge(m, a);
  if (!(bridge instanceof Bridge)) return bridge;
  if (bridge.mohClass !== undefined) for (const ch of bridge.channels) m.note(ch, { kind: 'moh-stopped' });
  bridge.mohClass = undefined;
  return noContent();
}
