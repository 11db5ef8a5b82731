/**
 * The head-of-line rule. Asterisk serves one WebSocket's RESTRequests one at
 * a time, in order, and answers a channel request that waits for the
 * channel's thread (here setChannelVar during a playback) only when the
 * playback ends: trace rest-over-websocket, 1.40 s, with a ping behind it
 * waiting too. A shared socket must never let one call's slow request stall
 * another call: on a shared socket such requests go over HTTP; a per-call
 * socket carries only its own call.
 */
import WebSocket from 'ws';
import { AriClientTransport } from '../../src/ari/ari-client-transport';
import { AriListener } from '../../src/ari/listen/ari-listener';
import { StasisAppNames } from '../../src/ari/listen/stasis-app-names';
import type { AriTransport } from '../../src/ari/transport';
import { FakeAriServer, type FakeAnswer, type FakeRequest } from './helpers/fake-ari-server';
import { FakeAsteriskConnection } from './helpers/fake-asterisk';
import type { PeerAnswer, PeerRequest } from './helpers/rest-frames-peer';
import { waitFor } from './helpers/wait';

const PLAYBACK_MS = 1500;
/** What "promptly" means on a loaded 2-core box: far below a playback. */
const PROMPT_MS = 500;

/**
 * A channel model as much as the rule needs: a play starts a playback of
 * PLAYBACK_MS on the channel; setChannelVar (and answer) on a channel with a
 * playback running is answered only when it ends; anything else at once.
 */
class Channels {
  private readonly playing = new Map<string, Promise<void>>();

  answer(req: FakeRequest | PeerRequest): FakeAnswer & PeerAnswer {
    const m = /^\/ari\/channels\/([^/]+)\/(play|variable|answer)$/.exec(req.path);
    if (m && m[2] === 'play') {
      const done = new Promise<void>((r) => setTimeout(r, PLAYBACK_MS));
      this.playing.set(m[1], done);
      void done.then(() => this.playing.delete(m[1]));
      return { status: 201, body: { id: `pb-${m[1]}`, state: 'playing' } };
    }
    if (m && req.method === 'POST' && (m[2] === 'variable' || m[2] === 'answer')) {
      const busy = this.playing.get(m[1]);
      return busy ? { status: 204, hold: busy } : { status: 204 };
    }
    if (req.path === '/ari/asterisk/ping') return { status: 200, body: { ping: 'pong' } };
    return { status: 200, body: { value: 'x' } };
  }
}

/** Call B's requests while call A's setChannelVar waits for A's playback: each must come back promptly. */
async function stallCheck(a: AriTransport, b: AriTransport): Promise<{ setVarMs: number; bMs: number[]; bDoneFirst: boolean }> {
  await a.request('channels.play', { channelId: 'A', media: 'sound:hello-world' });
  const t0 = Date.now();
  let setVarDone = 0;
  const setVar = a.request('channels.setChannelVar', { channelId: 'A', variable: 'VOXTRA_QS', value: 'x' }, { timeoutMs: 10_000 }).then(() => (setVarDone = Date.now()));
  // Let the slow request reach the server first.
  await new Promise((r) => setTimeout(r, 50));
  const bMs: number[] = [];
  for (const [op, params] of [
    ['channels.play', { channelId: 'B', media: 'sound:beep' }],
    ['channels.getChannelVar', { channelId: 'B', variable: 'X' }],
    ['asterisk.ping', {}],
    ['channels.hangup', { channelId: 'B' }],
  ] as const) {
    const started = Date.now();
    await b.request(op, params);
    bMs.push(Date.now() - started);
  }
  const bDoneFirst = setVarDone === 0;
  await setVar;
  return { setVarMs: setVarDone - t0, bMs, bDoneFirst };
}

