import { isRecord } from '../../core/is-record';
import type { StasisApp } from './apps';
import type { Json } from './json';

/**
 * An application's event filter, as res/stasis/app.c keeps it: the
 * `allowed` and `disallowed` lists exactly as the client gave them
 * (arrays of `{"type": ...}`). An empty or absent `allowed` list allows
 * everything; an empty or absent `disallowed` list forbids nothing;
 * disallowed wins. It applies to every frame sent to the app's socket,
 * RESTResponse included.
 */
export function eventAllowed(app: StasisApp, type: string): boolean {
  return !matches(app.eventsDisallowed, type, false) && matches(app.eventsAllowed, type, true);
}

function matches(list: readonly Json[] | undefined, type: string, empty: boolean): boolean {
  if (!list || list.length === 0) return empty;
  for (const entry of list) if (isRecord<Json>(entry) && entry.type === type) return true;
  return false;
}

/**
 * PUT /applications/{app}/eventFilter with `filter` the request body:
 * `undefined` when there was none (HTTP without a JSON body: both lists
 * are cleared), `null` for a REST-over-WebSocket request without
 * `message_body` (which Asterisk refuses). An object sets the lists it
 * names (`{}` clears both); anything else must be an array, which sets
 * both. The disallowed list is set first, so a bad `allowed` list leaves a
 * new `disallowed` list in place, as in stasis_app_event_filter_set.
 * Returns false for "Invalid format definition".
 */
export function setEventFilter(app: StasisApp, filter: Json | undefined): boolean {
  return setList(app, 'disallowed', filter) && setList(app, 'allowed', filter);
}

function setList(app: StasisApp, key: 'allowed' | 'disallowed', filter: Json | undefined): boolean {
  let list: Json | undefined = filter;
  if (isRecord<Json>(list)) {
    if (Object.keys(list).length === 0) list = undefined;
    else {
      list = list[key];
      if (list === undefined) return true;
    }
  }
  if (list !== undefined && !Array.isArray(list)) return false;
  if (list) for (const entry of list) if (!isRecord<Json>(entry) || typeof entry.type !== 'string' || entry.type === '') return false;
  if (key === 'allowed') app.eventsAllowed = list;
  else app.eventsDisallowed = list;
  return true;
}
