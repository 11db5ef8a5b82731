import type { StasisApp } from '../apps';
import type { AsteriskModel } from '../asterisk-model';
import { setEventFilter } from '../event-filter';
import type { JsonObject } from '../json';
import { fail, ok, type AriResult } from '../result';
import type { Args } from './args';

/** ARI's Application model: channels in Stasis plus explicit subscriptions. */
export function appJson(m: AsteriskModel, app: StasisApp): JsonObject {
  const channelIds = [...m.channels.values()].filter((c) => !c.hungUp && (c.stasis?.app === app.name || app.channelIds.has(c.id))).map((c) => c.id);
  return {
    name: app.name,
    channel_ids: channelIds,
    bridge_ids: [...app.bridgeIds],
    endpoint_ids: [...app.endpointIds],
    device_names: [],
    events_allowed: app.eventsAllowed ? [...app.eventsAllowed] : [],
    events_disallowed: app.eventsDisallowed ? [...app.eventsDisallowed] : [],
  };
}

function visible(m: AsteriskModel, app: StasisApp): boolean {
  return app.registered || m.appInUse(app);
}

export function list(m: AsteriskModel): AriResult {
  return ok(m.apps.all().filter((app) => visible(m, app)).map((app) => appJson(m, app)));
}

export function get(m: AsteriskModel, a: Args): AriResult {
  const app = m.apps.get(a.str('applicationName') ?? '');
  return app && visible(m, app) ? ok(appJson(m, app)) : fail(404, 'Application not found');
}

type Source = { scheme: 'channel' | 'bridge' | 'endpoint' | 'deviceState'; id: string };

function parseSource(uri: string): Source | undefined {
  const colon = uri.indexOf(':');
  const scheme = uri.slice(0, colon);
  if (colon <= 0 || !['channel', 'bridge', 'endpoint', 'deviceState'].includes(scheme)) return undefined;
  return { scheme: scheme as Source['scheme'], id: uri.slice(colon + 1) };
}

function exists(m: AsteriskModel, s: Source): boolean {
  if (s.scheme === 'channel') return m.liveChannel(s.id) !== undefined;
  if (s.scheme === 'bridge') return m.bridges.has(s.id);
  if (s.scheme === 'endpoint') {
    const [tech, resource] = s.id.split('/');
    return tech === 'PJSIP' && (resource === undefined || resource === '' || m.endpoints.names().includes(resource));
  }
  return true;
}

function setFor(app: StasisApp, s: Source): Set<string> | undefined {
  if (s.scheme === 'channel') return app.channelIds;
  if (s.scheme === 'bridge') return app.bridgeIds;
  if (s.scheme === 'endpoint') return app.endpointIds;
  return undefined;
}

/**
 * The app and event sources of a (un)subscribe request, checked in Asterisk's
 * order: eventSource present (400), app known (404), each URI's scheme (400),
 * then `check` on each source (422 with its message). All are checked before
 * any is acted on.
 */
function subscriptionRequest(m: AsteriskModel, a: Args, check: (app: StasisApp, s: Source) => string | undefined): { app: StasisApp; sources: Source[] } | { error: AriResult } {
  const uris = a.list('eventSource').filter((s) => s !== '');
  if (uris.length === 0) return { error: fail(400, 'Missing parameter eventSource') };
  const app = m.apps.get(a.str('applicationName') ?? '');
  if (!app || !visible(m, app)) return { error: fail(404, 'Application not found') };
  const sources: Source[] = [];
  for (const uri of uris) {
    const s = parseSource(uri);
    if (!s) return { error: fail(400, 'Invalid event source URI scheme') };
    const problem = check(app, s);
    if (problem !== undefined) return { error: fail(422, problem) };
    sources.push(s);
  }
  return { app, sources };
}

/** POST /applications/{app}/subscription: all sources are checked before any is subscribed. */
export function subscribe(m: AsteriskModel, a: Args): AriResult {
  const req = subscriptionRequest(m, a, (_app, s) => (exists(m, s) ? undefined : 'Event source does not exist'));
  if ('error' in req) return req.error;
  const { app, sources } = req;
  for (const s of sources) {
    setFor(app, s)?.add(s.id);
    if (s.scheme === 'channel') m.liveChannel(s.id)?.subscribedApps.add(app.name);
    if (s.scheme === 'bridge') m.bridges.get(s.id)?.subscribedApps.add(app.name);
  }
  return ok(appJson(m, app));
}

export function unsubscribe(m: AsteriskModel, a: Args): AriResult {
  const req = subscriptionRequest(m, a, (app, s) => (setFor(app, s)?.has(s.id) ? undefined : 'Event source was not subscribed to'));
  if ('error' in req) return req.error;
  const { app, sources } = req;
  for (const s of sources) {
    setFor(app, s)?.delete(s.id);
    if (s.scheme === 'channel') m.channels.get(s.id)?.subscribedApps.delete(app.name);
    if (s.scheme === 'bridge') m.bridges.get(s.id)?.subscribedApps.delete(app.name);
  }
  const body = appJson(m, app);
  m.pruneApp(app.name);
  return ok(body);
}

/** PUT /applications/{app}/eventFilter: the body is the filter (see event-filter.ts for its rules). */
export function filter(m: AsteriskModel, a: Args): AriResult {
  const app = m.apps.get(a.str('applicationName') ?? '');
  if (!app || !visible(m, app)) return fail(404, 'Application not found');
  return setEventFilter(app, a.json('filter')) ? ok(appJson(m, app)) : fail(400, 'Invalid format definition');
}
