import { harness } from './helpers/harness';
import type { JsonObject } from '../../src/simulator/model/json';

describe('originate and dial against configured endpoints', () => {
  const h = () =>
    harness({
      endpoints: {
        'PJSIP/1001': { kind: 'answer', ringMs: 2000, hangupAfterMs: 5000 },
        'PJSIP/1002': { kind: 'busy', ringMs: 300 },
        'PJSIP/1003': { kind: 'no-answer' },
        'PJSIP/1004': { kind: 'unavailable' },
      },
    });
  const dials = (events: JsonObject[]): unknown[] => events.filter((e) => e.type === 'Dial').map((e) => e.dialstatus);
  const destroyed = (events: JsonObject[]): JsonObject | undefined => events.find((e) => e.type === 'ChannelDestroyed');

  test('an answering endpoint rings, answers into Stasis with the app args, then hangs up as the far end', async () => {
    const t = h();
    const res = t.op('channels.originate', { endpoint: 'PJSIP/1001', app: 'voxtra', appArgs: 'dialed,agent-1', callerId: 'Voxtra <5550199>' });
    expect(res.status).toBe(200);
    const ch = res.body as JsonObject;
    expect(ch).toMatchObject({ name: expect.stringMatching(/^PJSIP\/1001-[0-9a-f]{8}$/), state: 'Down', caller: { name: 'Voxtra', number: '5550199' } });
    expect(ch.dialplan).toEqual({ context: 'voxtra-in', exten: 's', priority: 1, app_name: 'AppDial2', app_data: '(Outgoing Line)' });
    await t.advance(1999);
    expect(t.typesFor(String(ch.id))).toEqual(['ChannelStateChange', 'Dial', 'Dial']);
    await t.advance(1);
    const start = t.events.find((e) => e.type === 'StasisStart') as JsonObject;
    expect(start.args).toEqual(['dialed', 'agent-1']);
    expect((start.channel as JsonObject).state).toBe('Up');
    expect(((start.channel as JsonObject).dialplan as JsonObject).app_data).toBe('voxtra,dialed,agent-1');
    await t.advance(5000);
    expect(t.typesFor(String(ch.id)).slice(-4)).toEqual(['ChannelHangupRequest', 'StasisEnd', 'ChannelVarset', 'ChannelDestroyed']);
    expect(destroyed(t.events)).toMatchObject({ cause: 16, cause_txt: 'Normal Clearing', channel: { dialplan: { app_name: 'AppDial2' } } });
  });

  test('busy, no answer and unavailable end the leg with their dial status and cause, never entering Stasis', async () => {
    for (const [endpoint, status, cause, after] of [
      ['PJSIP/1002', 'BUSY', 17, 300],
      ['PJSIP/1003', 'NOANSWER', 19, 30_000],
      ['PJSIP/1004', 'CHANUNAVAIL', 20, 0],
    ] as const) {
      const t = h();
      expect(t.op('channels.originate', { endpoint, app: 'voxtra' }).status).toBe(200);
      await t.advance(after);
      expect(dials(t.events).slice(-1)).toEqual([status]);
      expect(destroyed(t.events)).toMatchObject({ cause });
      expect(t.events.some((e) => e.type === 'StasisStart')).toBe(false);
      expect(t.op('channels.list').body).toEqual([]);
    }
  });

  test('unknown endpoints and technologies fail allocation the way Asterisk does', () => {
    const t = h();
    expect(t.op('channels.originate', { endpoint: 'PJSIP/nosuch', app: 'voxtra' })).toEqual({ status: 500, body: { error: 'Allocation failed' } });
    expect(t.op('channels.originate', { endpoint: 'SIP/1001', app: 'voxtra' })).toEqual({ status: 500, body: { error: 'Allocation failed' } });
    expect(t.op('channels.originate', { endpoint: 'PJSIP/anonymous', app: 'voxtra' }).status).toBe(500);
    t.sim.setEndpoint('PJSIP/nosuch', { kind: 'answer' });
    expect(t.op('channels.originate', { endpoint: 'PJSIP/nosuch', app: 'voxtra' }).status).toBe(200);
  });

  test('originate variables set SIP headers on the outgoing leg and the originator hears about it', async () => {
    const t = h();
    const inbound = t.sim.placeCall({ extension: '1000' });
    await t.advance(0);
    const res = t.op('channels.originate', {
      endpoint: 'PJSIP/1001',
      app: 'voxtra',
      originator: inbound,
      variables: { 'PJSIP_HEADER(add,X-Tenant)': 'acme', MYVAR: 'x' },
    });
    const out = String((res.body as JsonObject).id);
    expect(t.sim.transcript(inbound)).toContainEqual(expect.objectContaining({ kind: 'originated', channelId: out, endpoint: 'PJSIP/1001', headers: { 'X-Tenant': 'acme' } }));
    expect(t.op('channels.getChannelVar', { channelId: out, variable: 'MYVAR' }).body).toEqual({ value: 'x' });
    await t.advance(2000);
    expect(t.sim.transcript(inbound)).toContainEqual(expect.objectContaining({ kind: 'dial', status: 'ANSWER' }));
  });

  test('create + dial rings the created channel; the caller gets subscribed; dialing twice is refused', async () => {
    const t = h();
    const caller = t.sim.placeCall({ extension: '1000' });
    await t.advance(0);
    const created = t.op('channels.create', { endpoint: 'PJSIP/1001', app: 'voxtra', appArgs: 'dialed' }).body as JsonObject;
    await t.advance(0);
    const id = String(created.id);
    expect(t.typesFor(id)).toEqual(['ChannelDialplan', 'ChannelVarset', 'StasisStart']);
    expect(t.op('channels.answer', { channelId: id })).toEqual({ status: 412, body: { message: 'Channel in invalid state' } });
    expect(t.op('channels.dial', { channelId: id, caller: 'nosuch' })).toEqual({ status: 404, body: { message: 'Caller not found' } });
    expect(t.op('channels.dial', { channelId: id, caller, timeout: 30 }).status).toBe(204);
    await t.advance(2000);
    const dialEvents = t.events.filter((e) => e.type === 'Dial');
    expect(dialEvents.map((e) => [e.dialstatus, e.dialstring])).toEqual([
      ['', '1001'],
      ['RINGING', ''],
      ['ANSWER', ''],
    ]);
    expect(t.op('channels.dial', { channelId: id })).toEqual({ status: 409, body: { message: "Channel is not in the 'Down' state" } });
    expect(t.op('channels.hangup', { channelId: caller }).status).toBe(204);
    expect(t.typesFor(caller).slice(-3)).toEqual(['ChannelVarset', 'ChannelHangupRequest', 'ChannelDestroyed']);
  });

  test('a created channel with no app disappears at once', async () => {
    const t = h();
    expect(t.op('channels.create', { endpoint: 'Local/answer-wait@voxtra-test' }).status).toBe(200);
    await t.advance(0);
    expect(t.op('channels.list').body).toEqual([]);
  });
});
