import type { AriOperationSpec } from '../../ari/operations';
import type { JsonObject } from '../model/json';
import { fail, ok, type AriResult } from '../model/result';
import { SERVED_RESOURCES } from '../resources';
import { eventModels, objectModels } from './models';

/** `basePath` as Asterisk writes it: from the Host header, absent without one. */
function withBase(host: string | undefined, doc: JsonObject): JsonObject {
  const { apiVersion, swaggerVersion, ...rest } = doc;
  return { apiVersion, swaggerVersion, ...(host ? { basePath: `http://${host}/ari` } : {}), ...rest };
}

export function resourcesDocument(host: string | undefined): JsonObject {
  return withBase(host, {
    apiVersion: '10.0.0',
    swaggerVersion: '1.1',
    apis: SERVED_RESOURCES.map((r) => ({ path: `/api-docs/${r.name}.{format}`, description: r.description })),
  });
}

function operationJson(route: AriOperationSpec): JsonObject {
  return {
    httpMethod: route.method,
    ...(route.websocket ? { upgrade: 'websocket', websocketProtocol: 'ari' } : {}),
    summary: route.summary,
    nickname: route.nickname,
    responseClass: route.responseClass,
    parameters: route.params.map((p) => ({
      name: p.name,
      description: p.description,
      paramType: p.paramType,
      required: p.required,
      allowMultiple: p.allowMultiple,
      dataType: p.dataType,
      ...(p.defaultValue !== undefined ? { defaultValue: p.defaultValue } : {}),
      ...(p.allowableValues ? { allowableValues: { ...p.allowableValues } } : {}),
    })) as JsonObject[],
    ...(route.errors ? { errorResponses: route.errors.map((e) => ({ code: e.code, reason: e.reason })) } : {}),
  };
}

/** One resource's Swagger document, generated from the served operations; undefined for unknown names. */
export function resourceDocument(name: string, host: string | undefined): JsonObject | undefined {
  const resource = SERVED_RESOURCES.find((r) => r.name === name);
  if (!resource) return undefined;
  const apis: JsonObject[] = [];
  for (const route of resource.operations) {
    let api = apis.find((a) => a.path === route.path);
    if (!api) {
      api = { path: route.path, description: route.summary, operations: [] };
      apis.push(api);
    }
    (api.operations as JsonObject[]).push(operationJson(route));
  }
  return withBase(host, {
    apiVersion: '2.0.0',
    swaggerVersion: name === 'events' ? '1.2' : '1.1',
    resourcePath: `/api-docs/${name}.{format}`,
    apis,
    models: name === 'events' ? eventModels() : objectModels(name),
  });
}

/**
 * GET /ari/api-docs/<name>.json: `rest` is what follows `api-docs/`
 * (segments); any other method is 405 with `Allow: OPTIONS,GET`.
 */
export function apiDocResult(method: string, rest: readonly string[], host: string | undefined): AriResult {
  if (rest.length !== 1 || !rest[0].endsWith('.json')) return fail(404, 'Resource not found');
  if (method !== 'GET') return { ...fail(405, 'Invalid method'), headers: { Allow: 'OPTIONS,GET' } };
  const name = rest[0].slice(0, -'.json'.length);
  const doc = name === 'resources' ? resourcesDocument(host) : resourceDocument(name, host);
  return doc ? ok(doc) : fail(404, 'Resource not found');
}
