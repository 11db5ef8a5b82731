/** The public surface of src/observability/: what other folders may import. */
export { callLine, createLogger, flushLogger, lazyCallLogger, type CallLogFields } from './logger';
export { createMetrics, type CallOutcome, type Metrics, type TurnAwayReason } from './metrics';
