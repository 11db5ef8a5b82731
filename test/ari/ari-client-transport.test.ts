import * as net from 'node:net';
import { AriClientTransport, type AriClientTransportOptions } from '../../src/ari/ari-client-transport';
import { FakeClock } from '../../src/core/fake-clock';
import { isVoxtraError, type VoxtraError } from '../../src/core/errors';
import { memoryLogger } from '../../src/core/logger';
import { FakeAriServer } from './helpers/fake-ari-server';
import { waitFor } from './helpers/wait';

describe('AriClientTransport against a loopback ARI server', () => {
  let server: FakeAriServer;
  const transports: AriClientTransport[] = [];

  beforeEach(async () => {
    server = await FakeAriServer.start();
  });
  afterEach(async () => {
    for (const t of transports.splice(0)) await t.close();
    await server.stop();
  });

  function make(extra: Partial<AriClientTransportOptions> = {}, on: FakeAriServer = server): AriClientTransport {
    const t = new AriClientTransport({ name: 'pbx1', url: on.url, username: on.username, password: on.password, ...extra });
    transports.push(t);
    return t;
  }

  const failure = (p: Promise<unknown>): Promise<VoxtraError> => p.then(() => Promise.reject(new Error('expected a rejection')), (e: VoxtraError) => e);

  it('connects, opens the events socket with Basic auth and no credentials in the URL', async () => {
    const t = make();
    const states: string[] = [];
    t.onState((s) => states.push(s));
    await t.connect(['voxtra', 'voxtra-acme']);
    expect(t.state).toBe('connected');
    expect(states).toEqual(['connecting', 'connected']);
    expect(server.wsUpgrades).toHaveLength(1);
    expect(server.wsUpgrades[0].url).toBe('/ari/events?app=voxtra,voxtra-acme');
    expect(server.wsUpgrades[0].authorization).toBe(`Basic ${Buffer.from('voxtra:s3cret-pass').toString('base64')}`);
  });

  it('passes raw events through unchanged, including types ari-client does not know', async () => {
    const t = make();
    await t.connect(['voxtra']);
    const got: unknown[] = [];
    t.onEvent((e) => got.push(e));
    server.emit({ type: 'SomethingNewInAsterisk23', application: 'voxtra', weird: { nested: [1, 2] } });
    await waitFor(() => got.length === 1);
    expect(got[0]).toEqual({ type: 'SomethingNewInAsterisk23', application: 'voxtra', weird: { nested: [1, 2] }, timestamp: '2026-11-22T14:43:34.770+0000', asterisk_id: '02:fc:00:00:00:01' });
  });

  it('composes requests the way ari-client does: path, query, JSON body for variables', async () => {
    const t = make();
    await t.connect(['voxtra']);
    server.handler = (req) => (req.path.endsWith('/play') ? { status: 201, body: { id: 'pb-1', state: 'queued' } } : req.method === 'DELETE' ? { status: 204 } : { status: 200, body: { id: 'leg-1', state: 'Down' } });
    const pb = await t.request('channels.play', { channelId: '1795358614.1', media: 'sound:a,digits:12', playbackId: 'pb-1', lang: undefined });
    expect(pb).toEqual({ id: 'pb-1', state: 'queued' });
    await expect(t.request('channels.hangup', { channelId: '1795358614.1', reason: 'busy' })).resolves.toBeUndefined();
    await t.request('channels.originate', { endpoint: 'PJSIP/1001', app: 'voxtra', appArgs: 'voxtra-dial-leg,1.2', channelId: 'leg-1', variables: { 'PJSIP_HEADER(add,X-Tenant)': 'acme' } });
    const [play, hangup, originate] = server.apiRequests();
    expect(play.method).toBe('POST');
    expect(play.path).toBe('/ari/channels/1795358614.1/play');
    expect([...play.query.entries()]).toEqual([['media', 'sound:a,digits:12'], ['playbackId', 'pb-1']]);
    expect(hangup.method).toBe('DELETE');
    expect(hangup.query.get('reason')).toBe('busy');
    expect(originate.path).toBe('/ari/channels');
    expect(originate.query.get('appArgs')).toBe('voxtra-dial-leg,1.2');
    expect(originate.headers['content-type']).toBe('application/json');
    expect(JSON.parse(originate.body)).toEqual({ variables: { 'PJSIP_HEADER(add,X-Tenant)': 'acme' } });
  });

  it('keeps the HTTP status and message of failed requests (message or error key)', async () => {
    const t = make();
    await t.connect(['voxtra']);
    server.handler = (req) => (req.path.endsWith('/answer') ? { status: 404, body: { message: 'Channel not found' } } : { status: 500, body: { error: 'Allocation failed' } });
    const err = await failure(t.request('channels.answer', { channelId: '123.4' }));
    expect(err.code).toBe('ARI_REQUEST_FAILED');
    expect(err.details).toEqual({ status: 404, message: 'Channel not found', operation: 'channels.answer' });
    const err2 = await failure(t.request('channels.originate', { endpoint: 'PJSIP/nobody', app: 'voxtra' }));
    expect(err2.details).toEqual({ status: 500, message: 'Allocation failed', operation: 'channels.originate' });
  });

  it('rejects locally what swagger-client cannot compose, and unknown operations', async () => {
    const t = make();
    await t.connect(['voxtra']);
    const missing = await failure(t.request('channels.answer', {}));
    expect(missing.code).toBe('ARI_REQUEST_FAILED');
    expect(String(missing.details.message)).toMatch(/channelId is a required path param/);
    expect(server.apiRequests()).toHaveLength(0);
  });

  it('gives every request a deadline (default and per call) and frees the socket when it passes', async () => {
    const clock = new FakeClock();
    const t = make({ clock, requestTimeoutMs: 5000 });
    await t.connect(['voxtra']);
    server.handler = () => 'swallow';
    const pending = failure(t.request('channels.get', { channelId: '1.1' }));
    const short = failure(t.request('channels.play', { channelId: '1.1', media: 'sound:x' }, { timeoutMs: 200 }));
    await waitFor(() => server.apiRequests().length === 2);
    const sessionsWhileStuck = server.stats().sessions;
    clock.advance(200);
    const shortErr = await short;
    expect(shortErr.code).toBe('ARI_TIMEOUT');
    expect(shortErr.details).toMatchObject({ operation: 'channels.play', timeoutMs: 200 });
    clock.advance(4800);
    expect((await pending).code).toBe('ARI_TIMEOUT');
    await waitFor(() => server.stats().sessions <= sessionsWhileStuck - 2);
    expect(t.stats.inFlight).toBe(0);
  });

  it('retries an idempotent request once after the server drops the connection, never a play', async () => {
    const t = make();
    await t.connect(['voxtra']);
    let gets = 0;
    server.handler = (req) => {
      if (req.method === 'GET') return ++gets === 1 ? 'drop' : { status: 200, body: { id: '1.1' } };
      return 'drop';
    };
    await expect(t.request('channels.get', { channelId: '1.1' })).resolves.toEqual({ id: '1.1' });
    expect(gets).toBe(2);
    const err = await failure(t.request('channels.play', { channelId: '1.1', media: 'sound:x' }));
    expect(err.code).toBe('ARI_TRANSPORT');
    expect(server.apiRequests().filter((r) => r.path.endsWith('/play'))).toHaveLength(1);
    const answerErr = await failure(t.request('channels.answer', { channelId: '1.1' }));
    expect(answerErr.code).toBe('ARI_TRANSPORT');
    expect(server.apiRequests().filter((r) => r.path.endsWith('/answer'))).toHaveLength(2);
  });

  it('works with two servers that have different credentials, connected at the same time', async () => {
    const other = await FakeAriServer.start({ username: 'acme', password: 'other-secret' });
    try {
      const a = make({ name: 'a' });
      const b = make({ name: 'b' }, other);
      await Promise.all([a.connect(['voxtra']), b.connect(['voxtra'])]);
      server.handler = () => ({ status: 200, body: { server: 'a' } });
      other.handler = () => ({ status: 200, body: { server: 'b' } });
      const results = await Promise.all([a.request('asterisk.getInfo'), b.request('asterisk.getInfo'), a.request('channels.list'), b.request('channels.list')]);
      expect(results).toEqual([{ server: 'a' }, { server: 'b' }, { server: 'a' }, { server: 'b' }]);
      // Every API-description load and request carried its own server's credentials. The one
      // request without any is ari-client's reachability probe of resources.json.
      const check = (s: FakeAriServer, user: string, pass: string): void => {
        const withAuth = s.requests.filter((r) => r.headers.authorization !== undefined);
        expect(withAuth.length).toBeGreaterThan(12);
        expect(withAuth.every((r) => r.headers.authorization === `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`)).toBe(true);
        expect(s.requests.filter((r) => r.headers.authorization === undefined).map((r) => r.path)).toEqual(['/ari/api-docs/resources.json']);
      };
      check(server, 'voxtra', 's3cret-pass');
      check(other, 'acme', 'other-secret');
    } finally {
      for (const t of transports.splice(0)) await t.close();
      await other.stop();
    }
  });

  it('keeps concurrent sessions under the limit with a bounded keep-alive pool during a burst', async () => {
    await server.stop();
    server = await FakeAriServer.start({ sessionLimit: 100 });
    const t = make({ maxInFlight: 32, requestTimeoutMs: 30_000 }); // queueing counts against the deadline; this test is about sessions
    await t.connect(['voxtra']);
    server.handler = () => ({ status: 200, body: { ok: true }, delayMs: 2 });
    const before = server.stats().sessions;
    const results = await Promise.all(Array.from({ length: 600 }, (_, i) => t.request('channels.get', { channelId: `1.${i}` })));
    expect(results).toHaveLength(600);
    const stats = server.stats();
    expect(stats.refused).toBe(0);
    expect(stats.peakSessions).toBeLessThanOrEqual(before + 32);
    expect(stats.peakSessions).toBeLessThan(100);
    expect(t.stats.peakInFlight).toBe(32);
    // Sockets were reused, not opened per request.
    expect(server.apiRequests()).toHaveLength(600);
  });

  it('rejects bad credentials with the 401 status, without crashing and without leaking the password', async () => {
    const logger = memoryLogger();
    const t = make({ password: 'wrong-password', logger });
    const err = await failure(t.connect(['voxtra']));
    expect(err.code).toBe('ARI_REQUEST_FAILED');
    expect(err.details.status).toBe(401);
    expect(t.state).toBe('disconnected');
    const everything = JSON.stringify({ message: err.message, details: err.details, logs: logger.records });
    expect(everything).not.toContain('wrong-password');
    expect(everything).not.toContain(Buffer.from('voxtra:wrong-password').toString('base64'));
  });

  it('reports a dropped events socket as disconnected and does not reconnect on its own', async () => {
    const logger = memoryLogger();
    const t = make({ logger });
    await t.connect(['voxtra']);
    const states: string[] = [];
    t.onState((s) => states.push(s));
    server.dropEventSockets();
    await waitFor(() => t.state === 'disconnected');
    await new Promise((r) => setTimeout(r, 300));
    expect(server.wsUpgrades).toHaveLength(1);
    expect(states).toEqual(['disconnected']);
    // REST still works while the socket is down (calls in Stasis keep working in Asterisk).
    server.handler = () => ({ status: 204 });
    await expect(t.request('channels.answer', { channelId: '1.1' })).resolves.toBeUndefined();
    await t.connect(['voxtra']);
    expect(t.state).toBe('connected');
    expect(server.wsUpgrades).toHaveLength(2);
    expect(JSON.stringify(logger.records)).not.toContain('s3cret-pass');
  });

  it('answers pings, and drop() ends the socket as disconnected', async () => {
    const t = make();
    await t.connect(['voxtra']);
    await expect(t.ping()).resolves.toBeUndefined();
    t.drop('no pong');
    expect(t.state).toBe('disconnected');
    await expect(t.ping()).rejects.toMatchObject({ code: 'ARI_NOT_CONNECTED' });
  });

  it('goes to replaced once every app got ApplicationReplaced', async () => {
    const t = make();
    await t.connect(['voxtra', 'acme']);
    server.emit({ type: 'ApplicationReplaced', application: 'voxtra' });
    await waitFor(() => t.replaced.length === 1);
    expect(t.state).toBe('connected');
    server.emit({ type: 'ApplicationReplaced', application: 'acme' });
    await waitFor(() => t.state === 'replaced');
    expect(t.replaced).toEqual(['voxtra', 'acme']);
  });

  it('bounds a connect attempt to a server that accepts and never answers', async () => {
    const held: net.Socket[] = [];
    const silent = net.createServer((c) => held.push(c));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    const clock = new FakeClock();
    const t = new AriClientTransport({ name: 'dead', url: `http://127.0.0.1:${port}`, username: 'u', password: 'p', clock, connectTimeoutMs: 3000 });
    transports.push(t);
    const pending = failure(t.connect(['voxtra']));
    clock.advance(3000);
    const err = await pending;
    expect(err.code).toBe('ARI_TIMEOUT');
    expect(t.state).toBe('disconnected');
    await t.close();
    for (const c of held) c.destroy();
    silent.close();
  });

  it('refuses requests once closed', async () => {
    const t = make();
    await t.connect(['voxtra']);
    await t.close();
    expect(t.state).toBe('closed');
    const err = await failure(t.request('channels.list'));
    expect(isVoxtraError(err, 'ARI_NOT_CONNECTED')).toBe(true);
  });
});
