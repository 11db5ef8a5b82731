import { FakeClock } from '../../../src/core/fake-clock';
import { AriSimulator, type OutboundWebSocketConfig } from '../../../src/simulator';
import { FakeServer } from '../helpers/fake-connector';
import { EPOCH, harness } from '../helpers/harness';

const CONFIG: OutboundWebSocketConfig = {
  uri: 'ws://127.0.0.1:8765/voxtra/persistent',
  connectionType: 'persistent',
  apps: ['voxtra-out'],
  username: 'asterisk-out',
  password: 'secret',
  connectionTimeoutMs: 500,
  reconnectIntervalMs: 1500,
  reconnectAttempts: 4,
};

function setup(): { h: ReturnType<typeof harness>; server: FakeServer; sim: AriSimulator; clock: FakeClock } {
  const clock = new FakeClock(EPOCH);
  const server = new FakeServer(clock);
  const h = harness({ clock, outboundConnector: server, outbound: { 'voxtra-out': CONFIG } });
  return { h, server, sim: h.sim, clock };
}

const rq = (id: string, method: string, uri: string): object => ({ type: 'RESTRequest', transaction_id: 'tx', request_id: id, method, uri });
const log = (sim: AriSimulator): string[] => sim.asteriskLog().map((e) => `${e.level} ${e.source}: ${e.message}`);

