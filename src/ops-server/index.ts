/** The public surface of src/ops-server/: what other folders may import. */
export { formatListen, parseListen, type ListenAddress } from './listen-address';
export { readinessReport, type AppReadiness, type ReadinessReport, type ServerReadiness } from './readiness';
export type { OpsServer } from './server';
export { startOpsServerWithFallback } from './start-with-fallback';
