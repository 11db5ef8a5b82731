/**
 * `rest: websocket` on an inbound server: requests travel as RESTRequest
 * frames on the events socket, with the same operations, deadlines, bounds
 * and error codes as over HTTP; requests that wait for their channel, and
 * requests while the socket is down, go over HTTP.
 */
import { AriClientTransport, type AriClientTransportOptions } from '../../src/ari/ari-client-transport';
import { memoryLogger, type LogRecord } from '../../src/core/logger';
import { FakeAriServer } from './helpers/fake-ari-server';
import { waitFor } from './helpers/wait';

describe('AriClientTransport with rest: websocket', () => {
  let server: FakeAriServer;
  const transports: AriClientTransport[] = [];

  beforeEach(async () => {
    server = await FakeAriServer.start();
  });
  afterEach(async () => {
    for (const t of transports.splice(0)) await t.close();
    await server.stop();
  });

  function make(extra: Partial<AriClientTransportOptions> = {}): AriClientTransport {
    const t = new AriClientTransport({ name: 'pbx1', url: server.url, username: server.username, password: server.password, rest: 'websocket', ...extra });
    transports.push(t);
    return t;
  }

  it('connects without loading the API description and logs the mode', async () => {
    const records: LogRecord[] = [];
    const t = make({ logger: memoryLogger(records) });
    await t.connect(['voxtra']);
    expect(t.rest).toBe('websocket');
    expect(server.requests.filter((r) => r.path.startsWith('/ari/api-docs'))).toEqual([]);
    expect(records.find((r) => r.msg === 'ARI events socket connected')).toMatchObject({ rest: 'websocket' });
  });

  it('sends every runtime operation as a frame, JSON bodies included, and parses answers as over HTTP', async () => {
    const t = make();
    await t.connect(['voxtra']);
    server.handler = (req) => (req.path.endsWith('/play') ? { status: 201, body: { id: 'pb-1', state: 'queued' } } : req.method === 'DELETE' ? { status: 204 } : { status: 200, body: { id: 'leg-1', state: 'Down' } });
    await expect(t.request('channels.play', { channelId: '1795358614.1', media: 'sound:a,digits:12', playbackId: 'pb-1' })).resolves.toEqual({ id: 'pb-1', state: 'queued' });
    await expect(t.request('channels.hangup', { channelId: '1795358614.1', reason: 'busy' })).resolves.toBeUndefined();
    await t.request('channels.originate', { endpoint: 'PJSIP/1001', app: 'voxtra', appArgs: 'voxtra-dial-leg,1.2', channelId: 'leg-1', variables: { 'PJSIP_HEADER(add,X-Tenant)': 'acme' } });
    await t.request('bridges.create', { type: 'mixing', bridgeId: 'b-1', name: 'voxtra-1.2' });
    const [play, hangup, originate, bridge] = server.apiRequests();
    expect([play, hangup, originate, bridge].map((r) => r.via)).toEqual(['ws', 'ws', 'ws', 'ws']);
    expect(play.path).toBe('/ari/channels/1795358614.1/play');
    expect(play.query.get('media')).toBe('sound:a,digits:12');
    expect(hangup).toMatchObject({ method: 'DELETE', path: '/ari/channels/1795358614.1' });
    expect(originate.query.get('appArgs')).toBe('voxtra-dial-leg,1.2');
    expect(JSON.parse(originate.body)).toEqual({ variables: { 'PJSIP_HEADER(add,X-Tenant)': 'acme' } });
    expect(bridge.query.get('bridgeId')).toBe('b-1');
    server.handler = () => ({ status: 404, body: { message: 'Channel not found' } });
    await expect(t.request('channels.play', { channelId: 'x', media: 'sound:beep' })).rejects.toMatchObject({ code: 'ARI_REQUEST_FAILED', details: { status: 404, message: 'Channel not found' } });
  });

  it('sends the requests that wait for their channel over HTTP, never on the shared socket', async () => {
    const t = make();
    await t.connect(['voxtra']);
    server.handler = () => ({ status: 204 });
    await t.request('channels.answer', { channelId: 'c1' });
    await t.request('channels.setChannelVar', { channelId: 'c1', variable: 'X', value: '1' });
    await t.request('bridges.addChannel', { bridgeId: 'b1', channel: 'c1,c2' });
    await t.request('bridges.removeChannel', { bridgeId: 'b1', channel: 'c2' });
    await t.request('channels.continueInDialplan', { channelId: 'c1' });
    expect(server.apiRequests().map((r) => `${r.via} ${r.path}`)).toEqual([
      'http /ari/channels/c1/answer',
      'http /ari/channels/c1/variable',
      'http /ari/bridges/b1/addChannel',
      'http /ari/bridges/b1/removeChannel',
      'ws /ari/channels/c1/continue',
    ]);
  });

  it('deadlines: a swallowed frame fails with ARI_TIMEOUT', async () => {
    const t = make({ requestTimeoutMs: 150 });
    await t.connect(['voxtra']);
    server.handler = () => 'swallow';
    await expect(t.request('channels.play', { channelId: 'c1', media: 'sound:beep' })).rejects.toMatchObject({ code: 'ARI_TIMEOUT' });
  });

  it('a request in flight when the socket drops fails at once with ARI_CONNECTION_LOST; later ones go over HTTP while it is down', async () => {
    const t = make({ requestTimeoutMs: 10_000 });
    await t.connect(['voxtra']);
    server.handler = (req) => (req.via === 'ws' ? 'swallow' : { status: 201, body: { id: 'pb-2' } });
    const started = Date.now();
    const inFlight = t.request('channels.play', { channelId: 'c1', media: 'sound:beep' });
    await waitFor(() => server.apiRequests().length === 1);
    server.dropEventSockets();
    await expect(inFlight).rejects.toMatchObject({ code: 'ARI_CONNECTION_LOST' });
    expect(Date.now() - started).toBeLessThan(3000);
    await waitFor(() => t.state === 'disconnected');
    await expect(t.request('channels.play', { channelId: 'c1', media: 'sound:beep' })).resolves.toEqual({ id: 'pb-2' });
    expect(server.apiRequests().map((r) => r.via)).toEqual(['ws', 'http']);
  });

  it('before the first connect, requests fail with ARI_NOT_CONNECTED, as over HTTP', async () => {
    const t = make();
    await expect(t.request('asterisk.ping')).rejects.toMatchObject({ code: 'ARI_NOT_CONNECTED' });
  });

  it('keeps requests sent on the old socket answered across a make-before-break app change', async () => {
    const t = make();
    await t.connect(['voxtra']);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    server.handler = (req) => (req.path.endsWith('/play') ? { status: 201, body: { id: 'pb-held' }, hold: held } : { status: 200, body: {} });
    const play = t.request('channels.play', { channelId: 'c1', media: 'sound:beep' });
    await waitFor(() => server.apiRequests().length === 1);
    const moved = t.updateApps(['voxtra', 'voxtra-acme']);
    await waitFor(() => server.wsUpgrades.length === 2);
    setTimeout(release, 50);
    await expect(play).resolves.toEqual({ id: 'pb-held' });
    await moved;
    await t.request('asterisk.ping');
    // The old socket closes once its answer came.
    await waitFor(() => server.sockets.size === 1);
  });
});
