import { swaggerOperations } from '../../src/ari/ari-client';
import { AriClientTransport } from '../../src/ari/ari-client-transport';
import type { HttpCall } from '../../src/ari/http-executor';
import type { HttpRequestExecutor } from '../../src/ari/http-request-executor';
import { OperationComposer } from '../../src/ari/operation-composer';
import type { AriOperation, AriParams } from '../../src/ari/transport';
import type { RequestPipeline } from '../../src/ari/request-pipeline';
import { ARI_OPERATIONS } from '../../src/ari/operations';
import { AriSimulator } from '../../src/simulator';
import { CATALOGUE_COMPOSER } from '../../src/ari/catalogue-api';

/** The transport's two ways of composing a request, as the HTTP requests they become (internals: compared here, where nothing else can). */
interface Composers {
  compose(op: string, params: AriParams): Promise<HttpCall>;
  composeDirect(op: string, params: AriParams): HttpCall | undefined;
  api: { _swagger: { apis: Record<string, { operations?: Record<string, { parameters: Array<{ name: string; paramType: string }> }> }> } };
}

interface TransportInternals {
  readonly pipeline: RequestPipeline;
  readonly executor: HttpRequestExecutor;
}

function composers(transport: AriClientTransport): Composers {
  const { pipeline, executor } = transport as unknown as TransportInternals;
  return {
    compose: async (op, params) => executor.httpCall(await pipeline.compose(op as AriOperation, params)),
    composeDirect: (op, params) => {
      const request = pipeline.composeNow(op as AriOperation, params);
      return request && executor.httpCall(request);
    },
    api: (pipeline as unknown as { api: { client: Composers['api'] } }).api.client,
  };
}

const PATH_VALUES = ['1712345678.42', 'a b', '..', '$&x$1', '%41', 'ü/é', '#?x', 'x{y}'];
const QUERY_VALUES: unknown[] = ['x y', ['sound:beep', 'sound:a b'], true, false, 0, 12, 'a&b=c;d', '', null, 'ü€', '$&'];

const flat = (c: HttpCall): Record<string, unknown> => ({ method: c.method, url: c.url.href, headers: c.headers, body: c.body });

