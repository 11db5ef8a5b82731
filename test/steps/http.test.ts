import { flushAsync } from '../../src/core/fake-clock';
import { httpStep, type HttpParams } from '../../src/steps/http';
import { parsePick, pick } from '../../src/steps/json-pick';
import { json, LocalHttpServer } from '../helpers/local-http-server';
import { harness, type HarnessOptions } from './support/harness';
import { paramsOf, type Reported } from './support/normalize';
import { validateStepValue } from './support/schema';

describe('http: schema and normalize', () => {
  it('accepts a service or a URL with the request parts', () => {
    for (const ok of [
      { service: 'crm' },
      { service: 'crm', path: '/customers/{{ metadata.tenant }}', method: 'POST', query: { number: '{{ call.number }}', n: 1 }, headers: { 'X-Trace': '{{ call.id }}' }, body: { digits: '{{ vars.digits }}', list: [1, 'a'] }, timeout: '2s', into: 'crm', save: { name: '$.customer.name', first: '$.items[0]', odd: '$["a b"]' }, on_error: [{ say: 'Sorry' }] },
      { url: 'https://api.example.com/v1/lookup' },
    ]) {
      expect({ ok, valid: validateStepValue(httpStep, ok).valid }).toEqual({ ok, valid: true });
    }
    for (const bad of ['crm', { service: 'crm', method: 'TRACE' }, { url: 'ftp://x/' }, { service: 'crm', save: { name: 'customer.name' } }, { service: 'crm', save: { 'bad name': '$' } }, { service: 'crm', headers: { 'Bad Header': 'x' } }, { service: 'crm', extra: 1 }]) {
      expect({ bad, valid: validateStepValue(httpStep, bad).valid }).toEqual({ bad, valid: false });
    }
  });

  it('normalizes: method defaults to GET, or POST with a body; writes into, status, error and the saved names', () => {
    expect(paramsOf<HttpParams>({ http: { service: 'crm' } })).toEqual({ service: 'crm', method: 'GET', into: 'http' });
    const p = paramsOf<HttpParams>({ http: { service: 'crm', body: { a: 1 }, into: 'crm', save: { tier: '$.tier' }, timeout: '2s' } });
    expect(p).toMatchObject({ method: 'POST', body: { a: 1 }, timeoutMs: 2000 });
    expect(httpStep.writesVars?.(p)).toEqual(['crm', 'crm_status', 'crm_error', 'tier']);
  });

  it('reports URLs built from caller input, a templated origin, GET with a body, and service/url mistakes', () => {
    const problems = (raw: unknown): string[] => {
      const reported: Reported[] = [];
      paramsOf({ http: raw }, reported);
      return reported.map((r) => `${r.code} ${r.path.slice(4).join('.')}`);
    };
    expect(problems({ service: 'crm', path: '/c/{{ vars.account }}' })).toEqual(['UNTRUSTED_TEMPLATE path']);
    expect(problems({ service: 'crm', path: '/c/{{ call.number }}' })).toEqual(['UNTRUSTED_TEMPLATE path']);
    expect(problems({ service: 'crm', path: '/c/{{ metadata.tenant }}' })).toEqual([]);
    expect(problems({ url: 'https://{{ metadata.host }}/x' })).toEqual(['UNTRUSTED_TEMPLATE url']);
    expect(problems({ url: 'https://api.example.com/{{ vars.x }}' })).toEqual(['UNTRUSTED_TEMPLATE url']);
    expect(problems({ url: 'https://api.example.com/{{ metadata.tenant }}/x' })).toEqual([]);
    expect(problems({ service: 'crm', body: { a: 1 }, method: 'GET' })).toEqual(['SCHEMA_VALUE body']);
    expect(problems({ service: 'crm', url: 'https://x/' })).toEqual(['SCHEMA_INVALID ']);
    expect(problems({ url: 'https://x/', path: '/a' })).toEqual(['SCHEMA_INVALID path']);
    expect(problems({ service: 'crm', timeout: '2m' })).toEqual(['SCHEMA_VALUE timeout']);
  });

  it('picks values with the JSONPath subset (own properties only)', () => {
    const doc = { a: { b: [10, 20, { c: 'x' }] }, 'odd key': true };
    expect(pick(doc, parsePick('$') ?? [])).toBe(doc);
    expect(pick(doc, parsePick('$.a.b[1]') ?? [])).toBe(20);
    expect(pick(doc, parsePick('$.a.b[-1].c') ?? [])).toBe('x');
    expect(pick(doc, parsePick('$["odd key"]') ?? [])).toBe(true);
    expect(pick(doc, parsePick("$['a']['b'][0]") ?? [])).toBe(10);
    expect(pick(doc, parsePick('$.a.missing') ?? [])).toBeUndefined();
    expect(pick(doc, parsePick('$.a.constructor') ?? [])).toBeUndefined();
    expect(pick(doc, parsePick('$.a.b.length') ?? [])).toBeUndefined();
    expect(parsePick('$..a')).toBeUndefined();
    expect(parsePick('a.b')).toBeUndefined();
  });
});

