import type { IncomingMessage } from 'node:http';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/**
 * ARI authentication: an Authorization header (Basic) when present, else
 * `?api_key=user:pass`. Anything else is refused.
 */
export function authenticate(req: IncomingMessage, query: URLSearchParams, creds: Credentials): boolean {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const m = /^Basic\s+(.+)$/i.exec(header.trim());
    if (!m) return false;
    return matches(Buffer.from(m[1], 'base64').toString('utf8'), creds);
  }
  const key = query.get('api_key');
  return key !== null && matches(key, creds);
}

function matches(pair: string, creds: Credentials): boolean {
  const colon = pair.indexOf(':');
  return colon >= 0 && pair.slice(0, colon) === creds.username && pair.slice(colon + 1) === creds.password;
}
