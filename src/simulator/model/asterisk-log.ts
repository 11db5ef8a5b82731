import { ignoreListenerError, Listeners } from '../../core/listeners';

export type AsteriskLogLevel = 'VERBOSE' | 'NOTICE' | 'WARNING' | 'ERROR';

/** One line of the simulated Asterisk's messages.log. */
export interface AsteriskLogEntry {
  /** Simulated wall clock, epoch ms. */
  readonly atMs: number;
  readonly level: AsteriskLogLevel;
  /** The source file Asterisk names (`ari/ari_websockets.c`). */
  readonly source: string;
  readonly message: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `[2026-12-06 10:03:31.017] WARNING[0] ari/ari_websockets.c: voxtra-out: Websocket disconnected.  Reconnecting` (UTC; no thread ids). */
export function formatLogEntry(e: AsteriskLogEntry): string {
  const d = new Date(Math.floor(e.atMs));
  const stamp = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  return `[${stamp}] ${e.level}[0] ${e.source}: ${e.message}`;
}

/**
 * The lines Asterisk logs about the features the simulator models
 * (outbound WebSockets, StasisBroadcast, per-call Stasis apps), with the
 * same wording, so a test or an operator can read them as they would read
 * messages.log. The newest `limit` lines are kept.
 */
export class AsteriskLog {
  private readonly lines: AsteriskLogEntry[] = [];
  private readonly listeners = new Listeners<AsteriskLogEntry>(ignoreListenerError);

  constructor(
    private readonly now: () => number,
    private readonly limit = 2000,
  ) {}

  add(level: AsteriskLogLevel, source: string, message: string): void {
    const entry: AsteriskLogEntry = { atMs: this.now(), level, source, message };
    this.lines.push(entry);
    if (this.lines.length > this.limit) this.lines.shift();
    this.listeners.emit(entry);
  }

  entries(): AsteriskLogEntry[] {
    return [...this.lines];
  }

  onEntry(listener: (entry: AsteriskLogEntry) => void): () => void {
    return this.listeners.add(listener);
  }
}