describe('http: execute against a local server', () => {
  let server: LocalHttpServer;
  beforeEach(async () => {
    server = await LocalHttpServer.start();
  });
  afterEach(async () => {
    await server.close();
  });

  function call(steps: unknown[], over: Partial<HarnessOptions> = {}) {
    return harness({
      flows: { main: steps },
      settings: { httpServices: { crm: { url: `${server.url}/api/`, headers: { authorization: 'Bearer s3cret' }, timeoutMs: 3000 } } },
      metadata: { tenant: 'acme' },
      ...over,
    });
  }

  it('sends the request (trusted path, encoded query, service and step headers, JSON body) and saves the answer', async () => {
    server.handler = (_req, res) => json(res, { customer: { name: 'Ada', tier: 'gold' }, items: [{ id: 7 }] });
    const h = call([
      {
        http: {
          service: 'crm',
          path: '/tenants/{{ metadata.tenant }}/lookup',
          query: { number: '{{ vars.number }}' },
          headers: { 'X-Call': '{{ call.id }}' },
          body: { caller: '{{ vars.number }}', n: 2 },
          into: 'crm',
          save: { name: '$.customer.name', first: '$.items[0].id', missing: '$.nope' },
          on_error: [{ set: { failed: true } }],
        },
      },
    ]);
    h.call.vars.number = '+1 555&x=1';
    await h.runner.run('main');
    expect(server.received).toHaveLength(1);
    const req = server.received[0];
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/tenants/acme/lookup?number=%2B1+555%26x%3D1');
    expect(req.headers).toMatchObject({ authorization: 'Bearer s3cret', 'x-call': '1795358614.1', 'content-type': 'application/json', accept: 'application/json' });
    expect(JSON.parse(req.body)).toEqual({ caller: '+1 555&x=1', n: 2 });
    expect(h.call.vars).toEqual({
      number: '+1 555&x=1',
      crm: { customer: { name: 'Ada', tier: 'gold' }, items: [{ id: 7 }] },
      crm_status: 200,
      crm_error: '',
      name: 'Ada',
      first: 7,
      missing: null,
    });
    const line = h.logs.find((l) => /http POST/.test(String(l.msg)));
    expect(JSON.stringify(line)).not.toMatch(/s3cret|555/);
  });

  it('a status of 500 runs on_error with the status and the error body', async () => {
    server.handler = (_req, res) => json(res, { error: 'down' }, 500);
    const h = call([{ http: { service: 'crm', save: { tier: '$.tier' }, on_error: [{ set: { failed: 'yes' } }] } }, { set: { after: 'ran' } }]);
    await h.runner.run('main');
    expect(h.call.vars).toEqual({ http: { error: 'down' }, http_status: 500, http_error: 'status', tier: null, failed: 'yes', after: 'ran' });
  });

  it('an answer that is not JSON is bad_json; a redirect is not followed', async () => {
    server.handler = (req, res) => {
      if (req.url.startsWith('/api/moved')) {
        res.writeHead(302, { location: 'http://example.com/' });
        res.end();
      } else res.end('<html>oops</html>');
    };
    const h = call([{ http: { service: 'crm' } }, { set: { first: '{{ vars.http_error }}' } }, { http: { service: 'crm', path: 'moved' } }]);
    await h.runner.run('main');
    expect(h.call.vars).toMatchObject({ first: 'bad_json', http: null, http_status: 302, http_error: 'status' });
    expect(server.received.map((r) => r.url)).toEqual(['/api/', '/api/moved']);
  });

  it('times out on the injected clock and runs on_error', async () => {
    server.handler = () => undefined; // never answers
    const h = call([{ http: { service: 'crm', timeout: '2s', on_error: [{ set: { failed: '{{ vars.http_error }}' } }] } }]);
    const run = h.runner.run('main');
    await server.waitForRequest(1);
    h.clock.advance(1999);
    await flushAsync();
    expect(h.call.vars).toEqual({});
    h.clock.advance(1);
    await run;
    expect(h.call.vars).toEqual({ http: null, http_status: 0, http_error: 'timeout', failed: 'timeout' });
  });

  it('a caller hangup cancels the request and ends the flow (on_error does not run)', async () => {
    server.handler = () => undefined;
    const h = call([{ http: { service: 'crm', on_error: [{ set: { failed: true } }] } }]);
    const run = h.runner.run('main');
    await server.waitForRequest(1);
    h.port.callerHangup();
    const result = await run;
    expect(result.outcome).toBe('caller_hangup');
    expect(h.call.vars).toEqual({});
  });

  it('a refused connection is a network error; an oversized answer is too_large', async () => {
    server.handler = (_req, res) => res.end(`"${'x'.repeat(300 * 1024)}"`);
    const big = call([{ http: { service: 'crm' } }]);
    await big.runner.run('main');
    expect(big.call.vars).toMatchObject({ http_error: 'too_large', http_status: 200, http: null });

    const closed = await LocalHttpServer.start();
    const url = closed.url;
    await closed.close();
    const h = call([{ http: { url: `${url}/x` } }]);
    await h.runner.run('main');
    expect(h.call.vars).toMatchObject({ http_status: 0, http_error: 'network' });
  });

  it('refuses a rendered path that would leave the service (.., ?, encoded slash) before sending', async () => {
    for (const tenant of ['../admin', 'a?x=1', 'a%2fb', 'a//b']) {
      const h = call([{ http: { service: 'crm', path: '/t/{{ metadata.tenant }}' } }], { metadata: { tenant } });
      await expect(h.runner.run('main')).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    }
    expect(server.received).toEqual([]);
  });

  it('a url template stays on its written origin', async () => {
    server.handler = (_req, res) => json(res, { ok: true });
    const h = call([{ http: { url: `${server.url}/t/{{ metadata.tenant }}/ping` } }]);
    await h.runner.run('main');
    expect(server.received.map((r) => r.url)).toEqual(['/t/acme/ping']);
    expect(h.call.vars.http).toEqual({ ok: true });
  });

  it('a service missing from the snapshot fails the step', async () => {
    const h = call([{ http: { service: 'billing' } }]);
    await expect(h.runner.run('main')).rejects.toMatchObject({ code: 'STEP_FAILED' });
  });
});
