import type { HttpMethod } from '../../ari/operations';
import { SERVED_OPERATIONS, type ServedOperation } from '../resources';

interface Node {
  readonly literal: Map<string, Node>;
  param?: { name: string; node: Node };
  readonly methods: Map<HttpMethod, ServedOperation>;
}

const newNode = (): Node => ({ literal: new Map(), methods: new Map() });

/** The order Asterisk lists methods in an Allow header (after OPTIONS). */
const METHOD_ORDER: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

export type RouteMatch =
  | { readonly kind: 'route'; readonly route: ServedOperation; readonly path: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allow: string }
  | { readonly kind: 'options'; readonly allow: string }
  | { readonly kind: 'not-found' };

/**
 * Resolves `/ari/...` paths over the served operations like Asterisk's handler
 * tree: a literal segment wins over a `{param}` segment; a known path with
 * the wrong method is 405 with an Allow header.
 */
export class AriRouter {
  private readonly root = newNode();

  constructor(routes: readonly ServedOperation[] = SERVED_OPERATIONS) {
    for (const route of routes) this.add(route);
  }

  private add(route: ServedOperation): void {
    let node = this.root;
    for (const seg of route.path.split('/').filter(Boolean)) {
      const param = /^\{(.+)\}$/.exec(seg);
      if (param) {
        node.param ??= { name: param[1], node: newNode() };
        node = node.param.node;
      } else {
        let next = node.literal.get(seg);
        if (!next) {
          next = newNode();
          node.literal.set(seg, next);
        }
        node = next;
      }
    }
    node.methods.set(route.method, route);
  }

  /**
   * `segments` are the decoded path segments below /ari. A path that names
   * a node of the tree without operations of its own (`/ari/recordings`,
   * or no segment at all) is 404 unless `nodesAnswer405`, which is what
   * ast_ari_invoke does (405 `Invalid method`, as for a leading slash in a
   * RESTRequest's uri).
   */
  match(method: string, segments: readonly string[], nodesAnswer405 = false): RouteMatch {
    let node: Node | undefined = this.root;
    const path: Record<string, string> = {};
    for (const seg of segments) {
      const lit: Node | undefined = node.literal.get(seg);
      if (lit) node = lit;
      else if (node.param) {
        path[node.param.name] = seg;
        node = node.param.node;
      } else return { kind: 'not-found' };
    }
    if (node.methods.size === 0 && !nodesAnswer405) return { kind: 'not-found' };
    const allow = ['OPTIONS', ...METHOD_ORDER.filter((m) => node?.methods.has(m))].join(',');
    if (method === 'OPTIONS') return { kind: 'options', allow };
    const route = node.methods.get(method as HttpMethod);
    return route ? { kind: 'route', route, path } : { kind: 'method-not-allowed', allow };
  }
}
