import type { SwaggerAuthorizations, SwaggerHttpObject, SwaggerModule } from './ari-client-types';

/** A request swagger-client composed and we took over (it was never sent by swagger-client). */
export interface CapturedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

interface OriginSettings {
  authorization: string;
  timeoutMs: number;
  onLoadError: (err: unknown) => void;
}

/**
 * Replaces swagger-client's single process-wide `authorizations` registry.
 *
 * swagger-client builds every request synchronously and passes it through
 * `authorizations.apply(obj)` before sending; returning false cancels the
 * send. The router uses that hook two ways:
 *
 * - Operations: the transport calls an ari-client operation inside
 *   {@link capture}; the router takes the composed request (URL, query, body)
 *   and cancels swagger's own send, so the transport can send it itself with
 *   the right server's credentials, a deadline, a bounded keep-alive pool and
 *   the HTTP status intact.
 * - API-description loads (sent by swagger-client itself, asynchronously):
 *   credentials are chosen by the request's origin, the socket gets a
 *   timeout, and swagger's habit of throwing from inside HTTP callbacks
 *   (which would crash the process on a 401) is contained.
 *
 * ari-client's own `authorizations.add('basic-auth', ...)` on every connect is
 * kept aside: with two servers it would hand one server the other's password.
 * It still applies to requests to origins the transport does not own.
 */
export class SwaggerRequestRouter implements SwaggerAuthorizations {
  private capturing: { request?: CapturedRequest } | undefined;
  private readonly origins = new Map<string, OriginSettings>();
  private readonly ignored = new Map<string, unknown>();

  /** Installs the router on a swagger-client module (once per module object). */
  static install(swagger: SwaggerModule): SwaggerRequestRouter {
    const current = swagger.authorizations;
    if (current instanceof SwaggerRequestRouter) return current;
    const router = new SwaggerRequestRouter();
    swagger.authorizations = router;
    return router;
  }

  /** Runs `fn` (one ari-client operation call) and returns the request it composed, if any. */
  capture<T>(fn: () => T): { result: T; request?: CapturedRequest } {
    if (this.capturing) throw new Error('nested ARI request capture');
    const slot: { request?: CapturedRequest } = {};
    this.capturing = slot;
    try {
      const result = fn();
      return { result, request: slot.request };
    } finally {
      this.capturing = undefined;
    }
  }

  /** Credentials and limits for swagger-client's own loads from `origin` (`http://host:port`). */
  setOrigin(origin: string, settings: OriginSettings): void {
    this.origins.set(origin, settings);
  }

  removeOrigin(origin: string, settings?: OriginSettings): void {
    if (!settings || this.origins.get(origin) === settings) this.origins.delete(origin);
  }

  /**
   * Requests that are not ours (another ari-client user in the process) get
   * swagger-client's usual treatment, so only our own servers are isolated.
   */
  private applyOthers(obj: SwaggerHttpObject): boolean | null {
    let status: boolean | null = null;
    for (const auth of this.ignored.values()) {
      const fn = (auth as { apply?: (o: SwaggerHttpObject) => unknown } | null)?.apply;
      if (typeof fn !== 'function') continue;
      const result = fn.call(auth, obj);
      if (result === false) status = false;
      if (result === true) status = true;
    }
    return status;
  }

  add(name: string, auth: unknown): unknown {
    this.ignored.set(name, auth);
    return auth;
  }

  remove(name: string): boolean {
    return this.ignored.delete(name);
  }

  apply(obj: SwaggerHttpObject): boolean | null {
    if (this.capturing) {
      if (!this.capturing.request) {
        this.capturing.request = {
          method: String(obj.method).toUpperCase(),
          url: obj.url,
          headers: { ...obj.headers },
          ...(typeof obj.body === 'string' ? { body: obj.body } : {}),
        };
      }
      return false;
    }
    const settings = this.origins.get(originOf(obj.url));
    if (!settings) return this.applyOthers(obj);
    obj.headers.Authorization = settings.authorization;
    obj.timeout = settings.timeoutMs;
    if (obj.on) {
      for (const key of Object.keys(obj.on)) {
        const handler = obj.on[key];
        obj.on[key] = (response: unknown) => {
          try {
            return handler(response);
          } catch (err) {
            settings.onLoadError(err);
            return undefined;
          }
        };
      }
    }
    return true;
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
