import { APPLICATIONS } from './applications';
import { ASTERISK } from './asterisk';
import { BRIDGES } from './bridges';
import { CHANNELS } from './channels';
import { DEVICE_STATES } from './device-states';
import { ENDPOINTS } from './endpoints';
import { EVENTS } from './events';
import { MAILBOXES } from './mailboxes';
import type { AriOperationNameOf, AriOperationSpec, AriResourceSpec } from './operation-spec';
import { PLAYBACKS } from './playbacks';
import { RECORDINGS } from './recordings';
import { SOUNDS } from './sounds';

const RESOURCES = [ASTERISK, ENDPOINTS, CHANNELS, BRIDGES, RECORDINGS, SOUNDS, PLAYBACKS, DEVICE_STATES, MAILBOXES, EVENTS, APPLICATIONS] as const;

/** Every ARI resource Voxtra knows, in the order Asterisk's resources.json lists them. */
export const ARI_RESOURCES: readonly AriResourceSpec[] = RESOURCES;

/** Every operation of {@link ARI_RESOURCES}, resource by resource in declaration order. */
export const ARI_OPERATIONS: readonly AriOperationSpec[] = ARI_RESOURCES.flatMap((r) => Object.values<AriOperationSpec>(r.operations));

/** `resource.nickname` of every catalogued operation. */
export type AriOperationName = AriOperationNameOf<(typeof RESOURCES)[number]>;

const BY_NAME: ReadonlyMap<string, AriOperationSpec> = new Map(ARI_OPERATIONS.map((o) => [o.op, o]));
const IDEMPOTENT: ReadonlySet<string> = new Set(ARI_OPERATIONS.filter((o) => o.idempotent).map((o) => o.op));
const WAITS_FOR_CHANNEL: ReadonlySet<string> = new Set(ARI_OPERATIONS.filter((o) => o.waitsForChannel).map((o) => o.op));

/** The catalogue entry of `op` (`resource.nickname`), if there is one. */
export function ariOperation(op: string): AriOperationSpec | undefined {
  return BY_NAME.get(op);
}

/** The resource (api-docs document) an operation belongs to. */
export const resourceOf = (spec: AriOperationSpec): string => spec.resource;

/** True when `op` may be retried once after a failure below HTTP: every GET, and the operations marked idempotent. */
export function isRetryable(op: string, method: string): boolean {
  return method.toUpperCase() === 'GET' || IDEMPOTENT.has(op);
}

/** True when Asterisk answers `op` only after the channel's own thread ran it (see {@link AriOperationDefinition.waitsForChannel}). */
export function waitsForChannel(op: string): boolean {
  return WAITS_FOR_CHANNEL.has(op);
}