describe('head-of-line: one call\'s slow request never stalls another call', () => {
  let server: FakeAriServer;
  const channels = new Channels();

  beforeEach(async () => {
    server = await FakeAriServer.start();
    server.handler = (req) => channels.answer(req);
  });
  afterEach(async () => {
    await server.stop();
  });

  it('the fake serialises a socket like Asterisk: a ping sent behind a held setChannelVar waits for the playback (the stall the rule avoids)', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ari/events?app=voxtra`, { headers: { Authorization: `Basic ${Buffer.from('voxtra:s3cret-pass').toString('base64')}` } });
    await new Promise((r) => ws.once('open', r));
    const answers: Array<{ id: string; at: number }> = [];
    ws.on('message', (d) => {
      const f = JSON.parse(d.toString()) as { type: string; request_id: string };
      if (f.type === 'RESTResponse') answers.push({ id: f.request_id, at: Date.now() });
    });
    const send = (id: string, method: string, uri: string): void => ws.send(JSON.stringify({ type: 'RESTRequest', transaction_id: 't', request_id: id, method, uri }));
    send('play', 'POST', 'channels/A/play?media=sound:hello-world');
    await waitFor(() => answers.length === 1);
    const t0 = Date.now();
    send('var', 'POST', 'channels/A/variable?variable=X&value=1');
    send('ping', 'GET', 'asterisk/ping');
    await waitFor(() => answers.length === 3, 5000);
    expect(answers.map((a) => a.id)).toEqual(['play', 'var', 'ping']);
    expect(answers[2].at - t0).toBeGreaterThanOrEqual(PLAYBACK_MS - 200);
    ws.close();
  });

  it('inbound rest: websocket: A\'s setChannelVar goes over HTTP and waits there; B\'s requests on the shared socket come back promptly', async () => {
    const t = new AriClientTransport({ name: 'pbx1', url: server.url, username: server.username, password: server.password, rest: 'websocket', requestTimeoutMs: 10_000 });
    try {
      await t.connect(['voxtra']);
      const { setVarMs, bMs, bDoneFirst } = await stallCheck(t, t);
      expect(setVarMs).toBeGreaterThanOrEqual(PLAYBACK_MS - 300);
      expect(bDoneFirst).toBe(true);
      for (const ms of bMs) expect(ms).toBeLessThan(PROMPT_MS);
      expect(server.apiRequests().filter((r) => r.path === '/ari/channels/A/variable').map((r) => r.via)).toEqual(['http']);
      expect(server.apiRequests().filter((r) => r.path.startsWith('/ari/channels/B')).every((r) => r.via === 'ws')).toBe(true);
    } finally {
      await t.close();
    }
  });

  describe('Asterisk connecting to Voxtra', () => {
    let listener: AriListener;

    afterEach(async () => {
      await listener?.close();
    });

    async function start(withHttp: boolean): Promise<void> {
      listener = new AriListener({
        name: 'edge',
        listen: { host: '127.0.0.1', port: 0 },
        path: '/voxtra',
        username: 'asterisk',
        password: 'pw',
        names: StasisAppNames.of(['voxtra']),
        requestTimeoutMs: 10_000,
        ...(withHttp ? { http: { url: server.url, username: server.username, password: server.password } } : {}),
      });
      await listener.start();
    }

    it('persistent (with url): A\'s setChannelVar goes over HTTP; B\'s requests on the shared socket come back promptly', async () => {
      await start(true);
      const conn = await FakeAsteriskConnection.open(listener.url, 'voxtra', { username: 'asterisk', password: 'pw' });
      conn.handler = (req) => channels.answer(req);
      conn.registered();
      await waitFor(() => listener.peerList.length === 1);
      const transport = listener.peerList[0].transport;
      const { setVarMs, bMs, bDoneFirst } = await stallCheck(transport, transport);
      expect(setVarMs).toBeGreaterThanOrEqual(PLAYBACK_MS - 300);
      expect(bDoneFirst).toBe(true);
      for (const ms of bMs) expect(ms).toBeLessThan(PROMPT_MS);
      expect(server.apiRequests().map((r) => `${r.via} ${r.path}`)).toContain('http /ari/channels/A/variable');
      expect(conn.requests.some((r) => r.path === '/ari/channels/A/variable')).toBe(false);
      conn.close();
    });

    it('per call: each call has its own socket, so A\'s wait holds only A\'s socket', async () => {
      await start(false);
      const a = await FakeAsteriskConnection.open(listener.url, 'voxtra:PJSIP/sipp-0000000a', { username: 'asterisk', password: 'pw' });
      const b = await FakeAsteriskConnection.open(listener.url, 'voxtra:PJSIP/sipp-0000000b', { username: 'asterisk', password: 'pw' });
      for (const c of [a, b]) {
        c.handler = (req) => channels.answer(req);
        c.registered();
      }
      await waitFor(() => listener.peerList.length === 2);
      const peerOf = (app: string): AriTransport => (listener.peerList.find((p) => p.gateway.activeApps.includes(app)) as { transport: AriTransport }).transport;
      const { setVarMs, bMs, bDoneFirst } = await stallCheck(peerOf('voxtra:PJSIP/sipp-0000000a'), peerOf('voxtra:PJSIP/sipp-0000000b'));
      expect(setVarMs).toBeGreaterThanOrEqual(PLAYBACK_MS - 300);
      expect(bDoneFirst).toBe(true);
      for (const ms of bMs) expect(ms).toBeLessThan(PROMPT_MS);
      // Everything went on the call's own socket.
      expect(a.requests.map((r) => r.path)).toEqual(['/ari/channels/A/play', '/ari/channels/A/variable']);
      expect(b.requests).toHaveLength(4);
      a.close();
      b.close();
    });
  });
});
