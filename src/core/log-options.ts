/**
 * The names the log settings accept, in one place for the config schema, the
 * config types, the process logger and the `log` step.
 */

/** Every level the process logger accepts, lowest first (pino's names). */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The levels the core `Logger` port has a method for; a `log` step writes at one of these. */
export const LOG_METHOD_LEVELS = ['debug', 'info', 'warn', 'error'] as const satisfies readonly LogLevel[];
export type LogMethodLevel = (typeof LOG_METHOD_LEVELS)[number];

/** `auto` is pretty when the destination is a terminal, JSON lines otherwise. */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** True for a level name the process logger accepts. */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}
