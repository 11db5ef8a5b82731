/** The public surface of src/core/: what other folders may import. */
export { untilAborted } from './abortable';
export type { CancelListener, CancelSignal } from './cancel-signal';
export { CancelSource } from './cancel-source';
export { AbortError, sleep, systemClock, type Clock, type TimerHandle } from './clock';
export { CALL_LIMIT_DEFAULTS, HTTP_TIMEOUT_DEFAULTS, TTS_DEFAULTS } from './defaults';
export { definedOnly } from './defined-only';
export { DURATION_PATTERN, formatDuration, formatOffset, parseDuration } from './duration';
export { ERROR_CODES, VoxtraError, isVoxtraError, type ErrorCode } from './errors';
export { FakeClock } from './fake-clock';
export { isRecord } from './is-record';
export { formatJsonPath, type JsonPath } from './json-path';
export { Listeners, ignoreListenerError, type AnyListener, type ListenerObject } from './listeners';
export { LOG_FORMATS, LOG_LEVELS, LOG_METHOD_LEVELS, isLogLevel, type LogFormat, type LogLevel, type LogMethodLevel } from './log-options';
export { memoryLogger, silentLogger, type LogRecord, type Logger } from './logger';
export { PromisedOutcome, rejectLater, resolveLater, settleInto, type Outcome } from './outcome';
export { redactDeep, redactError, redactText, redactUrl } from './redact';
export { ScaledClock } from './scaled-clock';
export { Semaphore } from './semaphore';
