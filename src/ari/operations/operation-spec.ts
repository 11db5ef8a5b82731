/** HTTP methods ARI uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A Swagger 1.1 parameter as ARI's API description declares it. */
export interface AriParamSpec {
  readonly name: string;
  readonly description: string;
  readonly paramType: 'path' | 'query' | 'body';
  readonly required: boolean;
  readonly allowMultiple: boolean;
  /** string, int, long, boolean, containers, object. */
  readonly dataType: string;
  readonly defaultValue?: string | number | boolean;
  readonly allowableValues?: { readonly valueType: 'LIST'; readonly values: readonly string[] } | { readonly valueType: 'RANGE'; readonly min: number };
}

/** A documented error answer of an operation. */
export interface AriErrorSpec {
  readonly code: number;
  readonly reason: string;
}

/** One operation as a resource file writes it; its name is its key there. */
export interface AriOperationDefinition {
  readonly method: HttpMethod;
  /** Path below /ari, with `{param}` segments. */
  readonly path: string;
  readonly summary: string;
  readonly responseClass: string;
  readonly params: readonly AriParamSpec[];
  readonly errors?: readonly AriErrorSpec[];
  /**
   * Safe to send twice, so a request that failed below HTTP (typically a
   * pooled keep-alive socket the server had just closed) is retried once.
   * GETs always are. Never play, originate, record or continue: a duplicate
   * would be heard or would dial twice.
   */
  readonly idempotent?: boolean;
  /** Served over the events WebSocket rather than as a REST request. */
  readonly websocket?: boolean;
  /**
   * Asterisk answers only once the channel's own Stasis thread ran the command
   * (`stasis_app_send_command`, joined synchronously), so the answer waits for
   * whatever the channel is doing, e.g. a playback (trace rest-over-websocket:
   * a variable set during a playback was answered 1.40 s later). Over REST
   * over WebSocket that holds up every later request on the same socket, since
   * Asterisk serves one socket's requests one at a time, in order.
   */
  readonly waitsForChannel?: boolean;
}

/** One ARI operation of the catalogue: its definition and its names. */
export interface AriOperationSpec extends AriOperationDefinition {
  /** `resource.nickname`, the name the transports and the simulator use. */
  readonly op: string;
  readonly resource: string;
  /** The operation's `nickname` in ARI's API description (and ari-client's method name). */
  readonly nickname: string;
}

/** One ARI resource (one api-docs document) and its operations, keyed by nickname in declaration order. */
export interface AriResourceSpec<Name extends string = string, Defs extends Readonly<Record<string, AriOperationDefinition>> = Readonly<Record<string, AriOperationDefinition>>> {
  readonly name: Name;
  /** The resource's description in resources.json. */
  readonly description: string;
  readonly operations: { readonly [K in keyof Defs & string]: AriOperationSpec };
}

/** `resource.nickname` of every operation of a resource. */
export type AriOperationNameOf<R> = R extends AriResourceSpec<infer Name, infer Defs> ? `${Name}.${keyof Defs & string}` : never;

/** Nicknames of a resource's REST operations (those not served over the events WebSocket). */
export type RestNicknameOf<R> = R extends AriResourceSpec<string, infer Defs> ? { [K in keyof Defs & string]: Defs[K] extends { readonly websocket: true } ? never : K }[keyof Defs & string] : never;

/** Builds a resource from its operation definitions (keys are nicknames). */
export function defineResource<const Name extends string, const Defs extends Readonly<Record<string, AriOperationDefinition>>>(
  name: Name,
  description: string,
  definitions: Defs,
): AriResourceSpec<Name, Defs> {
  const operations: Record<string, AriOperationSpec> = {};
  for (const [nickname, def] of Object.entries(definitions)) operations[nickname] = Object.freeze({ op: `${name}.${nickname}`, resource: name, nickname, ...def });
  return Object.freeze({ name, description, operations: Object.freeze(operations) as AriResourceSpec<Name, Defs>['operations'] });
}

interface QueryExtra {
  readonly required?: boolean;
  readonly multi?: boolean;
  readonly dflt?: string | number | boolean;
  readonly list?: readonly string[];
  readonly min?: number;
}

/** A path parameter (always required). */
export const path = (name: string, description: string): AriParamSpec => ({ name, description, paramType: 'path', required: true, allowMultiple: false, dataType: 'string' });

/** A query parameter. */
export function query(name: string, dataType: string, description: string, extra: QueryExtra = {}): AriParamSpec {
  return {
    name,
    description,
    paramType: 'query',
    required: extra.required ?? false,
    allowMultiple: extra.multi ?? false,
    dataType,
    ...(extra.dflt !== undefined ? { defaultValue: extra.dflt } : {}),
    ...(extra.list ? { allowableValues: { valueType: 'LIST' as const, values: extra.list } } : {}),
    ...(extra.min !== undefined ? { allowableValues: { valueType: 'RANGE' as const, min: extra.min } } : {}),
  };
}

/** The `variables` JSON body (`{"variables": {"NAME": "value"}}`). */
export const variablesBody = (description: string): AriParamSpec => ({ name: 'variables', description, paramType: 'body', required: false, allowMultiple: false, dataType: 'containers' });

/** `404 <what> not found`. */
export const notFound = (what: string): AriErrorSpec => ({ code: 404, reason: `${what} not found` });
