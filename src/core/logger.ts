import type { LogMethodLevel } from './log-options';

/**
 * The logging surface the pure and middle layers depend on. pino's Logger
 * satisfies it; tests pass {@link silentLogger} or a recording logger.
 */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

/** One captured log line, for tests. */
export interface LogRecord {
  level: LogMethodLevel;
  msg?: string;
  [key: string]: unknown;
}

/** A logger that keeps every record in memory (tests, `voxtra test`). */
export function memoryLogger(records: LogRecord[] = [], bindings: Record<string, unknown> = {}): Logger & { records: LogRecord[] } {
  const write = (level: LogRecord['level']) => (obj: object | string, msg?: string): void => {
    if (typeof obj === 'string') records.push({ ...bindings, level, msg: obj });
    else records.push({ ...bindings, ...(obj as Record<string, unknown>), level, ...(msg !== undefined ? { msg } : {}) });
  };
  return {
    records,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more) => memoryLogger(records, { ...bindings, ...more }),
  };
}
