import { VoxtraError } from '../core/errors';

/** Characters a rendered URL path may hold (RFC 3986 path characters, `%` escapes included). */
const PATH_CHARS = /^[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;
const TEMPLATE_OPEN = /\{\{|\{%/;
/** `http(s)://host[:port]/` at the start of a URL. */
const ORIGIN_PREFIX = /^https?:\/\/[^/?#{}%\s]+\//i;

function refuse(what: string, value: unknown): never {
  throw new VoxtraError('UNSAFE_INPUT', `refused ${what}: ${JSON.stringify(value)}`, { what, value });
}

/**
 * For a `url` written in a flow: the part before the first template tag must
 * hold the whole origin and the `/` after it, so no rendered value can change
 * which server is called. Returns that origin, or undefined when it does not.
 */
export function literalOrigin(url: string): string | undefined {
  const literal = url.split(TEMPLATE_OPEN)[0];
  const m = ORIGIN_PREFIX.exec(literal);
  if (!m) return undefined;
  try {
    return new URL(m[0]).origin;
  } catch {
    return undefined;
  }
}

/** Checks a rendered `path`: path characters only, no `..` or `.` segment, no `//`. */
export function checkUrlPath(path: string): string {
  if (!PATH_CHARS.test(path)) refuse('URL path', path);
  const segments = path.split('/');
  if (segments.some((s, i) => s === '..' || s === '.' || (s === '' && i > 0 && i < segments.length - 1))) refuse('URL path', path);
  if (/%2e|%2f|%5c/i.test(path)) refuse('URL path', path);
  return path;
}

/** A service's base URL with a rendered `path` appended below it (never above or beside it). */
export function serviceUrl(base: string, path: string | undefined): URL {
  const url = new URL(base);
  if (path !== undefined && path !== '') {
    const rel = checkUrlPath(path).replace(/^\/+/, '');
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/${rel}`;
  }
  return url;
}

/** A rendered flow `url`: http(s), on the origin its literal part names. */
export function flowUrl(rendered: string, template: string): URL {
  const origin = literalOrigin(template);
  let url: URL;
  try {
    url = new URL(rendered);
  } catch {
    return refuse('URL', rendered);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') refuse('URL', rendered);
  if (TEMPLATE_OPEN.test(template) && url.origin !== origin) refuse('URL', rendered);
  if (url.username !== '' || url.password !== '') refuse('URL with credentials', `${url.origin}${url.pathname}`);
  return url;
}

/** Appends query parameters (URL-encoded); values are the caller-controlled part of a request. */
export function withQuery(url: URL, query: Readonly<Record<string, string>>): URL {
  for (const [name, value] of Object.entries(query)) url.searchParams.append(name, value);
  return url;
}
