import type { AriConnectionKind } from '../config/config-types';

/**
 * How a call enters an app from the dialplan:
 * - `stasis`: `Stasis(<app>,${EXTEN})`, with Voxtra connected to Asterisk
 *   (`inbound`) or Asterisk connected to Voxtra (`per_call`, `persistent`:
 *   ari.conf outbound_websocket);
 * - `broadcast`: `StasisBroadcast(<timeout>,<filter>,${EXTEN},yes)`, offered
 *   to every replica of the app's pool (`<app>-<instance>`), the first
 *   claim wins.
 */
export type AppEntry =
  | { readonly kind: 'stasis'; readonly connection: 'inbound' | AriConnectionKind }
  | { readonly kind: 'broadcast'; readonly timeoutMs: number; readonly filter: string };

/** Today's entry: Stasis(), Voxtra connected to Asterisk. */
export const INBOUND_ENTRY: AppEntry = { kind: 'stasis', connection: 'inbound' };

/** StasisBroadcast's default and upper bound (app_stasis_broadcast: 500 ms, 0 to 60000 ms). */
export const BROADCAST_TIMEOUT = { defaultMs: 500, maxMs: 60_000 } as const;

/**
 * The app_filter regex that offers a call to every replica of `app`'s pool
 * (`^<app>-`). A `.` in the app name is written `[.]`: a backslash would be
 * taken by the dialplan's argument parser, and a comma is not possible at
 * all (app names have none).
 */
export function broadcastFilter(app: string): string {
  return `^${app.replace(/\./g, '[.]')}-`;
}

/**
 * Pairs of broadcast apps where the first one's filter also takes the
 * second one's replicas (`sales` and `sales-eu`: `^sales-` matches
 * `sales-eu-<instance>`). Instance names may hold `-`, so no filter can
 * tell them apart: the names must.
 */
export function overlappingPools(apps: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const a of apps) for (const b of apps) if (a !== b && b.startsWith(`${a}-`)) out.push([a, b]);
  return out;
}
