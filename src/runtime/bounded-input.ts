import type { IncomingCall } from '../control/incoming-call';

/** Longest caller number, caller name or Stasis argument passed on to routing, templates and logs. */
export const MAX_CALLER_FIELD = 256;
/** Asterisk's own limit on an extension (AST_MAX_EXTENSION). */
export const MAX_EXTENSION = 80;
/** Most Stasis arguments passed on. */
export const MAX_ARGS = 32;

// The channel fields a caller controls, each with the name a cut reports and its bound: one list for the check and the cut.
const CHANNEL_BOUNDS: ReadonlyArray<{ readonly field: 'callerNumber' | 'callerName' | 'connectedNumber' | 'extension'; readonly name: string; readonly max: number }> = [
  { field: 'callerNumber', name: 'caller number', max: MAX_CALLER_FIELD },
  { field: 'callerName', name: 'caller name', max: MAX_CALLER_FIELD },
  { field: 'connectedNumber', name: 'connected number', max: MAX_CALLER_FIELD },
  { field: 'extension', name: 'extension', max: MAX_EXTENSION },
];

/**
 * Bounds what a caller controls before anything reads it. A SIP From header
 * can carry kilobytes of "number"; routes match on it with regexes written
 * for phone numbers, templates render it, and logs record it, so each field
 * is cut to a size no real caller id reaches. Returns the call unchanged when
 * nothing was too long, and the names of the fields that were cut.
 */
export function boundIncoming(incoming: IncomingCall): { call: IncomingCall; cut: string[] } {
  const ch = incoming.channel;
  // Every call goes through here and next to none is too long: the copies are made only for one that is (bench/calls profile: ~18 µs per call).
  if (!tooLong(ch, incoming.args)) return { call: incoming, cut: [] };
  const cut: string[] = [];
  const bound = (name: string, value: string, max: number): string => {
    if (value.length <= max) return value;
    cut.push(name);
    return value.slice(0, max);
  };
  const channel = { ...ch };
  for (const b of CHANNEL_BOUNDS) channel[b.field] = bound(b.name, ch[b.field], b.max);
  if (incoming.args.length > MAX_ARGS) cut.push('args');
  const args = incoming.args.slice(0, MAX_ARGS).map((a, i) => bound(`args[${i}]`, a, MAX_CALLER_FIELD));
  return { call: { ...incoming, channel, args }, cut };
}

function tooLong(ch: IncomingCall['channel'], args: readonly string[]): boolean {
  return CHANNEL_BOUNDS.some((b) => ch[b.field].length > b.max) || args.length > MAX_ARGS || args.some((a) => a.length > MAX_CALLER_FIELD);
}
