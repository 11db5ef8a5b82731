import { HANGUP_REASONS, type DialplanTarget, type HangupReason } from '../control/call-control';
import { VoxtraError } from '../core/errors';

/**
 * Checks for values that reach Asterisk (variable names, dialplan targets,
 * queue names, DTMF strings). Templates can put caller-controlled text into
 * any of them, so each is checked after rendering and refused with
 * `UNSAFE_INPUT` rather than passed on.
 */

/** Flow and channel variable names. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** An HTTP header token (RFC 9110), for `PJSIP_HEADER(add,<header>)`. */
export const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/;
/** Channel variables a flow may set: a plain name or a SIP header to add. */
export const SETTABLE_CHANNEL_VAR = /^(?:[A-Za-z_][A-Za-z0-9_]*|PJSIP_HEADER\(add,[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}\))$/;
/** Channel variables a flow may read: a plain name or a SIP header of the call. */
export const READABLE_CHANNEL_VAR = /^(?:[A-Za-z_][A-Za-z0-9_]*|PJSIP_HEADER\(read,[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}\))$/;
export const QUEUE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const DIALPLAN_CONTEXT = /^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,79}$/;
export const DIALPLAN_EXTENSION = /^[A-Za-z0-9_+*#.-]{1,80}$/;
export const DIALPLAN_LABEL = /^[A-Za-z_][A-Za-z0-9_-]{0,79}$/;
export const DTMF_DIGITS = /^[0-9A-D*#]{1,64}$/;
export const MOH_CLASS = /^[A-Za-z0-9_-]{1,80}$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

function refuse(what: string, value: unknown): never {
  throw new VoxtraError('UNSAFE_INPUT', `refused ${what}: ${JSON.stringify(value)}`, { what, value });
}

export function checkVariableName(name: string): string {
  return VARIABLE_NAME.test(name) ? name : refuse('variable name', name);
}

export function checkSettableChannelVar(name: string): string {
  return SETTABLE_CHANNEL_VAR.test(name) ? name : refuse('channel variable name', name);
}

export function checkReadableChannelVar(name: string): string {
  return READABLE_CHANNEL_VAR.test(name) ? name : refuse('channel variable name', name);
}

/** Channel variable values may not hold control characters (a newline would split a SIP header). */
export function checkChannelVarValue(name: string, value: string): string {
  return CONTROL_CHARS.test(value) ? refuse(`value for ${name}`, value) : value;
}

export function checkQueueName(queue: string): string {
  return QUEUE_NAME.test(queue) ? queue : refuse('queue name', queue);
}

export function checkDtmf(digits: string): string {
  const upper = digits.toUpperCase();
  return DTMF_DIGITS.test(upper) ? upper : refuse('DTMF digits', digits);
}

export function checkMohClass(mohClass: string): string {
  return MOH_CLASS.test(mohClass) ? mohClass : refuse('music-on-hold class', mohClass);
}

export function checkHangupReason(reason: string): HangupReason {
  return (HANGUP_REASONS as readonly string[]).includes(reason) ? (reason as HangupReason) : refuse('hangup cause', reason);
}

export function checkDialplanTarget(target: DialplanTarget): DialplanTarget {
  if (!DIALPLAN_CONTEXT.test(target.context)) refuse('dialplan context', target.context);
  if (!DIALPLAN_EXTENSION.test(target.extension)) refuse('dialplan extension', target.extension);
  if (target.label !== undefined && !DIALPLAN_LABEL.test(target.label)) refuse('dialplan label', target.label);
  if (target.priority !== undefined && !(Number.isInteger(target.priority) && target.priority >= 1)) refuse('dialplan priority', target.priority);
  return target;
}

/** A non-negative whole number of milliseconds, bounded (a day). */
export function checkMs(what: string, ms: number): number {
  return Number.isFinite(ms) && ms >= 0 && ms <= 86_400_000 ? Math.round(ms) : refuse(what, ms);
}

/** Replaces control characters (newlines included) with spaces, for values we pass on rather than refuse. */
export function stripControlChars(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]/g, ' ');
}
