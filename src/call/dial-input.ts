import { VoxtraError } from '../core/errors';
import { hasControlChars, isSafeDialTarget } from '../routing/dial-safety';

/**
 * Checks for what `dial` sends to Asterisk. Endpoints, caller ids and SIP
 * headers may come from templates (caller input) or an HTTP router answer,
 * so each is checked after rendering and refused with `UNSAFE_INPUT`.
 */

/** SIP headers a dial may add: any `X-` header. */
export const DIAL_HEADER_NAME = /^X-[A-Za-z0-9-]{1,62}$/;

/**
 * Headers outside the `X-` space that a dial may add: informational ones
 * that do not steer routing, identity or the dialog.
 */
export const DIAL_HEADER_ALLOW_LIST: readonly string[] = ['Alert-Info', 'Call-Info', 'Subject', 'Priority', 'Organization', 'User-to-User'];

/** The most endpoints one dial rings. */
export const MAX_DIAL_ENDPOINTS = 32;
/** The most headers one dial adds. */
export const MAX_DIAL_HEADERS = 32;
const MAX_HEADER_VALUE = 1024;
const MAX_CALLER_ID = 128;

function refuse(what: string, value: unknown): never {
  throw new VoxtraError('UNSAFE_INPUT', `refused ${what}: ${JSON.stringify(value)}`, { what, value });
}

/** `TECH/resource` with a restricted charset (no `&`, `,`, `(`, `$`, quotes, spaces). */
export function checkDialTarget(endpoint: string): string {
  return isSafeDialTarget(endpoint) ? endpoint : refuse('dial target', endpoint);
}

/** Why a header name may not be added by a dial, or undefined when it may. */
export function dialHeaderProblem(name: string): string | undefined {
  if (DIAL_HEADER_NAME.test(name)) return undefined;
  if (DIAL_HEADER_ALLOW_LIST.some((h) => h.toLowerCase() === name.toLowerCase())) return undefined;
  return `header ${JSON.stringify(name)} is neither an X- header nor one of ${DIAL_HEADER_ALLOW_LIST.join(', ')}`;
}

/** Checks every header and returns them as `PJSIP_HEADER(add,<name>)` channel variables for originate. */
export function headerVariables(headers: Readonly<Record<string, string>>): Record<string, string> {
  const entries = Object.entries(headers);
  if (entries.length > MAX_DIAL_HEADERS) refuse('header count', entries.length);
  const out: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (dialHeaderProblem(name)) refuse('SIP header name', name);
    if (typeof value !== 'string' || hasControlChars(value) || value.length > MAX_HEADER_VALUE) refuse(`value for SIP header ${name}`, value);
    out[`PJSIP_HEADER(add,${name})`] = value;
  }
  return out;
}

/** A caller id such as `"Sales" <5550100>` or `5550100`: printable, bounded. */
export function checkCallerId(callerId: string): string {
  if (callerId.length > MAX_CALLER_ID || hasControlChars(callerId) || callerId.includes('\t')) refuse('caller id', callerId);
  return callerId;
}

/**
 * The caller id a dial presents when the flow names none: the caller's own,
 * as `"Name" <number>`. Caller-supplied text, so quotes, angle brackets and
 * control characters are dropped rather than passed on.
 */
export function callerIdOf(name: string, number: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = (text: string): string => text.replace(/["<>\\\u0000-\u001f\u007f]/g, '').trim();
  const num = clean(number).slice(0, 40);
  const display = clean(name).slice(0, 60);
  if (num === '') return display === '' ? '' : `"${display}"`;
  return display === '' ? `<${num}>` : `"${display}" <${num}>`;
}
