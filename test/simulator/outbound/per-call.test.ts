import { FakeClock } from '../../../src/core/fake-clock';
import type { OutboundWebSocketConfig } from '../../../src/simulator';
import { FakeServer } from '../helpers/fake-connector';
import { EPOCH, harness } from '../helpers/harness';

const CONFIG: OutboundWebSocketConfig = {
  uri: 'ws://127.0.0.1:8766/voxtra/per-call?tenant=acme',
  connectionType: 'per_call_config',
  apps: ['voxtra-pc'],
  username: 'asterisk-pc',
  password: 'secret',
  connectionTimeoutMs: 500,
  reconnectIntervalMs: 1000,
  reconnectAttempts: 3,
};

function setup(): { h: ReturnType<typeof harness>; server: FakeServer } {
  const clock = new FakeClock(EPOCH);
  const server = new FakeServer(clock);
  const h = harness({ clock, outboundConnector: server, outbound: { 'voxtra-pc': CONFIG } }, ['voxtra-obs']);
  return { h, server };
}

const rq = (id: string, method: string, uri: string): object => ({ type: 'RESTRequest', transaction_id: 'tx', request_id: id, method, uri });

describe('per_call_config outbound WebSocket', () => {
  it('connects nothing until a call reaches Stasis(<app>), then one socket for that call, StasisStart 500 ms after it opened', async () => {
    const { h, server } = setup();
    await h.advance(10_000);
    expect(server.attempts).toEqual([]);
    expect((h.op('applications.list').body as Array<{ name: string }>).map((a) => a.name)).toEqual(['voxtra-obs']);
    const t0 = h.clock.now();
    const id = h.sim.placeCall({ extension: 'trace-pc', callerNumber: '5551000', target: { stasis: 'voxtra-pc' } });
    await h.advance(0);
    expect(server.attempts).toEqual([t0]);
    const link = server.last;
    expect(link.uri).toBe(CONFIG.uri);
    const app = `voxtra-pc:${h.sim.calls()[0].name}`;
    expect(link.frames).toEqual([{ type: 'ApplicationRegistered', timestamp: expect.any(String), application: app, asterisk_id: '02:fc:00:00:00:01' }]);
    await h.advance(499);
    expect(link.types()).toEqual(['ApplicationRegistered']);
    await h.advance(1);
    expect(link.types()).toEqual(['ApplicationRegistered', 'StasisStart']);
    expect(link.frames[1]).toMatchObject({ application: app, args: ['trace-pc'], channel: { id, dialplan: { app_name: 'Stasis', app_data: 'voxtra-pc,trace-pc' } } });
    link.request(rq('apps', 'GET', 'applications'));
    expect(JSON.parse(String(link.frames[2].message_body))).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: app, channel_ids: [id] }), expect.objectContaining({ name: 'voxtra-obs' })]),
    );
    expect(h.events).toEqual([]);
  });

  it('after continue: no more frames, the dialplan resumes 500 ms after StasisEnd, the socket closes with 1000 3.5 s after it', async () => {
    const { h, server } = setup();
    const id = h.sim.placeCall({ extension: 'trace-pc', target: { stasis: 'voxtra-pc' } });
    await h.advance(500);
    const link = server.last;
    link.request(rq('answer', 'POST', `channels/${id}/answer`));
    link.request(rq('continue', 'POST', `channels/${id}/continue`));
    await h.advance(0);
    const endAt = h.clock.now();
    expect(link.types()).toEqual(['ApplicationRegistered', 'StasisStart', 'ChannelStateChange', 'RESTResponse:answer', 'RESTResponse:continue', 'StasisEnd']);
    await h.advance(499);
    expect(h.sim.transcript(id).some((e) => e.kind === 'hangup')).toBe(false);
    await h.advance(1);
    expect(h.sim.transcript(id).find((e) => e.kind === 'hangup')).toBeDefined();
    await h.advance(2999);
    expect(link.closedWith).toBeUndefined();
    await h.advance(1);
    expect(link.closedWith).toBe(1000);
    expect(h.clock.now() - endAt).toBe(3500);
    expect(link.types().slice(-1)).toEqual(['StasisEnd']);
    expect(h.sim.model.apps.all().map((a) => a.name)).toEqual(['voxtra-obs']);
  });

  it('gives each of two calls its own socket with only its frames', async () => {
    const { h, server } = setup();
    const a = h.sim.placeCall({ extension: 'trace-pc', target: { stasis: 'voxtra-pc' } });
    const b = h.sim.placeCall({ extension: 'trace-pc', target: { stasis: 'voxtra-pc' } });
    await h.advance(500);
    const [la, lb] = server.links;
    la.request(rq('hangup-a', 'DELETE', `channels/${a}`));
    const appA = `voxtra-pc:${h.sim.calls().find((c) => c.channelId === a)?.name ?? ''}`;
    expect(new Set(la.frames.map((f) => f.application))).toEqual(new Set([appA]));
    expect(la.types()).toEqual(['ApplicationRegistered', 'StasisStart', 'ChannelHangupRequest', 'StasisEnd', 'RESTResponse:hangup-a']);
    expect(lb.types()).toEqual(['ApplicationRegistered', 'StasisStart']);
    expect(lb.frames[1]).toMatchObject({ channel: { id: b } });
    expect(h.sim.outbound()).toEqual([{ id: 'voxtra-pc', uri: CONFIG.uri, connectionType: 'per_call_config', apps: ['voxtra-pc'], state: 'idle', openSockets: 2 }]);
  });

  it('with no server: reconnect_attempts tries reconnect_interval apart, then Stasis() returns FAILED 2.5 s in and the fallback runs', async () => {
    const { h, server } = setup();
    server.mode = 'down';
    const t0 = h.clock.now();
    const id = h.sim.placeCall({ extension: 'trace-pc', target: { stasis: 'voxtra-pc' }, fallback: 'beep' });
    await h.advance(5000);
    expect(server.attempts.map((t) => t - t0)).toEqual([0, 1000, 2000]);
    const t = h.sim.transcript(id);
    expect(t.find((e) => e.kind === 'stasis-failed')).toMatchObject({ app: 'voxtra-pc', atMs: 2500 });
    expect(t.map((e) => e.kind)).toEqual(['call-placed', 'stasis-failed', 'answered', 'dialplan-playback', 'hangup']);
    const name = h.sim.calls()[0].name;
    expect(h.sim.asteriskLog().map((e) => e.message)).toEqual([
      `Creating Stasis app 'voxtra-pc:${name}'`,
      `voxtra-pc:${name}: Websocket connection to ${CONFIG.uri} failed after 3 tries: Client start error (Transport endpoint is not connected).  Hanging up after exhausting retries.`,
      `Deactivating Stasis app 'voxtra-pc:${name}'`,
      `Shutting down application 'voxtra-pc:${name}'`,
      `voxtra-pc:${name}: Failed to create per call websocket thread`,
      `${name}: Stasis app 'voxtra-pc' doesn't exist`,
    ]);
  });

  it('treats a 503 refusal the same way', async () => {
    const { h, server } = setup();
    server.mode = 503;
    const id = h.sim.placeCall({ extension: 'trace-pc', target: { stasis: 'voxtra-pc' } });
    await h.advance(3000);
    expect(server.attempts).toHaveLength(3);
    expect(h.sim.transcript(id).find((e) => e.kind === 'stasis-failed')).toMatchObject({ atMs: 2500 });
  });

  it('creates the context stasis-<app> (_. → Stasis(<app>)) while configured', async () => {
    const { h, server } = setup();
    const id = h.sim.placeCall({ extension: 'trace-pc-ctx', context: 'stasis-voxtra-pc' });
    await h.advance(500);
    expect(server.last.frames[1]).toMatchObject({ args: [], channel: { id, dialplan: { context: 'stasis-voxtra-pc', exten: 'trace-pc-ctx', priority: 1, app_name: 'Stasis', app_data: 'voxtra-pc' } } });
    h.sim.removeOutbound('voxtra-pc');
    expect(h.sim.model.dialplan.hasContext('stasis-voxtra-pc')).toBe(false);
  });

  it('reconnects a socket lost during the call; when that fails, the call leaves Stasis with FAILED', async () => {
    const { h, server } = setup();
    const id = h.sim.placeCall({ extension: 'trace-pc', target: { stasis: 'voxtra-pc' }, fallback: 'beep' });
    await h.advance(500);
    server.mode = 'down';
    server.last.drop();
    await h.advance(2000);
    expect(server.attempts).toHaveLength(4);
    const t = h.sim.transcript(id);
    expect(t.map((e) => e.kind)).toEqual(['call-placed', 'outbound-connected', 'stasis-start', 'stasis-end']);
    await h.advance(500);
    expect(h.sim.transcript(id).map((e) => e.kind).slice(4)).toEqual(['answered']);
  });
});
