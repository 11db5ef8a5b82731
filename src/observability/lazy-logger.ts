import type { Logger } from '../core/logger';
import { definedOnly } from '../core/defined-only';
import type { LogMethodLevel } from '../core/log-options';

/** A logger that can say whether a level would be written (pino's loggers can). */
interface LevelAware {
  isLevelEnabled?(level: string): boolean;
}

/**
 * A child logger made on first use: `base.child(bindings)` is created only
 * when a line is written through it at a level `base` writes (or a child of
 * it is asked for). A call's logger is handed to every layer of the call but
 * a normal call writes nothing through it at `info`, and a pino child costs
 * its bindings' serialisation and redaction up front (bench/calls: two
 * children per call were ~5% of the runtime's CPU at 300 calls/s).
 * A logger that cannot say whether a level is enabled gets its child on the
 * first line whatever the level.
 */
export class LazyChildLogger implements Logger {
  private made: Logger | undefined;

  /**
   * `bindings` is read when the child is made (a field left undefined is left
   * out), so a caller may pass an object it keeps anyway instead of a copy.
   */
  constructor(
    private readonly base: Logger,
    private readonly bindings: Readonly<Record<string, unknown>>,
  ) {}

  debug(obj: object | string, msg?: string): void {
    if (this.enabled('debug')) write(this.logger(), 'debug', obj, msg);
  }

  info(obj: object | string, msg?: string): void {
    if (this.enabled('info')) write(this.logger(), 'info', obj, msg);
  }

  warn(obj: object | string, msg?: string): void {
    if (this.enabled('warn')) write(this.logger(), 'warn', obj, msg);
  }

  error(obj: object | string, msg?: string): void {
    if (this.enabled('error')) write(this.logger(), 'error', obj, msg);
  }

  child(bindings: Record<string, unknown>): Logger {
    return this.logger().child(bindings);
  }

  private enabled(level: LogMethodLevel): boolean {
    const check = (this.base as LevelAware).isLevelEnabled;
    return typeof check !== 'function' || check.call(this.base, level);
  }

  private logger(): Logger {
    return (this.made ??= this.base.child(definedOnly(this.bindings)));
  }
}

// A message left out is not passed on as `undefined`: pino formats its arguments by count.
function write(logger: Logger, level: LogMethodLevel, obj: object | string, msg: string | undefined): void {
  if (msg === undefined) logger[level](obj);
  else logger[level](obj, msg);
}

