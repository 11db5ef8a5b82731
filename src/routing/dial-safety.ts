/**
 * Checks for values an HTTP router (untrusted) sends that would reach a dial
 * string, a SIP header or a log line.
 */

/**
 * `TECH/resource`: a channel technology and a resource of a restricted
 * charset. No `&` (a second target), `,` (Dial options), `(` `)`
 * (functions), `$` `{` `}` (expressions), quotes, spaces or control characters.
 */
export const SAFE_DIAL_TARGET = /^[A-Za-z][A-Za-z0-9]{0,15}\/[A-Za-z0-9_.+*#@:/-]{1,200}$/;

/** SIP header names an answer may add: a letter, then letters, digits and dashes. */
export const SAFE_HEADER_NAME = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;

// Headers that define the dialog or its routing; Asterisk builds these itself.
const RESERVED_HEADERS = new Set([
  'via', 'from', 'to', 'call-id', 'cseq', 'contact', 'max-forwards', 'content-length', 'content-type',
  'route', 'record-route', 'authorization', 'proxy-authorization', 'www-authenticate', 'proxy-authenticate',
  'expires', 'require', 'proxy-require', 'supported', 'allow', 'event', 'refer-to', 'replaces', 'session-expires',
  'min-se', 'rseq', 'rack', 'p-asserted-identity', 'p-preferred-identity', 'privacy', 'identity',
]);

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u001f\u007f]+/g;

export function isSafeDialTarget(target: string): boolean {
  return SAFE_DIAL_TARGET.test(target);
}

/** Why a header name may not be added, or undefined when it may. */
export function headerNameProblem(name: string): string | undefined {
  if (!SAFE_HEADER_NAME.test(name)) return `header name ${JSON.stringify(name)} is not a plain token`;
  if (RESERVED_HEADERS.has(name.toLowerCase())) return `header ${name} is built by Asterisk and may not be set`;
  return undefined;
}

/** True when a value holds control characters other than tab (CR/LF would split a SIP message). */
export function hasControlChars(value: string): boolean {
  return CONTROL.test(value);
}

/** Makes untrusted text safe for one log line: control characters become spaces, length is bounded. */
export function logSafe(text: string, max = 256): string {
  const clean = text.replace(CONTROL_ALL, ' ');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
