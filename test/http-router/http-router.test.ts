import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import { memoryLogger } from '../../src/core/logger';
import { createHttpRouter } from '../../src/http-router';
import type { HttpRouterRequest } from '../../src/routing/http-router-types';
import { httpRule } from '../routing/snapshot-builder';

interface Seen {
  method?: string;
  path?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen) => void;

let server: http.Server;
let base: string;
let handler: Handler;
let seen: Seen[];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const s: Seen = { method: req.method, path: req.url, headers: req.headers, body };
      seen.push(s);
      handler(req, res, s);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
});

const json = (body: unknown, status = 200): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

const request: HttpRouterRequest = {
  call_id: '1712345.7',
  from: '+265888111111',
  to: '1000',
  extension: '1000',
  number: '+265888111111',
  caller_name: 'Ann',
  app: 'voxtra',
  args: ['inbound'],
  headers: { 'X-Tier': 'gold' },
  variables: { TIER: 'gold' },
};

function router() {
  const logger = memoryLogger();
  return { ask: createHttpRouter({ logger }), logger };
}

describe('HTTP router client against a loopback server', () => {
  it('POSTs the call facts as JSON with the rule headers and returns a checked forward answer', async () => {
    handler = json({
      action: 'forward',
      targets: ['PJSIP/1001', 'PJSIP/trunk/sip:+15551234@carrier.example:5060'],
      strategy: 'parallel',
      timeout: 30,
      record: true,
      headers: { 'X-Call-Reason': ' ticket-123 ' },
      extensions: { crm_id: '998877', score: 7 },
      media_proxy: 'auto',
      with_original_headers: true,
    });
    const { ask, logger } = router();
    const answer = await ask(httpRule('crm', `${base}/decision`), request);
    expect(answer).toEqual({
      action: 'forward',
      targets: ['PJSIP/1001', 'PJSIP/trunk/sip:+15551234@carrier.example:5060'],
      strategy: 'parallel',
      timeoutMs: 30_000,
      headers: { 'X-Call-Reason': 'ticket-123' },
      record: true,
      extensions: { crm_id: '998877', score: 7 },
      ignored: ['media_proxy', 'with_original_headers'],
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/decision' });
    expect(seen[0].headers['content-type']).toBe('application/json');
    expect(seen[0].headers['x-api-key']).toBe('k1');
    expect(JSON.parse(seen[0].body)).toEqual(request);
    expect(logger.records).toEqual([expect.objectContaining({ level: 'info', action: 'forward', ignored: ['media_proxy', 'with_original_headers'], rule: 'crm' })]);
  });

  it('maps reject status codes to hangup causes and keeps the reason log-safe', async () => {
    handler = json({ action: 'reject', status: 486, reason: 'agent busy\r\nX-Injected: 1' });
    const { ask } = router();
    expect(await ask(httpRule('r', base), request)).toMatchObject({ action: 'reject', cause: 'busy', status: 486, reason: 'agent busy X-Injected: 1' });
    handler = json({ action: 'abort' });
    expect(await ask(httpRule('r', base), request)).toMatchObject({ action: 'abort', cause: 'rejected' });
  });

  it('passes not_handled on (resolution falls through) and logs spam', async () => {
    handler = json({ action: 'not_handled' });
    const { ask, logger } = router();
    expect(await ask(httpRule('r', base), request)).toEqual({ action: 'not_handled', extensions: {}, ignored: [] });
    handler = json({ action: 'spam', reason: 'robocaller' });
    expect(await ask(httpRule('r', base), request)).toMatchObject({ action: 'spam', cause: 'rejected', reason: 'robocaller' });
    expect(logger.records.at(-1)).toMatchObject({ level: 'warn', action: 'spam' });
  });

  it('accepts a flow id (checked against the snapshot by resolveCall)', async () => {
    handler = json({ flow: 'sales', extensions: { tier: 'gold' } });
    const { ask } = router();
    expect(await ask(httpRule('r', base), request)).toEqual({ action: 'flow', flow: 'sales', extensions: { tier: 'gold' }, ignored: [] });
  });

  it('gives up when the rule timeout passes (fake clock)', async () => {
    let arrived!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    handler = () => arrived(); // never answers
    const clock = new FakeClock();
    const logger = memoryLogger();
    const ask = createHttpRouter({ clock, logger });
    const pending = ask(httpRule('slow', base, 500), request);
    await arrival;
    clock.advance(499);
    await flushAsync();
    expect(clock.pending).toBe(1);
    clock.advance(1);
    expect(await pending).toBeUndefined();
    expect(logger.records).toEqual([expect.objectContaining({ level: 'warn', msg: expect.stringContaining('no answer within 500ms') })]);
    expect(clock.pending).toBe(0);
  });

  it.each([
    ['bad JSON', json('{"action": forward'), 'not JSON'],
    ['a non-2xx status', json({ action: 'forward', targets: ['PJSIP/1'] }, 503), 'HTTP 503'],
    ['an unknown action', json({ action: 'dance' }), 'answer refused'],
    ['forward without targets', json({ action: 'forward' }), 'answer refused'],
    ['a wrong type', json({ action: 'forward', targets: 'PJSIP/1' }), 'answer refused'],
    ['no action', json({ strategy: 'parallel' }), 'answer refused'],
    ['a JSON array', json([{ action: 'forward' }]), 'answer refused'],
    ['a flow with another action', json({ action: 'forward', targets: ['PJSIP/1'], flow: 'x' }), 'answer refused'],
  ])('falls through on %s', async (_name, h, why) => {
    handler = h;
    const { ask, logger } = router();
    expect(await ask(httpRule('r', base), request)).toBeUndefined();
    expect(logger.records).toEqual([expect.objectContaining({ level: 'warn', msg: expect.stringContaining(why) })]);
  });

  it.each([
    ['a second target smuggled with &', { action: 'forward', targets: ['PJSIP/1001&PJSIP/evil'] }],
    ['Dial options smuggled with ,', { action: 'forward', targets: ['PJSIP/1001,,tTwW'] }],
    ['a dialplan function', { action: 'forward', targets: ['Local/${SHELL(id)}@default'] }],
    ['parentheses', { action: 'forward', targets: ['PJSIP/a(b)'] }],
    ['a newline', { action: 'forward', targets: ['PJSIP/1001\nPJSIP/2'] }],
    ['a bare SIP URI', { action: 'forward', targets: ['sip:1001@10.0.0.1'] }],
    ['a header name with CRLF', { action: 'forward', targets: ['PJSIP/1'], headers: { 'X-A\r\nVia': 'x' } }],
    ['a reserved header', { action: 'forward', targets: ['PJSIP/1'], headers: { Via: 'SIP/2.0/UDP evil' } }],
    ['a header value with CRLF', { action: 'forward', targets: ['PJSIP/1'], headers: { 'X-A': 'ok\r\nContact: <sip:evil>' } }],
    ['a prototype key in extensions', JSON.parse('{"action":"not_handled","extensions":{"__proto__":"x"}}')],
    ['inline steps', { action: 'flow', steps: [{ dial: 'PJSIP/evil' }] }],
  ])('refuses a hostile answer: %s', async (_name, body) => {
    handler = json(body);
    const { ask, logger } = router();
    expect(await ask(httpRule('r', base), request)).toBeUndefined();
    expect(logger.records[0]).toMatchObject({ level: 'warn', msg: expect.stringContaining('answer refused') });
  });

  it('does not follow redirects away from the configured URL', async () => {
    handler = (req, res) => {
      if (req.url === '/elsewhere') return json({ action: 'forward', targets: ['PJSIP/1'] })(req, res, seen[0]);
      res.writeHead(307, { location: `${base}/elsewhere` });
      res.end();
    };
    const { ask } = router();
    expect(await ask(httpRule('r', `${base}/decision`), request)).toBeUndefined();
    expect(seen.map((s) => s.path)).toEqual(['/decision']);
  });

  it('refuses oversized answers', async () => {
    handler = json({ action: 'not_handled', reason: 'x'.repeat(4000), extensions: { a: 'y'.repeat(1000) } });
    const logger = memoryLogger();
    const ask = createHttpRouter({ logger, maxBodyBytes: 1024 });
    expect(await ask(httpRule('r', base), request)).toBeUndefined();
    expect(logger.records[0].msg).toContain('larger than 1024 bytes');
  });

  it('falls through when the server is unreachable', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { ask, logger } = router();
    expect(await ask(httpRule('r', `http://127.0.0.1:${port}/`), request)).toBeUndefined();
    expect(logger.records[0].msg).toContain('request failed');
  });

  it('only posts to http(s) URLs, through the injected fetch', async () => {
    const urls: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      urls.push(String(input));
      return new Response(JSON.stringify({ action: 'not_handled' }), { status: 200 });
    };
    const ask = createHttpRouter({ fetch: fakeFetch });
    expect(await ask(httpRule('r', 'file:///etc/passwd'), request)).toBeUndefined();
    expect(await ask(httpRule('r', 'https://router.example/decide'), request)).toMatchObject({ action: 'not_handled' });
    expect(urls).toEqual(['https://router.example/decide']);
  });
});
