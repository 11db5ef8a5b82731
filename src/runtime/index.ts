/** The public surface of src/runtime/: what other folders may import. */
export { broadcastPools } from './broadcast-claims';
export { EventLoopLag, type LagProbe } from './event-loop-lag';
export { Runtime, policiesFromSettings, type RequestWaitReading, type RuntimeOptions, type RuntimeServer, type ShutdownReport } from './runtime';
export type { FleetAriOptions } from './server-fleet';
export { serversFromConfig } from './servers-from-config';
export { buildServices, sayTexts, type RuntimeServices } from './services';
