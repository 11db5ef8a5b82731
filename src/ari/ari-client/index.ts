/**
 * Everything that knows about `ari-client` and the swagger-client inside it.
 * No other module in src imports either: the rest of src/ari sees a
 * {@link LoadedAriApi}.
 */
export { loadAriClientApi, prepareAriClient, type AriClientApiOptions } from './ari-client-api';
export { swaggerOperations } from './swagger-operations';
