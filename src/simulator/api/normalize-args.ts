import type { AriOperationSpec, AriParamSpec } from '../../ari/operations';
import { isRecord } from '../../core/is-record';
import type { Json, JsonObject } from '../model/json';
import type { ArgValue, OpArgs } from '../model/ops/args';

/** Where an HTTP request's arguments came from. */
export interface RawArgs {
  readonly path?: Readonly<Record<string, string>>;
  /** Query (and form) pairs in order; repeated keys allowed. */
  readonly query?: ReadonlyArray<readonly [string, string]>;
  /**
   * The JSON body: undefined when the request had none; `null` for a
   * REST-over-WebSocket request without `message_body` (Asterisk hands its
   * handlers a JSON null then). Its fields override query parameters only
   * when it is an object.
   */
  readonly body?: Json;
}

/** atoi(): leading integer or 0 (`skipms=abc` is accepted as 0 by Asterisk). */
export function atoi(s: string): number {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

/** ast_true(). */
export function astTrue(s: string): boolean {
  return ['yes', 'true', 'y', 't', '1', 'on'].includes(s.trim().toLowerCase());
}

function fromString(spec: AriParamSpec, s: string): ArgValue {
  if (spec.allowMultiple) return s.split(',');
  if (spec.dataType === 'int' || spec.dataType === 'long') return atoi(s);
  if (spec.dataType === 'boolean') return astTrue(s);
  return s;
}

function fromJson(spec: AriParamSpec, v: unknown): ArgValue | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return spec.allowMultiple ? v.map(String) : String(v[v.length - 1] ?? '');
  if (typeof v === 'string') return fromString(spec, v);
  if (typeof v === 'number') return spec.dataType === 'int' || spec.dataType === 'long' ? Math.trunc(v) : fromString(spec, String(v));
  if (typeof v === 'boolean') return spec.dataType === 'boolean' ? v : fromString(spec, String(v));
  return undefined;
}

/**
 * Arguments for one operation the way Asterisk's generated handlers read
 * them: the last occurrence of a query parameter wins (a multi-valued
 * parameter is that occurrence split at commas), and fields of a JSON body
 * override query parameters; body-type parameters get the whole body.
 */
export function normalizeArgs(route: AriOperationSpec, raw: RawArgs): OpArgs {
  const out: Record<string, ArgValue | undefined> = {};
  const body = isRecord<Json>(raw.body) ? raw.body : undefined;
  for (const spec of route.params) {
    if (spec.paramType === 'path') {
      out[spec.name] = raw.path?.[spec.name];
      continue;
    }
    if (spec.paramType === 'body') {
      // An `object` body (the event filter) is handed over as sent; `containers` (variables) only as an object.
      if (spec.dataType === 'object') out[spec.name] = raw.body as ArgValue | undefined;
      else if (body) out[spec.name] = body;
      continue;
    }
    let value: ArgValue | undefined;
    for (const [k, v] of raw.query ?? []) if (k === spec.name) value = fromString(spec, v);
    if (body && Object.prototype.hasOwnProperty.call(body, spec.name)) {
      const fromBody = fromJson(spec, body[spec.name]);
      if (fromBody !== undefined) value = fromBody;
    }
    out[spec.name] = value;
  }
  return out;
}

/** In-process params (ARI names, JS values) into the same shape as HTTP arguments. */
export function normalizeParams(route: AriOperationSpec, params: Readonly<Record<string, unknown>>): OpArgs {
  const out: Record<string, ArgValue | undefined> = {};
  for (const spec of route.params) {
    const v = params[spec.name];
    if (v === undefined) continue;
    if (spec.paramType === 'body') {
      if (spec.dataType === 'object') out[spec.name] = v as ArgValue;
      else if (v && typeof v === 'object' && !Array.isArray(v)) {
        const obj = v as JsonObject;
        out[spec.name] = Object.prototype.hasOwnProperty.call(obj, spec.name) ? obj : { [spec.name]: obj };
      }
      continue;
    }
    if (spec.paramType === 'path') {
      out[spec.name] = String(v);
      continue;
    }
    out[spec.name] = fromJson(spec, v);
  }
  return out;
}
