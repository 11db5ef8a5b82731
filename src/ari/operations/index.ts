/**
 * The ARI operation catalogue: one definition per operation (method, path,
 * parameters, documented errors, retry policy), one file per resource. The
 * transports read it (retry policy, request composition) and the simulator
 * serves it; `test/ari/operations.test.ts` checks it against Asterisk's own
 * API description. Pure data: no I/O, no ari-client.
 */
export { ARI_OPERATIONS, ARI_RESOURCES, ariOperation, isRetryable, resourceOf, waitsForChannel, type AriOperationName } from './catalogue';
export {
  type AriErrorSpec,
  type AriOperationDefinition,
  type AriOperationNameOf,
  type AriOperationSpec,
  type AriParamSpec,
  type AriResourceSpec,
  type HttpMethod,
  type RestNicknameOf,
} from './operation-spec';
export { APPLICATIONS } from './applications';
export { ASTERISK } from './asterisk';
export { BRIDGES } from './bridges';
export { CHANNELS } from './channels';
export { DEVICE_STATES } from './device-states';
export { ENDPOINTS } from './endpoints';
export { EVENTS } from './events';
export { MAILBOXES } from './mailboxes';
export { PLAYBACKS } from './playbacks';
export { RECORDINGS } from './recordings';
export { SOUNDS } from './sounds';
