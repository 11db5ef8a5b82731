import { apiDocResult } from '../api/api-docs';
import type { AriRouter } from '../http/ari-router';
import { fail, noContent, type AriResult } from '../model/result';
import type { ServedOperation } from '../resources';
import type { RestRequest } from './rest-request';
import { legacyUriDecode } from './uri-decode';

/** Where a RESTRequest goes: an answer already decided, or an operation to run with these path parameters. */
export type RestTarget = { readonly answer: AriResult } | { readonly route: ServedOperation; readonly path: Readonly<Record<string, string>> };

/**
 * Resolves a RESTRequest's uri like ast_ari_invoke for a WebSocket source:
 * a trailing slash is 404 `ARI URLs do not end with a slash. Try
 * /ari/<uri>`; `api-docs/...` serves the documents; the path is cut at its
 * first empty segment (so a leading slash lands on the root, 405); each
 * segment is URI-decoded (`+` is a space); OPTIONS is 204; a known path
 * without the method is 405 `Invalid method`; `GET events` is 400 `Can't
 * upgrade to websocket from a websocket`.
 */
export function resolveRestTarget(router: AriRouter, req: RestRequest, host: string | undefined): RestTarget {
  const { uri, method } = req;
  if (uri.endsWith('/')) return { answer: fail(404, `ARI URLs do not end with a slash. Try /ari/${uri.slice(0, -1)}`) };
  if (uri.startsWith('api-docs/')) {
    if (method !== 'GET') return { answer: fail(405, 'Unsupported method') };
    return { answer: apiDocResult('GET', uri.slice('api-docs/'.length).split('/'), host) };
  }
  const segments: string[] = [];
  for (const seg of uri.split('/')) {
    if (seg === '') break;
    segments.push(legacyUriDecode(seg));
  }
  const match = router.match(method, segments, true);
  if (match.kind === 'not-found') return { answer: fail(404, 'Resource not found') };
  if (match.kind === 'options') return { answer: noContent() };
  if (match.kind === 'method-not-allowed') return { answer: fail(405, 'Invalid method') };
  if (match.route.websocket) return { answer: fail(400, "Can't upgrade to websocket from a websocket") };
  return { route: match.route, path: match.path };
}