describe('OperationComposer: the same requests as swagger-client, composed directly', () => {
  let sim: AriSimulator;
  let transport: AriClientTransport;
  let t: Composers;

  beforeAll(async () => {
    sim = await AriSimulator.start();
    transport = new AriClientTransport({ name: 'sim', url: sim.url, username: 'voxtra', password: 'voxtra' });
    await transport.connect(['voxtra']);
    t = composers(transport);
  });

  afterAll(async () => {
    await transport?.close();
    await sim?.stop();
  });

  it('covers every operation without a body parameter, and leaves the body ones to swagger-client', () => {
    const composer = OperationComposer.from(swaggerOperations(t.api));
    const ops = composer?.operations ?? [];
    expect(ops).toEqual(expect.arrayContaining(['channels.answer', 'channels.play', 'channels.hangup', 'channels.setChannelVar', 'channels.getChannelVar', 'bridges.addChannel', 'playbacks.stop']));
    for (const op of ['channels.originate', 'channels.originateWithId', 'channels.create', 'bridges.create', 'bridges.createWithId']) expect(ops).not.toContain(op);
    expect(t.composeDirect('channels.originate', { endpoint: 'PJSIP/1001', variables: { A: '1' } })).toBeUndefined();
  });

  it('matches swagger-client byte for byte on every operation, with awkward values', async () => {
    let compared = 0;
    let seed = 7;
    const pick = <T>(xs: readonly T[]): T => xs[(seed = (seed * 1103515245 + 12345) % 2147483648) % xs.length];
    for (const [resource, api] of Object.entries(t.api._swagger.apis)) {
      for (const [nickname, operation] of Object.entries(api.operations ?? {})) {
        const op = `${resource}.${nickname}`;
        for (let round = 0; round < 6; round++) {
          const params: Record<string, unknown> = {};
          for (const p of operation.parameters) {
            if (p.paramType === 'path') params[p.name] = pick(PATH_VALUES);
            else if (p.paramType === 'query' && round % 3 !== 2) params[p.name] = pick(QUERY_VALUES);
          }
          const direct = t.composeDirect(op, params as AriParams);
          const viaSwagger = await t.compose(op, params as AriParams);
          if (direct === undefined) continue;
          expect({ op, ...flat(direct) }).toEqual({ op, ...flat(viaSwagger) });
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('composes from the operation catalogue exactly what it composes from the loaded description', () => {
    const fromCatalogue = OperationComposer.fromCatalogue();
    expect(fromCatalogue?.operations.sort()).toEqual(OperationComposer.from(swaggerOperations(t.api))?.operations.sort());
    let seed = 11;
    const pick = <T>(xs: readonly T[]): T => xs[(seed = (seed * 1103515245 + 12345) % 2147483648) % xs.length];
    for (const spec of ARI_OPERATIONS) {
      for (let round = 0; round < 6; round++) {
        const params: Record<string, unknown> = {};
        for (const p of spec.params) {
          if (p.paramType === 'path') params[p.name] = pick(PATH_VALUES);
          else if (p.paramType === 'query' && round % 3 !== 2) params[p.name] = pick(QUERY_VALUES);
        }
        expect([spec.op, fromCatalogue?.compose(spec.op, params as AriParams)]).toEqual([spec.op, (transport as unknown as TransportInternals).pipeline.composeNow(spec.op as AriOperation, params as AriParams)]);
      }
    }
  });

  it('composes the JSON-body operations from the catalogue when asked, as swagger-client does (REST over WebSocket has no swagger-client)', async () => {
    const variables = [undefined, { A: '1' }, { 'B C': 'x"y', EMPTY: '', 'Ü': 'é€' }];
    let compared = 0;
    for (const op of ['channels.originate', 'channels.originateWithId', 'channels.create', 'bridges.create', 'bridges.createWithId']) {
      for (const v of variables) {
        const params = { endpoint: 'PJSIP/1001', app: 'voxtra', appArgs: 'voxtra-dial-leg,1.2', channelId: 'leg 1', bridgeId: 'b/1', type: 'mixing', name: 'voxtra-1.2', timeout: 30, ...(v ? { variables: v } : {}) };
        const fromCatalogue = CATALOGUE_COMPOSER.compose(op, params as unknown as AriParams);
        const viaSwagger = await t.compose(op, params as unknown as AriParams);
        expect({ op, ...flat((transport as unknown as TransportInternals).executor.httpCall(fromCatalogue as never)) }).toEqual({ op, ...flat(viaSwagger) });
        compared++;
      }
    }
    expect(compared).toBe(15);
  });

  it('leaves a missing path parameter to swagger-client, which refuses it', async () => {
    expect(t.composeDirect('channels.answer', {})).toBeUndefined();
    expect(t.composeDirect('channels.answer', { channelId: '' })).toBeUndefined();
    await expect(t.compose('channels.answer', {})).rejects.toMatchObject({ code: 'ARI_REQUEST_FAILED' });
  });

  it('substitutes a path parameter wherever its segment is, whatever its case and suffix, as swagger-client urlify does', () => {
    const composer = OperationComposer.from([
      { op: 'x.get', method: 'get', path: '/ari/x/{xId}/y/{XID:int}/{other}{xid}', params: [{ name: 'xId', paramType: 'path' }, { name: 'other', paramType: 'path' }] },
    ]);
    expect(composer?.compose('x.get', { xId: 'a/{other}', other: 'b c' })?.pathAndQuery).toBe('/ari/x/a%2F%7Bother%7D/y/a%2F%7Bother%7D/b%20ca%2F%7Bother%7D');
  });

  it('requests composed directly work against the server', async () => {
    const id = sim.placeCall({ extension: '1000' });
    await new Promise((r) => setTimeout(r, 20));
    await transport.request('channels.answer', { channelId: id });
    await transport.request('channels.setChannelVar', { channelId: id, variable: 'X', value: 'a&b c' });
    expect(await transport.request('channels.getChannelVar', { channelId: id, variable: 'X' })).toEqual({ value: 'a&b c' });
    await transport.request('channels.hangup', { channelId: id, reason: 'normal' });
    expect(sim.transcript(id).map((e) => e.kind)).toEqual(expect.arrayContaining(['answered', 'variable-set', 'hangup']));
  });
});
