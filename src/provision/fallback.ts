import { QUEUE_NAME } from '../call/safe-input';

/**
 * What a call hears when its app is not connected to Asterisk (Stasis()
 * returns with STASISSTATUS=FAILED):
 * - `sound:NAME`: answer, play the sound, hang up (default `sound:vm-nobodyavail`);
 * - `hangup`: hang up at once;
 * - `queue:NAME`: continue in the queues context into that queue;
 * - `dialplan:CONTEXT,EXTEN[,PRIORITY]`: continue anywhere in the dialplan.
 */
export type Fallback =
  | { readonly kind: 'sound'; readonly sound: string }
  | { readonly kind: 'hangup' }
  | { readonly kind: 'queue'; readonly queue: string }
  | { readonly kind: 'dialplan'; readonly context: string; readonly extension: string; readonly priority: string };

export const DEFAULT_FALLBACK: Fallback = { kind: 'sound', sound: 'vm-nobodyavail' };

const SOUND = /^[A-Za-z0-9_/-]{1,128}$/;
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,79}$/;

/** Parses a fallback written on the command line; returns an error message for a bad one. */
export function parseFallback(spec: string): Fallback | { error: string } {
  if (spec === 'hangup') return { kind: 'hangup' };
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const value = colon < 0 ? '' : spec.slice(colon + 1);
  switch (kind) {
    case 'sound':
      return SOUND.test(value) ? { kind: 'sound', sound: value } : { error: `"${value}" is not a sound name (letters, digits, _ - /)` };
    case 'queue':
      return QUEUE_NAME.test(value) ? { kind: 'queue', queue: value } : { error: `"${value}" is not a queue name` };
    case 'dialplan': {
      const [context, extension, priority = '1', ...rest] = value.split(',');
      if (rest.length > 0 || !context || !extension || !NAME.test(context) || !/^[A-Za-z0-9_+*#.-]{1,80}$/.test(extension) || !/^(?:[1-9][0-9]*|[A-Za-z_][A-Za-z0-9_-]*)$/.test(priority)) {
        return { error: `"${value}" is not CONTEXT,EXTENSION[,PRIORITY]` };
      }
      return { kind: 'dialplan', context, extension, priority };
    }
    default:
      return { error: `"${spec}" is not a fallback: use sound:NAME, hangup, queue:NAME or dialplan:CONTEXT,EXTEN[,PRIORITY]` };
  }
}

/** A fallback as written on the command line (for comments). */
export function describeFallback(f: Fallback): string {
  switch (f.kind) {
    case 'sound':
      return `sound:${f.sound}`;
    case 'hangup':
      return 'hangup';
    case 'queue':
      return `queue:${f.queue}`;
    case 'dialplan':
      return `dialplan:${f.context},${f.extension},${f.priority}`;
  }
}
