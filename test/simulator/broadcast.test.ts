import type { BroadcastTarget } from '../../src/simulator';
import type { JsonObject } from '../../src/simulator/model/json';
import { harness, type Harness } from './helpers/harness';

const APPS = ['voxtra-a', 'voxtra-b', 'voxtra-obs'];
const offer: BroadcastTarget = { timeoutMs: 3000, appFilter: '^voxtra-[ab]$', args: ['sales', 'priority-high'], notifyClaimed: true };
const claim = (h: Harness, channelId: string | undefined, application?: string): unknown => h.op('events.claimChannel', { channelId, application });
const seen = (h: Harness, app: string): string[] => h.events.filter((e) => e.application === app).map((e) => String(e.type));
const varsetOf = (h: Harness, name: string): string[] => h.events.filter((e) => e.type === 'ChannelVarset' && e.variable === name).map((e) => String(e.value));

async function broadcast(h: Harness, target: BroadcastTarget = offer, extra: object = {}): Promise<string> {
  const id = h.sim.placeCall({ extension: '2000', callerNumber: '5551000', target: { broadcast: target }, ...extra });
  await h.advance(0);
  return id;
}

describe('StasisBroadcast and POST /events/claim', () => {
  it('offers the call to each matching app (its own copy, exact keys) and gives it to the first claim', async () => {
    const h = harness({}, APPS);
    const id = await broadcast(h);
    const offers = h.events.filter((e) => e.type === 'CallBroadcast');
    expect(offers.map((e) => e.application).sort()).toEqual(['voxtra-a', 'voxtra-b']);
    expect(Object.keys(offers[0])).toEqual(['type', 'timestamp', 'channel', 'caller', 'called', 'asterisk_id', 'application']);
    expect(offers[0]).toMatchObject({ caller: '5551000', called: '2000', channel: { state: 'Ring', dialplan: { priority: 2, app_name: 'StasisBroadcast', app_data: '3000,^voxtra-[ab]$,sales:priority-high,yes' } } });

    h.events.length = 0;
    expect(claim(h, id, 'voxtra-a')).toEqual({ status: 204 });
    // CallClaimed reached both apps before the claim was answered.
    expect(h.events.map((e) => [e.type, e.application, e.winner_app])).toEqual([
      ['CallClaimed', 'voxtra-a', 'voxtra-a'],
      ['CallClaimed', 'voxtra-b', 'voxtra-a'],
    ]);
    expect(claim(h, id, 'voxtra-b')).toEqual({ status: 409, body: { message: 'Channel has already been claimed by another application' } });
    const at = h.clock.now();
    await h.advance(1);
    const start = h.events.find((e) => e.type === 'StasisStart') as JsonObject;
    expect(h.clock.now() - at).toBe(1);
    expect(start).toMatchObject({ application: 'voxtra-a', args: ['sales', 'priority-high'], channel: { state: 'Ring', dialplan: { priority: 2, app_name: 'StasisBroadcast' } } });
    expect(claim(h, id, 'voxtra-b')).toMatchObject({ status: 409 });
    expect(h.op('channels.answer', { channelId: id }).status).toBe(204);
    expect(h.op('channels.continueInDialplan', { channelId: id }).status).toBe(204);
    await h.advance(0);
    expect(varsetOf(h, 'STASISSTATUS')).toEqual([]);
    expect(claim(h, id, 'voxtra-b')).toEqual({ status: 404, body: { message: 'Channel not found or not in broadcast state' } });
    expect(h.sim.transcript(id).map((e) => e.kind)).toEqual(['call-placed', 'broadcast', 'claimed', 'stasis-start', 'answered', 'continued', 'stasis-end', 'hangup']);
  });

  it('answers 404 for a channel never offered and 400 without application', async () => {
    const h = harness({}, APPS);
    const id = await broadcast(h);
    expect(claim(h, '1234567890.999', 'voxtra-a')).toEqual({ status: 404, body: { message: 'Channel not found or not in broadcast state' } });
    expect(claim(h, id)).toEqual({ status: 400, body: { message: 'application parameter is required' } });
    expect(claim(h, undefined, 'voxtra-a')).toEqual({ status: 400, body: { message: 'channelId parameter is required' } });
  });

  it('times out when nobody claims: STASISSTATUS=TIMEOUT after the timeout, no event to the apps, the dialplan goes on', async () => {
    const h = harness({}, APPS);
    const id = await broadcast(h, { ...offer, timeoutMs: 1500 }, { fallback: 'beep' });
    const before = h.events.length;
    await h.advance(1499);
    expect(h.sim.transcript(id).some((e) => e.kind === 'broadcast-timeout')).toBe(false);
    await h.advance(1);
    expect(h.events.length).toBe(before);
    expect(h.sim.transcript(id).map((e) => [e.kind, e.atMs])).toContainEqual(['broadcast-timeout', 1500]);
    expect(claim(h, id, 'voxtra-a')).toMatchObject({ status: 404 });
    expect(h.sim.model.log.entries().map((e) => e.message)).toContain(`Channel ${h.sim.calls()[0].name}: not claimed within 1500ms timeout`);
    await h.advance(2000);
    // The fallback: Playback answers (500 ms for media), beeps (440 ms), then Hangup().
    expect(h.sim.transcript(id).map((e) => [e.kind, e.atMs])).toEqual([
      ['call-placed', 0],
      ['broadcast', 0],
      ['broadcast-timeout', 1500],
      ['answered', 1500],
      ['dialplan-playback', 2000],
      ['hangup', 2440],
    ]);
  });

  it('sends no CallClaimed by default and passes no args; every registered app is offered the call', async () => {
    const h = harness({}, APPS);
    const id = await broadcast(h, {});
    expect(h.events.filter((e) => e.type === 'CallBroadcast').map((e) => e.application).sort()).toEqual(APPS);
    expect(h.events[0]).toMatchObject({ channel: { dialplan: { app_data: '' } } });
    expect(claim(h, id, 'voxtra-b')).toEqual({ status: 204 });
    await h.advance(1);
    expect(h.events.some((e) => e.type === 'CallClaimed')).toBe(false);
    expect(h.events.find((e) => e.type === 'StasisStart')).toMatchObject({ application: 'voxtra-b', args: [] });
  });

  it('does not check the application: a claim for an unknown app wins, then Stasis fails (FAILED) 1 ms later', async () => {
    const h = harness({}, APPS);
    const id = await broadcast(h, offer, { fallback: 'beep' });
    expect(claim(h, id, 'voxtra-nobody')).toEqual({ status: 204 });
    expect(h.events.filter((e) => e.type === 'CallClaimed').map((e) => e.winner_app)).toEqual(['voxtra-nobody', 'voxtra-nobody']);
    await h.advance(1);
    const t = h.sim.transcript(id);
    expect(t.find((e) => e.kind === 'stasis-failed')).toMatchObject({ app: 'voxtra-nobody', atMs: 1 });
    expect(h.events.some((e) => e.type === 'StasisStart')).toBe(false);
  });

  it('only offers to apps the filter matches, and tells only them about the claim', async () => {
    const h = harness({}, APPS);
    const id = await broadcast(h, { timeoutMs: 2000, appFilter: '^voxtra-a$', notifyClaimed: true });
    claim(h, id, 'voxtra-a');
    expect(seen(h, 'voxtra-b')).toEqual([]);
    expect(seen(h, 'voxtra-a')).toEqual(['CallBroadcast', 'CallClaimed']);
  });

  it('ends the offer when the caller hangs up before a claim', async () => {
    const h = harness({}, APPS);
    const id = await broadcast(h);
    h.sim.hangup(id);
    expect(claim(h, id, 'voxtra-a')).toMatchObject({ status: 404 });
    expect(h.sim.model.broadcasts.size).toBe(0);
  });
});
