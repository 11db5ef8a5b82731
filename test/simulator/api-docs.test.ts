import { request } from 'node:http';
import { resourceDocument, resourcesDocument } from '../../src/simulator/api/api-docs';
import { EMITTED_EVENT_TYPES } from '../../src/simulator/api/models';
import { resourceOf } from '../../src/ari/operations';
import { OPERATION_HANDLERS, SERVED_OPERATIONS as ROUTES } from '../../src/simulator/resources';
import { AriSimulator } from '../../src/simulator';
import { loadApiDoc } from './helpers/trace-file';

interface RealParam {
  name: string;
  paramType: string;
  required?: boolean;
  allowMultiple?: boolean;
  dataType: string;
  allowableValues?: { valueType: string; values?: string[]; min?: number };
}
interface RealOperation {
  httpMethod: string;
  nickname: string;
  responseClass: string;
  parameters?: RealParam[];
}
interface RealDoc {
  apis: Array<{ path: string; operations: RealOperation[] }>;
  models: Record<string, { properties: Record<string, unknown> }>;
}

const realDoc = (name: string): RealDoc => loadApiDoc(name) as unknown as RealDoc;

/** What must agree for a parameter: the real docs omit required/allowMultiple on a few path params. */
const paramKey = (p: RealParam): string =>
  JSON.stringify({
    name: p.name,
    paramType: p.paramType,
    required: p.required ?? p.paramType === 'path',
    allowMultiple: p.allowMultiple ?? false,
    dataType: p.dataType,
    allowable: p.allowableValues ? { type: p.allowableValues.valueType, values: p.allowableValues.values ?? null, min: p.allowableValues.min ?? null } : null,
  });

describe('served API description against Asterisk 22 api-docs', () => {
  test.each(ROUTES.map((r) => [`${r.method} ${r.path} (${r.op})`, r] as const))('%s exists with the same nickname, response class and parameters', (_label, route) => {
    const doc = realDoc(resourceOf(route));
    const api = doc.apis.find((a) => a.path === route.path);
    expect(api).toBeDefined();
    const op = api?.operations.find((o) => o.httpMethod === route.method);
    expect(op?.nickname).toBe(route.op.split('.')[1]);
    expect(op?.responseClass).toBe(route.responseClass);
    expect(route.params.map((p) => paramKey(p as unknown as RealParam))).toEqual((op?.parameters ?? []).map(paramKey));
  });

  test('every served REST operation has a model handler and every handler is served', () => {
    const served = ROUTES.filter((r) => !r.websocket).map((r) => r.op).sort();
    expect(Object.keys(OPERATION_HANDLERS).sort()).toEqual(served);
  });

  test.each(EMITTED_EVENT_TYPES.map((t) => [t]))('event model %s has the real property names', (type) => {
    const real = realDoc('events').models[type];
    expect(real).toBeDefined();
    const ours = (resourceDocument('events', 'h')?.models as Record<string, { properties: Record<string, unknown> }>)[type];
    expect(Object.keys(ours.properties).sort()).toEqual(Object.keys(real.properties).sort());
  });

  test('object models carry the real property names', () => {
    const home: Record<string, string> = { Channel: 'channels', CallerID: 'channels', DialplanCEP: 'channels', Bridge: 'bridges', Playback: 'playbacks', LiveRecording: 'recordings' };
    for (const api of resourcesDocument('h').apis as Array<{ path: string }>) {
      const name = api.path.split('/')[2].replace('.{format}', '');
      const ours = resourceDocument(name, 'h')?.models as Record<string, { properties: Record<string, unknown> }>;
      for (const [model, def] of Object.entries(ours)) {
        if (model === 'Message' || model === 'Event' || EMITTED_EVENT_TYPES.includes(model)) continue;
        const real = realDoc(name === 'events' ? home[model] : name).models[model];
        expect([model, Object.keys(def.properties).sort()]).toEqual([model, Object.keys(real.properties).sort()]);
      }
    }
  });

  test('resources.json lists the same documents as Asterisk, in the same order', () => {
    const real = loadApiDoc('resources') as { apis: Array<{ path: string }>; apiVersion: string };
    const ours = resourcesDocument('example.test:9999');
    expect((ours.apis as Array<{ path: string }>).map((a) => a.path)).toEqual(real.apis.map((a) => a.path));
    expect(ours.apiVersion).toBe(real.apiVersion);
  });
});

describe('serving the API docs', () => {
  let sim: AriSimulator;
  beforeAll(async () => {
    sim = await AriSimulator.start();
  });
  afterAll(() => sim.stop());

  const get = (path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const url = new URL(sim.url);
      const req = request({ host: url.hostname, port: url.port, path, headers, setHost: false, agent: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
  const auth = { Authorization: `Basic ${Buffer.from('voxtra:voxtra').toString('base64')}` };

  test('basePath follows the Host header, and is absent without one', async () => {
    const withHost = JSON.parse((await get('/ari/api-docs/channels.json', { ...auth, Host: 'example.test:9999' })).body) as Record<string, unknown>;
    expect(withHost.basePath).toBe('http://example.test:9999/ari');
    expect(Object.keys(withHost).slice(0, 3)).toEqual(['apiVersion', 'swaggerVersion', 'basePath']);
    const noHost = JSON.parse((await get('/ari/api-docs/resources.json', auth)).body) as Record<string, unknown>;
    expect(noHost).not.toHaveProperty('basePath');
    expect(noHost.apis).toEqual(resourcesDocument(undefined).apis);
  });

  test('api-docs need credentials; unknown documents are 404 Resource not found', async () => {
    expect((await get('/ari/api-docs/resources.json', { Host: 'h' })).status).toBe(401);
    const missing = await get('/ari/api-docs/nosuch.json', { ...auth, Host: 'h' });
    expect(missing).toEqual({ status: 404, body: '{"message":"Resource not found"}' });
  });
});
