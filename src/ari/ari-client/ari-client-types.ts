/**
 * The small part of `ari-client` 2.2.0 (and the swagger-client 2.0.26 inside
 * it) that the transport relies on. Written by hand: neither package ships
 * type declarations.
 */

/** The request object swagger-client builds and hands to its authorizations before sending. */
export interface SwaggerHttpObject {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
  /** shred's socket timeout (ms); honoured for the API-description loads. */
  timeout?: number;
  on?: Record<string, (response: unknown) => unknown>;
  canceled?: boolean;
}

/** swagger-client's process-wide authorization registry. */
export interface SwaggerAuthorizations {
  add(name: string, auth: unknown): unknown;
  remove(name: string): boolean;
  /** Returns false to cancel the request (swagger-client then never sends it). */
  apply(obj: SwaggerHttpObject, authorizations?: unknown): boolean | null;
}

/** The swagger-client module object ari-client uses. */
export interface SwaggerModule {
  authorizations: SwaggerAuthorizations;
}

/** One operation on a connected ari-client (e.g. `client.channels.play`). */
export type AriClientOperation = (params: Record<string, unknown>) => PromiseLike<unknown>;

/** A connected ari-client: resources keyed by name, operations keyed by nickname. */
export type AriClient = Record<string, unknown>;

/** The `ari-client` module. */
export interface AriClientModule {
  connect(url: string, user: string, pass: string): PromiseLike<AriClient>;
}
