/**
 * Voxtra's listener for Asterisk's outbound WebSockets, driven by a fake
 * Asterisk that sends the traced frames (outbound-persistent,
 * outbound-per-call): the upgrade checks, telling persistent from per-call
 * connections by the first frame, per-call app names mapped back, calls
 * driven over the socket, closing, persistent reconnects with replayed
 * events, TLS.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import WebSocket from 'ws';
import { AriListener, type AriListenerOptions, type ListenObserver } from '../../../src/ari/listen/ari-listener';
import { StasisAppNames } from '../../../src/ari/listen/stasis-app-names';
import type { IncomingCall } from '../../../src/control/incoming-call';
import { memoryLogger, type LogRecord } from '../../../src/core/logger';
import { FakeAriServer } from '../helpers/fake-ari-server';
import { ASTERISK_ID, FakeAsteriskConnection, channelEvent, stasisStart } from '../helpers/fake-asterisk';
import { selfSignedCert } from '../helpers/self-signed-cert';
import { waitFor } from '../helpers/wait';

const AUTH = { username: 'asterisk-pc', password: 'pc-secret' };
const TIMINGS = { firstFrameMs: 300, perCallStartMs: 400, lingerMs: 300, reattachMs: 400 };

describe('AriListener', () => {
  let listener: AriListener;
  let calls: IncomingCall[];
  let records: LogRecord[];
  let counted: string[];
  const conns: FakeAsteriskConnection[] = [];

  async function start(extra: Partial<AriListenerOptions> = {}): Promise<AriListener> {
    calls = [];
    records = [];
    counted = [];
    const observer: ListenObserver = {
      accepted: (_s, k) => counted.push(`accepted ${k}`),
      refused: (_s, k) => counted.push(`refused ${k ?? 'unknown'}`),
      closed: (_s, k) => counted.push(`closed ${k}`),
    };
    listener = new AriListener({
      name: 'edge',
      listen: { host: '127.0.0.1', port: 0 },
      path: '/voxtra/per-call',
      ...AUTH,
      names: StasisAppNames.of(['voxtra-pc', 'voxtra-out']),
      logger: memoryLogger(records),
      timings: TIMINGS,
      observer,
      ...extra,
    });
    await listener.start();
    listener.onIncoming((c) => calls.push(c));
    return listener;
  }

  async function open(application: string, auth = AUTH, url = `${listener.url}?tenant=acme`): Promise<FakeAsteriskConnection> {
    const c = await FakeAsteriskConnection.open(url, application, auth);
    conns.push(c);
    return c;
  }

  /** A per-call connection as Asterisk opens it for a call: ApplicationRegistered, StasisStart; resolves once the call was handed on. */
  async function callOn(app: string, channelId: string): Promise<FakeAsteriskConnection> {
    const before = calls.length;
    const c = await open(app);
    c.registered();
    c.send(stasisStart(channelId, app));
    await waitFor(() => calls.length === before + 1);
    return c;
  }

  afterEach(async () => {
    for (const c of conns.splice(0)) c.terminate();
    await listener?.close();
  });

  describe('the upgrade', () => {
    beforeEach(async () => {
      await start();
    });

    it('accepts Asterisk\'s upgrade (Basic credentials, subprotocol ari, the uri\'s query string) and answers with subprotocol ari', async () => {
      const c = await open('voxtra-pc:PJSIP/sipp-0001c16d');
      expect(c.protocol).toBe('ari');
    });

    it.each([
      ['a wrong password', { ...AUTH, password: 'nope' }, undefined, 401],
      ['no credentials', { username: '', password: '' }, undefined, 401],
      ['another path', AUTH, '/elsewhere', 404],
      ['a subprotocol other than ari', { ...AUTH, protocols: ['mqtt'] }, undefined, 400],
    ])('refuses %s', async (_what, auth, path, status) => {
      const url = path ? listener.url.replace('/voxtra/per-call', path) : listener.url;
      const err = (await open('voxtra-pc:x', auth, url).then(
        () => undefined,
        (e: { status?: number; headers?: Record<string, string> }) => e,
      )) as { status?: number; headers?: Record<string, string> };
      expect(err?.status).toBe(status);
      if (status === 401) expect(err.headers?.['www-authenticate']).toMatch(/^Basic/);
      expect(counted).toEqual(['refused unknown']);
      expect(records.find((r) => r.msg === 'refused an Asterisk connection at the upgrade')).toMatchObject({ status });
    });

    it('answers a plain HTTP request with 426', async () => {
      const status = await new Promise<number>((resolve) => http.get(listener.url.replace('ws:', 'http:'), (res) => resolve(res.statusCode ?? 0)));
      expect(status).toBe(426);
    });
  });

  describe('the first frame', () => {
    beforeEach(async () => {
      await start();
    });

    it('closes a connection naming an app it does not serve, with the reason', async () => {
      const c = await open('voxtra-other:PJSIP/sipp-1');
      c.registered();
      expect(await c.closed).toEqual({ code: 1008, reason: 'unknown Stasis app voxtra-other:PJSIP/sipp-1' });
      expect(counted).toEqual(['refused unknown']);
    });

    it('closes a connection whose frame is not an ARI event', async () => {
      const c = await open('voxtra-pc:PJSIP/sipp-1');
      c.sendRaw('this is not json');
      expect(await c.closed).toEqual({ code: 1003, reason: 'not an ARI event' });
    });

    it('closes a connection that sends nothing', async () => {
      const c = await open('voxtra-pc:PJSIP/sipp-1');
      expect((await c.closed).code).toBe(1008);
    });

    it('refuses a persistent connection on a server without url (a shared socket must not carry channel-waiting requests)', async () => {
      const c = await open('voxtra-out');
      c.registered();
      expect(await c.closed).toEqual({ code: 1008, reason: 'persistent connections need url (Asterisk HTTP ARI) on this server' });
      expect(counted).toEqual(['refused persistent']);
    });
  });

  describe('per-call connections', () => {
    beforeEach(async () => {
      await start();
    });

    it('maps <app>:<channel name> back to the app, drives the call over its socket and ends with it', async () => {
      const app = 'voxtra-pc:PJSIP/sipp-0001c16d';
      const c = await open(app);
      c.handler = (req) => (req.path.endsWith('/play') ? { status: 201, body: { id: 'pb', state: 'queued' } } : { status: 204 });
      c.registered('2026-12-06T10:07:11.551+0000');
      c.send(stasisStart('1796551631.115053', app, { args: ['trace-pc'] }));
      await waitFor(() => calls.length === 1);
      const call = calls[0];
      expect(call).toMatchObject({ server: 'edge', app: 'voxtra-pc', args: ['trace-pc'], channel: { id: '1796551631.115053', name: 'PJSIP/sipp-0001c16d' } });
      expect(counted).toEqual(['accepted per_call']);
      await call.control.answer();
      await call.control.hangup('normal');
      expect(c.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /ari/channels/1796551631.115053/answer', 'DELETE /ari/channels/1796551631.115053']);
      c.send(channelEvent('StasisEnd', '1796551631.115053', app));
      await call.control.ended;
      // Asterisk closes 1000 ~3.5 s after StasisEnd; the peer is gone then.
      c.close(1000);
      await waitFor(() => listener.peerList.length === 0 && counted.includes('closed per_call'));
      expect(listener.status().connections).toEqual({ persistent: 0, per_call: 0 });
    });

    it('originates legs into the per-call app name, so their events come on the same socket', async () => {
      const app = 'voxtra-pc:PJSIP/sipp-00000001';
      const c = await callOn(app, '1.1');
      c.handler = () => ({ status: 200, body: { id: 'leg', state: 'Down' } });
      await calls[0].control.originate({ endpoint: 'PJSIP/agent' });
      const originate = await c.waitForRequest((r) => r.path === '/ari/channels');
      expect(originate.query.get('app')).toBe(app);
    });

    it('closes a connection Asterisk leaves open after its call ended', async () => {
      const app = 'voxtra-pc:PJSIP/sipp-00000002';
      const c = await callOn(app, '2.2');
      c.send(channelEvent('StasisEnd', '2.2', app));
      expect(await c.closed).toEqual({ code: 1000, reason: 'call ended' });
      await waitFor(() => listener.peerList.length === 0);
    });

    it('two calls, two sockets, each with only its own call', async () => {
      const a = await callOn('voxtra-pc:PJSIP/sipp-0001c3f0', '3.1');
      const b = await callOn('voxtra-pc:PJSIP/sipp-0001c3f1', '3.2');
      await Promise.all(calls.map((call) => call.control.answer()));
      expect(a.requests.map((r) => r.path)).toEqual(['/ari/channels/3.1/answer']);
      expect(b.requests.map((r) => r.path)).toEqual(['/ari/channels/3.2/answer']);
      expect(listener.status().connections).toEqual({ persistent: 0, per_call: 2 });
    });

    it('a reconnect of a call this process runs takes the call over; requests meanwhile wait for it', async () => {
      const app = 'voxtra-pc:PJSIP/sipp-00000004';
      const first = await callOn(app, '4.4');
      first.terminate();
      await waitFor(() => listener.status().connections.per_call === 0);
      const answered = calls[0].control.answer();
      const again = await open(app);
      again.send(channelEvent('ChannelDtmfReceived', '4.4', app, { digit: '5', duration_ms: 200 }));
      again.registered();
      const digits: string[] = [];
      calls[0].control.onDtmf((d) => digits.push(d));
      await answered;
      expect(again.requests.map((r) => r.path)).toEqual(['/ari/channels/4.4/answer']);
      again.send(channelEvent('ChannelDtmfReceived', '4.4', app, { digit: '7', duration_ms: 200 }));
      await waitFor(() => digits.includes('7'));
      expect(calls).toHaveLength(1);
    });

    it('a reconnect of a call begun elsewhere (no StasisStart) is reconciled: the channel goes to the orphan handler', async () => {
      const orphans: string[] = [];
      listener.onOrphan((o) => orphans.push(`${o.app} ${o.channel.id}`));
      const app = 'voxtra-pc:PJSIP/sipp-00000005';
      const c = await open(app);
      c.handler = (req) =>
        req.path === '/ari/channels'
          ? { status: 200, body: [stasisStart('5.5', app).channel] }
          : req.path.startsWith('/ari/applications/')
            ? { status: 200, body: { name: app, channel_ids: ['5.5'] } }
            : { status: 204 };
      c.registered();
      await waitFor(() => orphans.length === 1, 3000);
      expect(orphans).toEqual(['voxtra-pc 5.5']);
      expect(calls).toHaveLength(0);
    });
  });

  describe('persistent connections', () => {
    let ari: FakeAriServer;

    beforeEach(async () => {
      ari = await FakeAriServer.start();
      ari.handler = () => ({ status: 204 });
      await start({ path: '/voxtra/persistent', http: { url: ari.url, username: ari.username, password: ari.password } });
    });
    afterEach(async () => {
      await ari.stop();
    });

    /** What a persistent connection's reconciliation asks, answered from the channels Asterisk has. */
    const reconcileAnswers = (channels: Array<Record<string, unknown>>) => (req: { path: string; method: string }) =>
      req.path === '/ari/channels'
        ? { status: 200, body: channels.map((c) => c.channel) }
        : req.path === '/ari/applications/voxtra-out'
          ? { status: 200, body: { name: 'voxtra-out', channel_ids: channels.map((c) => (c.channel as { id: string }).id) } }
          : { status: 204 };

    it('survives an outage: calls in progress go on, queued events (a new call\'s StasisStart included) are handled once', async () => {
      const url = listener.url;
      const b = stasisStart('1796551410.100644', 'voxtra-out', { args: ['trace-out'], timestamp: '2026-12-06T10:03:30.462+0000' });
      const first = await open('voxtra-out', AUTH, url);
      first.handler = reconcileAnswers([]);
      first.registered('2026-12-06T10:03:24.635+0000');
      await waitFor(() => first.requests.some((r) => r.path.startsWith('/ari/applications')));
      first.send(b);
      await waitFor(() => calls.length === 1);
      const digits: string[] = [];
      calls[0].control.onDtmf((d) => digits.push(d));
      expect(listener.status().persistent).toMatchObject([{ asterisk: ASTERISK_ID, connected: true, activeCalls: 1 }]);

      // Outage: TCP dropped. Asterisk keeps the calls and queues their events.
      first.terminate();
      await waitFor(() => listener.status().persistent[0]?.connected === false);
      // Call B's requests meanwhile go over HTTP (Asterisk's REST works for calls in Stasis).
      await calls[0].control.answer();
      expect(ari.apiRequests().map((r) => `${r.via} ${r.path}`)).toEqual(['http /ari/channels/1796551410.100644/answer']);

      // Reconnect: the queued events first, with their timestamps, then a fresh ApplicationRegistered.
      const c = stasisStart('1796551413.100645', 'voxtra-out', { args: ['trace-out'], timestamp: '2026-12-06T10:03:33.210+0000' });
      const second = await open('voxtra-out', AUTH, url);
      second.handler = reconcileAnswers([b, c]);
      second.send(channelEvent('ChannelDtmfReceived', '1796551410.100644', 'voxtra-out', { digit: '1', duration_ms: 200, timestamp: '2026-12-06T10:03:32.062+0000' }));
      second.send(c);
      second.registered('2026-12-06T10:03:37.029+0000');
      await waitFor(() => calls.length === 2 && digits.length === 1);
      await waitFor(() => second.requests.some((r) => r.path === '/ari/applications/voxtra-out'));
      // Once each: B's digit, C's call; reconciliation found both running.
      await new Promise((r) => setTimeout(r, 100));
      expect(digits).toEqual(['1']);
      expect(calls.map((call) => call.channel.id)).toEqual(['1796551410.100644', '1796551413.100645']);
      expect(records.filter((r) => r.msg === 'reconciled channels after connecting')).toEqual([]);
      expect(listener.peerList).toHaveLength(1);
      expect(listener.status().persistent).toMatchObject([{ connected: true, activeCalls: 2 }]);
      expect(counted).toEqual(['accepted persistent', 'closed persistent', 'accepted persistent']);
      // A replayed StasisStart for a call already running is ignored, not run twice.
      second.send(c);
      await new Promise((r) => setTimeout(r, 100));
      expect(calls).toHaveLength(2);
    });

    it('reconciles on the first connection: a call a previous process left in the app goes to the orphan handler', async () => {
      const orphans: string[] = [];
      listener.onOrphan((o) => orphans.push(o.channel.id));
      const left = stasisStart('9.9', 'voxtra-out');
      const conn = await open('voxtra-out', AUTH, listener.url);
      conn.handler = reconcileAnswers([left]);
      conn.registered();
      await waitFor(() => orphans.length === 1);
      expect(orphans).toEqual(['9.9']);
    });
  });

  it('serves wss:// with a certificate and key', async () => {
    const { cert, key } = selfSignedCert();
    await start({ tls: { cert, key } });
    expect(listener.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/voxtra\/per-call$/);
    const ws = new WebSocket(listener.url, ['ari'], { headers: { Authorization: `Basic ${Buffer.from('asterisk-pc:pc-secret').toString('base64')}` }, ca: cert });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    expect(ws.protocol).toBe('ari');
    ws.send(JSON.stringify({ type: 'ApplicationRegistered', application: 'voxtra-pc:PJSIP/tls-1', asterisk_id: ASTERISK_ID }));
    await waitFor(() => counted.includes('accepted per_call'));
    ws.terminate();
    // Plain ws:// to a TLS listener does not get through.
    const plain = await new Promise<number>((resolve) => https.get(listener.url.replace('wss:', 'https:'), { ca: cert }, (res) => resolve(res.statusCode ?? 0)));
    expect(plain).toBe(426);
  });

  it('stops accepting at once: the port refuses new connections while open ones go on', async () => {
    await start();
    const c = await callOn('voxtra-pc:PJSIP/sipp-00000006', '6.6');
    const port = listener.address.port;
    listener.stopAccepting();
    expect(listener.status().listening).toBe(false);
    const refused = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve('connected');
      });
      s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
    await calls[0].control.answer();
    expect(c.requests.map((r) => r.path)).toEqual(['/ari/channels/6.6/answer']);
  });
});