describe('persistent outbound WebSocket', () => {
  it('registers its apps at once and sends ApplicationRegistered, stamped with that moment, as the first frame', async () => {
    const { h, server, sim } = setup();
    const created = h.clock.now();
    await h.advance(0);
    expect(server.attempts).toEqual([created]);
    expect(server.last.frames).toEqual([{ type: 'ApplicationRegistered', timestamp: expect.any(String), application: 'voxtra-out', asterisk_id: '02:fc:00:00:00:01' }]);
    expect(Object.keys(server.last.frames[0])).toEqual(['type', 'timestamp', 'application', 'asterisk_id']);
    expect(log(sim)).toEqual(["VERBOSE stasis/app.c: Creating Stasis app 'voxtra-out'", 'NOTICE ari/ari_websockets.c: voxtra-out: Outbound websocket connected to ws://127.0.0.1:8765/voxtra/persistent']);
    expect(sim.outbound()).toEqual([{ id: 'voxtra-out', uri: CONFIG.uri, connectionType: 'persistent', apps: ['voxtra-out'], state: 'connected', failures: 0, queued: 0 }]);
  });

  it('serves REST over the socket and delivers the calls of its apps', async () => {
    const { h, server, sim } = setup();
    await h.advance(3000);
    const link = server.last;
    link.request(rq('apps', 'GET', 'applications/voxtra-out'));
    const id = sim.placeCall({ extension: 'trace-out', target: { stasis: 'voxtra-out' } });
    await h.advance(0);
    link.request(rq('answer', 'POST', `channels/${id}/answer`));
    expect(link.types()).toEqual(['ApplicationRegistered', 'RESTResponse:apps', 'StasisStart', 'ChannelStateChange', 'RESTResponse:answer']);
    expect(link.frames[1]).toMatchObject({ status_code: 200, application: 'voxtra-out', message_body: JSON.stringify({ name: 'voxtra-out', channel_ids: [], bridge_ids: [], endpoint_ids: [], device_names: [], events_allowed: [], events_disallowed: [] }) });
  });

  it('retries every reconnect_interval forever, logging every reconnect_attempts failures, queues events and replays them with their timestamps', async () => {
    const { h, server, sim } = setup();
    await h.advance(0);
    const b = sim.placeCall({ extension: 'b', target: { stasis: 'voxtra-out' } });
    await h.advance(100);
    h.op('channels.answer', { channelId: b });
    server.mode = 'down';
    const downAt = h.clock.now();
    server.last.serverClose(1001);
    await h.advance(0);
    expect(server.attempts.slice(1)).toEqual([downAt]);
    // While away: HTTP REST works, events queue, a new call enters Stasis and waits in Ring.
    await h.advance(1000);
    expect(h.op('channels.play', { channelId: b, media: 'sound:beep', playbackId: 'pb-during-outage-1' }).status).toBe(201);
    await h.advance(1000);
    const c = sim.placeCall({ extension: 'c', target: { stasis: 'voxtra-out' } });
    await h.advance(3999);
    expect(server.attempts.slice(1).map((t) => t - downAt)).toEqual([0, 1500, 3000, 4500]);
    expect(h.op('applications.get', { applicationName: 'voxtra-out' }).body).toMatchObject({ channel_ids: expect.arrayContaining([b, c]) });
    expect(h.op('channels.get', { channelId: c }).body).toMatchObject({ state: 'Ring' });
    server.mode = 'accept';
    await h.advance(1);
    expect(server.attempts.slice(1).map((t) => t - downAt)).toEqual([0, 1500, 3000, 4500, 6000]);
    const link = server.last;
    expect(link.types()).toEqual(['PlaybackStarted', 'PlaybackFinished', 'StasisStart', 'ApplicationRegistered']);
    expect(link.frames[2]).toMatchObject({ channel: { id: c, state: 'Ring' } });
    // Original timestamps: the StasisStart is about 4 s older than the ApplicationRegistered after it.
    const ts = (i: number): number => Date.parse(String(link.frames[i].timestamp).replace('+0000', 'Z'));
    expect(ts(3) - ts(2)).toBe(4000);
    expect(log(sim)).toEqual(
      expect.arrayContaining([
        'WARNING ari/ari_websockets.c: voxtra-out: Websocket disconnected.  Reconnecting',
        "WARNING ari/ari_websockets.c: 127.0.0.1:8765: Queued 'PlaybackStarted' message for Stasis app 'voxtra-out'; websocket is not ready",
        "WARNING ari/ari_websockets.c: 127.0.0.1:8765: Queued 'StasisStart' message for Stasis app 'voxtra-out'; websocket is not ready",
        'WARNING res_websocket_client.c: voxtra-out: Websocket connection to ws://127.0.0.1:8765/voxtra/persistent failed after 4 tries: Client start error (Transport endpoint is not connected).  Retrying in 1500 ms.',
      ]),
    );
  });

  it('logs a TCP drop, and retries refusals (401, 503) on the same schedule', async () => {
    const { h, server, sim } = setup();
    await h.advance(0);
    server.mode = 401;
    server.last.drop();
    await h.advance(1500 * 4);
    server.mode = 503;
    await h.advance(1500 * 4);
    server.mode = 'accept';
    await h.advance(1500);
    expect(server.attempts.slice(1)).toEqual(Array.from({ length: 10 }, (_, k) => EPOCH + k * 1500));
    expect(server.last.types()).toEqual(['ApplicationRegistered']);
    const lines = log(sim);
    expect(lines).toContain('WARNING res_http_websocket.c: Web socket closed abruptly');
    expect(lines).toContain('WARNING res_websocket_client.c: voxtra-out: Websocket connection to ws://127.0.0.1:8765/voxtra/persistent failed after 4 tries: Unauthorized (Operation now in progress).  Retrying in 1500 ms.');
    expect(lines).toContain('WARNING res_websocket_client.c: voxtra-out: Websocket connection to ws://127.0.0.1:8765/voxtra/persistent failed after 4 tries: Invalid response code (Operation now in progress).  Retrying in 1500 ms.');
  });

  it('on removal sends ApplicationUnregistered, closes with 1000 and lets the app go', async () => {
    const { h, server, sim } = setup();
    await h.advance(0);
    expect(sim.removeOutbound('voxtra-out')).toBe(true);
    expect(server.last.types()).toEqual(['ApplicationRegistered', 'ApplicationUnregistered']);
    expect(server.last.closedWith).toBe(1000);
    await h.advance(5000);
    expect(server.attempts).toHaveLength(1);
    expect((h.op('applications.list').body as Array<{ name: string }>).map((a) => a.name)).toEqual(['voxtra']);
    expect(sim.outbound()).toEqual([]);
  });

  it('changes at run time: a per-call app and a persistent one cannot share an app name', () => {
    const { sim } = setup();
    expect(() => sim.setOutbound('other', { ...CONFIG, connectionType: 'per_call_config' })).toThrow(/already belongs to "voxtra-out"/);
    expect(() => sim.setOutbound('bad', { ...CONFIG, apps: ['x'], uri: 'http://x' })).toThrow(/ws:\/\/ or wss:\/\//);
  });
});
