import { ARI_OPERATIONS, ARI_RESOURCES, ariOperation, isRetryable } from '../../src/ari/operations';
import { loadApiDoc } from '../simulator/helpers/trace-file';

interface RealOperation {
  httpMethod: string;
  nickname: string;
  parameters?: Array<{ name: string; paramType: string }>;
  errorResponses?: Array<{ code: number | string }>;
}
interface RealDoc {
  apis: Array<{ path: string; operations: RealOperation[] }>;
}

const realOperation = (resource: string, path: string, method: string): RealOperation | undefined =>
  (loadApiDoc(resource) as unknown as RealDoc).apis.find((a) => a.path === path)?.operations.find((o) => o.httpMethod === method);

describe('the ARI operation catalogue against Asterisk 22 api-docs', () => {
  test.each(ARI_OPERATIONS.map((o) => [o.op, o] as const))('%s has the real method, path, nickname and parameters', (_op, spec) => {
    const real = realOperation(spec.resource, spec.path, spec.method);
    expect(real?.nickname).toBe(spec.nickname);
    const params = (ps: ReadonlyArray<{ name: string; paramType: string }>): string[] => ps.map((p) => `${p.paramType} ${p.name}`);
    expect(params(spec.params)).toEqual(params(real?.parameters ?? []));
  });

  test.each(ARI_OPERATIONS.filter((o) => o.errors).map((o) => [o.op, o] as const))('%s documents only error statuses Asterisk documents', (_op, spec) => {
    const real = new Set((realOperation(spec.resource, spec.path, spec.method)?.errorResponses ?? []).map((e) => Number(e.code)));
    for (const e of spec.errors ?? []) expect([spec.op, e.code, real.has(e.code)]).toEqual([spec.op, e.code, true]);
  });

  test('resources are the documents of resources.json, in its order', () => {
    const real = (loadApiDoc('resources') as { apis: Array<{ path: string }> }).apis.map((a) => a.path.replace('/api-docs/', '').replace('.{format}', ''));
    expect(ARI_RESOURCES.map((r) => r.name)).toEqual(real);
  });

  test('names are unique and resolve to their entry', () => {
    expect(new Set(ARI_OPERATIONS.map((o) => o.op)).size).toBe(ARI_OPERATIONS.length);
    for (const spec of ARI_OPERATIONS) expect(ariOperation(spec.op)).toBe(spec);
    expect(ariOperation('channels.nosuch')).toBeUndefined();
  });

  test('retries every GET and only the idempotent actions, never a play, originate, record or continue', () => {
    const retried = ARI_OPERATIONS.filter((o) => o.method !== 'GET' && isRetryable(o.op, o.method)).map((o) => o.op);
    expect(retried.sort()).toEqual(['channels.answer', 'channels.hangup', 'channels.setChannelVar', 'channels.startMoh', 'channels.stopMoh']);
    for (const spec of ARI_OPERATIONS.filter((o) => o.method === 'GET')) expect(isRetryable(spec.op, spec.method)).toBe(true);
  });
});
