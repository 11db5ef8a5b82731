import { APPLICATIONS_SERVED } from './applications';
import { ASTERISK_SERVED } from './asterisk';
import { BRIDGES_SERVED } from './bridges';
import { CHANNELS_SERVED } from './channels';
import { DEVICE_STATES_SERVED } from './device-states';
import { ENDPOINTS_SERVED } from './endpoints';
import { EVENTS_SERVED } from './events';
import { MAILBOXES_SERVED } from './mailboxes';
import { PLAYBACKS_SERVED } from './playbacks';
import { RECORDINGS_SERVED } from './recordings';
import type { OpHandler, ServedOperation, ServedResource } from './served-operation';
import { SOUNDS_SERVED } from './sounds';

export { serve, type OpHandler, type ServedOperation, type ServedResource } from './served-operation';

/** Every served resource, in the order Asterisk's resources.json lists them. */
export const SERVED_RESOURCES: readonly ServedResource[] = [
  ASTERISK_SERVED,
  ENDPOINTS_SERVED,
  CHANNELS_SERVED,
  BRIDGES_SERVED,
  RECORDINGS_SERVED,
  SOUNDS_SERVED,
  PLAYBACKS_SERVED,
  DEVICE_STATES_SERVED,
  MAILBOXES_SERVED,
  EVENTS_SERVED,
  APPLICATIONS_SERVED,
];

/** The one table of served operations: the HTTP router, the api-docs and the in-process transport read it. */
export const SERVED_OPERATIONS: readonly ServedOperation[] = SERVED_RESOURCES.flatMap((r) => r.operations);

const BY_OP: ReadonlyMap<string, ServedOperation> = new Map(SERVED_OPERATIONS.map((o) => [o.op, o]));

/** The served operation named `op` (`resource.nickname`), if any. */
export function servedOperation(op: string): ServedOperation | undefined {
  return BY_OP.get(op);
}

/** Handlers by `resource.nickname`: every REST operation has one. */
export const OPERATION_HANDLERS: Readonly<Record<string, OpHandler>> = Object.fromEntries(SERVED_OPERATIONS.flatMap((o) => (o.handler ? [[o.op, o.handler] as const] : [])));
