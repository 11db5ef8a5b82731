/** The public surface of src/observability/: what other folders may import. */
export { callLogger, createLogger, flushLogger } from './logger';
export { createMetrics, type CallOutcome, type Metrics } from './metrics';
