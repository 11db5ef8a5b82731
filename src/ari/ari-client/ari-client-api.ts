import { createRequire } from 'node:module';
import { VoxtraError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { LoadedAriApi } from '../loaded-api';
import type { ComposedRequest, DescribedOperation } from '../operation-composer';
import { redactError } from '../../core/redact';
import type { AriOperation, AriParams } from '../transport';
import type { AriClient, AriClientModule, AriClientOperation, SwaggerModule } from './ari-client-types';
import { swaggerOperations } from './swagger-operations';
import { SwaggerRequestRouter } from './swagger-request-router';

interface AriClientRuntime {
  readonly ariClient: AriClientModule;
  readonly router: SwaggerRequestRouter;
}

let loaded: AriClientRuntime | undefined;

/**
 * Loads ari-client, with the router on its swagger-client, if it is not
 * loaded yet. A transport that will read the server's API description calls
 * it when it is created, at start-up: the load is ~180 ms of synchronous
 * work, and at the first connect it held up the events that followed and
 * read as event-loop lag, so a replica turned away its first calls and
 * broadcast offers (`runtime.overload.max_event_loop_lag`). A process whose
 * servers all compose from the catalogue (`rest: websocket`, outbound
 * connections) never loads ari-client, request and swagger-client (~7 MiB
 * of heap, ~19 MiB of RSS).
 */
export function prepareAriClient(): void {
  ariClientRuntime();
}

function ariClientRuntime(): AriClientRuntime {
  if (loaded) return loaded;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ariClient = require('ari-client') as AriClientModule;
  // ari-client talks to Asterisk through its own copy of swagger-client; the
  // router must sit on that very module object.
  const ariRequire = createRequire(require.resolve('ari-client'));
  const swaggerModule = ariRequire('swagger-client') as SwaggerModule;
  const router = SwaggerRequestRouter.install(swaggerModule);
  silenceSwaggerConsole();
  return (loaded = { ariClient, router });
}

export interface AriClientApiOptions {
  /** Server name, for error messages. */
  readonly name: string;
  /** `http://host:port` of the server. */
  readonly origin: string;
  /** `Basic ...` for the description's loads (ari-client itself is given no credentials). */
  readonly authorization: string;
  /** Socket timeout of each load. */
  readonly timeoutMs: number;
  /** Redacted from everything logged or rethrown. */
  readonly secrets: readonly string[];
  readonly logger: Logger;
}

/**
 * Loads a server's API description with ari-client (about 13 requests that
 * swagger-client sends itself, with this server's credentials chosen by
 * origin). Rejects with `ARI_REQUEST_FAILED` and the status when the server
 * refuses a load (e.g. 401), with the error as is otherwise.
 */
export async function loadAriClientApi(opts: AriClientApiOptions): Promise<LoadedAriApi> {
  const settings = {
    authorization: opts.authorization,
    timeoutMs: opts.timeoutMs,
    onLoadError: (err: unknown) => opts.logger.warn({ err: redactError(err, opts.secrets) }, 'ARI API description failed to load'),
  };
  const { ariClient, router } = ariClientRuntime();
  router.setOrigin(opts.origin, settings);
  let client: AriClient;
  try {
    client = await ariClient.connect(opts.origin, '', '');
  } catch (err) {
    throw loadFailure(err, opts);
  } finally {
    router.removeOrigin(opts.origin, settings);
  }
  return new AriClientApi(client, opts.name, router);
}

/** The description as ari-client loaded it: requests are composed by ari-client's generated methods and captured, never sent by it. */
class AriClientApi implements LoadedAriApi {
  readonly operations: readonly DescribedOperation[] | undefined;

  constructor(
    private readonly client: AriClient,
    private readonly name: string,
    private readonly router: SwaggerRequestRouter,
  ) {
    this.operations = swaggerOperations(client);
  }

  async compose(op: AriOperation, params: AriParams): Promise<ComposedRequest> {
    const [resourceName, nickname] = op.split('.');
    const resource = this.client[resourceName] as Record<string, unknown> | undefined;
    const fn = resource?.[nickname];
    if (typeof fn !== 'function') throw new VoxtraError('ARI_REQUEST_FAILED', `${op} is not in ${this.name}'s ARI API`, { operation: op, message: 'unknown operation' });
    const args: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(params)) if (value !== undefined) args[key] = value;
    const { result, request } = this.router.capture(() => (fn as AriClientOperation).call(resource, args));
    if (!request) {
      // swagger-client refused to compose it (e.g. a missing path parameter) and rejected with its reason.
      const reason = await Promise.resolve(result).then(
        () => 'no request composed',
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      );
      throw new VoxtraError('ARI_REQUEST_FAILED', `${op}: ${reason}`, { operation: op, message: reason });
    }
    const source = new URL(request.url);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(request.headers)) {
      if (key.toLowerCase() === 'authorization') continue;
      if (key.toLowerCase() === 'content-type' && request.body === undefined) continue;
      headers[key] = String(value);
    }
    return { method: request.method, pathAndQuery: source.pathname + source.search, headers, ...(request.body !== undefined ? { body: request.body } : {}) };
  }
}

/** swagger-client reports a refused load as "401 : Unauthorized <url>": that status is kept. */
function loadFailure(err: unknown, opts: AriClientApiOptions): unknown {
  const clean = redactError(err, opts.secrets);
  const status = /^(\d{3}) : /.exec(clean.message);
  if (!status) return err;
  return new VoxtraError('ARI_REQUEST_FAILED', `connect to ${opts.name} failed: ${clean.message}`, { status: Number(status[1]), message: clean.message, operation: 'api-docs' });
}

/**
 * swagger-client 2.0.26 defines a global `log` that prints to stdout (a
 * deprecation notice on every connect to an ARI server), which would corrupt
 * our JSON log lines. Only that function is replaced.
 */
function silenceSwaggerConsole(): void {
  const g = globalThis as { log?: unknown };
  if (typeof g.log === 'function' && /log\.history/.test(String(g.log))) g.log = () => undefined;
}
