import { normalizeChannelName, type IdMap, type Side } from './id-map';

/** Variables whose values legitimately differ run to run (RTP statistics, SIP Call-IDs, measured times). */
const VOLATILE_VARS = /^(RTPAUDIOQOS.*|BRIDGEPVTCALLID|ANSWEREDTIME(_MS)?|DIALEDTIME(_MS)?|QUEUEWAIT(_MS)?)$/;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/;
const VOLATILE_KEYS = new Set(['protocol_id', 'creationtime', 'timestamp', 'startup_time', 'last_reload_time', 'kernel', 'user', 'date', 'recv_ms']);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** `<epoch seconds>.<ms>`, the STRFTIME(,,%s.%3q) times the newer traces' dialplan passes as Stasis args. */
const EPOCH_MS = /^\d{10}\.\d{3}$/;
/** A per-call outbound app name: `voxtra-pc:PJSIP/sipp-0001c16d`. */
const PER_CALL_APP = /^([^:/]+):((?:PJSIP|Local)\/.+)$/;

/**
 * A comparable form of an ARI JSON value: ids become canonical keys,
 * channel names lose their counters, timestamps and other values that
 * legitimately differ become placeholders.
 */
export function canonical(value: unknown, side: Side, ids: IdMap): unknown {
  const known = ids.knownIds(side);
  const walk = (v: unknown, key?: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, key === 'args' ? key : undefined));
    if (isObj(v)) {
      const out: Record<string, unknown> = {};
      const volatileVar = typeof v.variable === 'string' && VOLATILE_VARS.test(v.variable) && v.value !== '';
      for (const [k, x] of Object.entries(v)) {
        // Present only when the recording host's asterisk.conf sets maxfiles.
        if (k === 'max_open_files') continue;
        out[k] = k === 'value' && volatileVar ? '<v>' : walk(x, k);
      }
      return out;
    }
    if (typeof v !== 'string') return v;
    if (key !== undefined && VOLATILE_KEYS.has(key)) return '<volatile>';
    if (TIMESTAMP.test(v)) return '<ts>';
    // A RESTResponse carries its JSON body as a string: compare the body.
    if (key === 'message_body') {
      let body: unknown;
      try {
        body = walk(JSON.parse(v) as unknown);
      } catch {
        return v;
      }
      // Asterisk lists are hash-ordered: compare them as multisets.
      return Array.isArray(body) ? body.map(stable).sort() : body;
    }
    if (key === 'args' && EPOCH_MS.test(v)) return '<epoch>';
    const perCall = PER_CALL_APP.exec(v);
    if (perCall && (key === 'application' || key === 'name')) return `${perCall[1]}:${normalizeChannelName(perCall[2])}`;
    const direct = ids.keyOf(side, v);
    if (direct) return `<${direct}>`;
    if (key === 'name' || key === 'value' || key === 'dialstring') {
      if (/^(PJSIP|Local)\//.test(v)) return normalizeChannelName(v);
    }
    let s = key === 'app_data' || key === 'dialplan_app_data' ? v.replace(/\b\d{10}\.\d{3}\b/g, '<epoch>') : v;
    for (const id of known) {
      if (!s.includes(id)) continue;
      const k = ids.keyOf(side, id);
      if (k) s = s.split(id).join(`<${k}>`);
    }
    return s;
  };
  return walk(value);
}

/** Recursive key structure: objects become their sorted keys with nested shapes. */
export function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])];
  if (isObj(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = shape(value[k]);
    return out;
  }
  return typeof value;
}

/** Stable JSON text with sorted keys, for equality and readable diffs. */
export function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (isObj(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}
