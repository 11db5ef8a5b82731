import type { Json, JsonObject } from '../json';

/**
 * One normalized ARI parameter value (see api/normalize-args.ts); a body
 * parameter of type `object` keeps the body as sent (any JSON, `null` for
 * a REST-over-WebSocket request without one).
 */
export type ArgValue = string | number | boolean | readonly string[] | JsonObject | Json[] | null;
export type OpArgs = Readonly<Record<string, ArgValue | undefined>>;

/** Typed reads of normalized ARI arguments. */
export class Args {
  constructor(private readonly raw: OpArgs) {}

  has(name: string): boolean {
    return this.raw[name] !== undefined;
  }

  /** A string argument; empty strings count as absent (Asterisk's ast_strlen_zero). */
  str(name: string): string | undefined {
    const v = this.raw[name];
    if (v === undefined) return undefined;
    const s = Array.isArray(v) ? v.join(',') : typeof v === 'object' ? undefined : String(v);
    return s === '' ? undefined : s;
  }

  /** The raw string, keeping an empty value (`media=`). */
  rawStr(name: string): string | undefined {
    const v = this.raw[name];
    return v === undefined ? undefined : Array.isArray(v) ? v.join(',') : typeof v === 'object' ? undefined : String(v);
  }

  int(name: string, fallback: number): number {
    const v = this.raw[name];
    return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : fallback;
  }

  bool(name: string, fallback = false): boolean {
    const v = this.raw[name];
    return typeof v === 'boolean' ? v : fallback;
  }

  list(name: string): string[] {
    const v = this.raw[name];
    if (v === undefined) return [];
    if (Array.isArray(v)) return v.map(String);
    if (typeof v === 'object') return [];
    return String(v).split(',');
  }

  body(name: string): JsonObject | undefined {
    const v = this.raw[name];
    return v !== undefined && v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
  }

  /** A body parameter as sent: any JSON, or undefined when the request had no body. */
  json(name: string): Json | undefined {
    return this.raw[name] as Json | undefined;
  }
}
