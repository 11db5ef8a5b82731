import * as fs from 'node:fs';
import pino from 'pino';
import type { Logger as CoreLogger } from '../core/logger';
import { isLogLevel, LOG_LEVELS, type LogFormat, type LogLevel } from '../core/log-options';
import { definedOnly } from '../core/defined-only';
import { redactDeep, redactUrl } from '../core/redact';
import { isoTimeField } from './iso-time';
import { LazyChildLogger } from './lazy-logger';
import { stdoutDestination } from './turn-end-destination';

/** pino's logger, as the runtime uses it. It satisfies the core `Logger` port. */
export type VoxtraLogger = pino.Logger;

/** Where log lines go: anything with a `write(string)` (a stream, a file). */
export interface LogDestination {
  write(line: string): unknown;
  /** Streams that are terminals say so; `auto` uses it. */
  isTTY?: boolean;
}

export interface LoggerOptions {
  /** Default `info`. */
  level?: LogLevel;
  /** Default `auto`. */
  format?: LogFormat;
  /** Default standard output. */
  destination?: LogDestination;
  /** Colours in pretty output; default: when the destination is a terminal. */
  colorize?: boolean;
}

/** The fixed fields every line of one call carries. */
export type CallLogFields = {
  callId: string;
  app: string;
  route?: string;
  flow?: string;
  version?: string;
  caller?: string;
  extension?: string;
  /** The Asterisk server (config name) the call came through. */
  server?: string;
};

/**
 * Creates the process logger: one JSON object per line (level as a name,
 * ISO time), or pino-pretty text for a terminal. Credentials are removed from
 * every field, the message and serialized errors before anything is written.
 */
export function createLogger(options: LoggerOptions = {}): VoxtraLogger {
  const level = options.level ?? 'info';
  if (!isLogLevel(level)) throw new TypeError(`unknown log level "${String(level)}" (expected one of ${LOG_LEVELS.join(', ')})`);
  const out = options.destination;
  const tty = (out ?? process.stdout).isTTY === true;
  const pretty = options.format === 'pretty' || ((options.format ?? 'auto') === 'auto' && tty);

  // pino's serialized error is not a plain object; spreading it lets the
  // redaction walk into its message, stack and custom fields.
  const errSerializer = (err: unknown): unknown => redactDeep(err instanceof Error ? { ...pino.stdSerializers.err(err) } : err);
  const pinoOptions: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    timestamp: isoTimeField(),
    formatters: {
      level: (label) => ({ level: label }),
      bindings: (bindings) => redactDeep(bindings),
      log: (obj) => redactDeep(obj),
    },
    serializers: {
      err: errSerializer,
      error: errSerializer,
      msg: (msg: unknown) => (typeof msg === 'string' ? redactUrl(msg) : msg),
    },
  };

  const destination = pretty ? prettyDestination(out, options.colorize ?? tty) : (out ?? stdoutLogDestination());
  return redactChildBindings(pino(pinoOptions, destination));
}

/**
 * Where JSON lines to standard output go. A pipe, a socket (journald, a
 * container runtime), a terminal or /dev/null: the lines of each event-loop
 * turn in one synchronous write at the turn's end (turn-end-destination.ts
 * says why). A regular file (a shell redirect): pino's asynchronous
 * destination, because a write to a file can wait for the disk and the
 * event loop must not (bench/calls, logging to a file on a loaded box:
 * synchronous writes took 39 us at the median and up to 1.5 ms, and the
 * event-loop delay p99 rose by ~0.5 ms). Holding lines longer than a turn
 * would save more writes but lose them on a SIGKILL; the scale tests read
 * what a killed replica was running from its log.
 */
function stdoutLogDestination(): pino.DestinationStream {
  let file = false;
  try {
    file = fs.fstatSync(1).isFile();
  } catch {
    // A closed standard output: nothing to write to either way.
  }
  return file ? pino.destination({ dest: 1, sync: false }) : stdoutDestination();
}

// pino runs `formatters.bindings` for the root logger only; child bindings
// (e.g. a connection's settings) are serialized as given. Children are created
// with Object.create(parent), so overriding `child` on the root covers them all.
function redactChildBindings(root: VoxtraLogger): VoxtraLogger {
  const original = (Object.getPrototypeOf(root) as VoxtraLogger).child;
  const child = function (this: VoxtraLogger, bindings: pino.Bindings, opts?: pino.ChildLoggerOptions) {
    return Reflect.apply(original, this, [redactDeep(bindings), opts]) as VoxtraLogger;
  };
  Object.defineProperty(root, 'child', { value: child, writable: true, configurable: true });
  return root;
}

// pino-pretty's own stream parses lines on later ticks; formatting each line
// as it is written keeps output ordered with the code and flushed on return.
function prettyDestination(out: LogDestination | undefined, colorize: boolean): pino.DestinationStream {
  // Loaded only for text output: JSON logging (what `voxtra run` writes off a terminal) never needs its thirty modules.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { prettyFactory } = require('pino-pretty') as typeof import('pino-pretty');
  const format = prettyFactory({
    colorize,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    singleLine: true,
  });
  const target: LogDestination = out ?? process.stdout;
  return { write: (line: string) => void target.write(format(line)) };
}

/**
 * The per-call logger every layer of a call gets: every line it writes
 * carries the call's id, app, route, flow, snapshot version, caller and
 * extension (absent ones omitted). Its pino child is made only when a line
 * is written through it at an enabled level (see {@link LazyChildLogger}),
 * which a normal call never does.
 */
export function lazyCallLogger(base: CoreLogger, fields: CallLogFields): CoreLogger {
  // The call's fields as they are: the admission keeps them for the call's lines anyway, and a copy was ~60 bytes per call in progress.
  return new LazyChildLogger(base, fields);
}

/**
 * One line's fields for a call, written through the process logger: the
 * call's fields first (as a {@link lazyCallLogger} child writes them), then the
 * line's own. For lines a call always writes (routed, ended): a pino child
 * per call keeps its serialised bindings for the call's whole life, about
 * 0.7 KiB per call in progress (bench/session heap snapshots), where this
 * object is garbage as soon as the line is written.
 */
export function callLine(fields: CallLogFields, line: object): Record<string, unknown> {
  return Object.assign(definedOnly(fields), line);
}


/** Waits until everything logged so far reached the destination (shutdown). Never rejects. */
export function flushLogger(logger: VoxtraLogger): Promise<void> {
  return new Promise<void>((resolve) => {
    try {
      logger.flush(() => resolve());
    } catch {
      resolve();
    }
  });
}
