import type { DescribedOperation } from '../operation-composer';

/** The slice of swagger-client 2.0's loaded API that this module reads. */
interface SwaggerOperationLike {
  readonly method?: unknown;
  readonly path?: unknown;
  readonly parameters?: unknown;
  readonly resource?: { readonly basePath?: unknown };
}

/**
 * The operations of ari-client's loaded API (`client._swagger.apis`), with
 * the path swagger-client requests (base path and `{format}` resolved).
 * Undefined when the shape is not the one expected (another ari-client
 * version); an operation whose own shape is unexpected is left out.
 */
export function swaggerOperations(client: unknown): DescribedOperation[] | undefined {
  const apis = (client as { _swagger?: { apis?: unknown } } | undefined)?._swagger?.apis;
  if (!apis || typeof apis !== 'object') return undefined;
  const out: DescribedOperation[] = [];
  for (const [resourceName, resource] of Object.entries(apis as Record<string, unknown>)) {
    const operations = (resource as { operations?: unknown } | undefined)?.operations;
    if (!operations || typeof operations !== 'object') continue;
    for (const [nickname, operation] of Object.entries(operations as Record<string, unknown>)) {
      const described = describe(`${resourceName}.${nickname}`, operation as SwaggerOperationLike);
      if (described) out.push(described);
    }
  }
  return out;
}

function describe(op: string, operation: SwaggerOperationLike): DescribedOperation | undefined {
  const { method, path, parameters } = operation;
  const basePath = operation.resource?.basePath;
  if (typeof method !== 'string' || typeof path !== 'string' || !Array.isArray(parameters) || typeof basePath !== 'string') return undefined;
  const params: Array<{ name: string; paramType: string }> = [];
  for (const param of parameters as Array<{ name?: unknown; paramType?: unknown }>) {
    if (typeof param.name !== 'string') return undefined;
    params.push({ name: param.name, paramType: String(param.paramType) });
  }
  return { op, method, path: pathAfterOrigin(basePath) + path.replace('{format}', 'json'), params };
}

/** `http://host:8088/ari` → `/ari` (textually, as swagger-client concatenates base path and path). */
function pathAfterOrigin(basePath: string): string {
  const scheme = basePath.indexOf('://');
  const slash = basePath.indexOf('/', scheme < 0 ? 0 : scheme + 3);
  return slash < 0 ? '' : basePath.slice(slash);
}
