import { AriSimulator, formatTranscript } from '../../src/simulator';
import { FakeClock } from '../../src/core/fake-clock';
import { harness, EPOCH } from './helpers/harness';
import type { JsonObject } from '../../src/simulator/model/json';

describe('placed calls', () => {
  test('look like the recorded SIP calls: PJSIP/sipp-N, Ring, Stasis(app,exten) at priority 2, language en', async () => {
    const t = harness();
    const id = t.sim.placeCall({ extension: '4930123456', callerName: 'Jane', callerNumber: '+15551234567' });
    expect(t.events).toEqual([]);
    await t.advance(0);
    const start = t.events[0];
    expect(start).toMatchObject({ type: 'StasisStart', application: 'voxtra', asterisk_id: '02:fc:00:00:00:01', args: ['4930123456'] });
    expect(start.channel).toEqual({
      id,
      name: 'PJSIP/sipp-00000000',
      state: 'Ring',
      protocol_id: expect.stringMatching(/^1-\d+@127\.0\.0\.1$/),
      caller: { name: 'Jane', number: '+15551234567' },
      connected: { name: '', number: '' },
      accountcode: '',
      dialplan: { context: 'voxtra-in', exten: '4930123456', priority: 2, app_name: 'Stasis', app_data: 'voxtra,4930123456' },
      creationtime: '2026-11-22T14:00:00.000+0000',
      language: 'en',
    });
    expect(start.timestamp).toBe('2026-11-22T14:00:00.000+0000');
    expect(id).toBe(`${Math.floor(EPOCH / 1000)}.0`);
  });

  test('SIP headers are readable with PJSIP_HEADER(read,...); missing ones fail like Asterisk', async () => {
    const t = harness();
    const id = t.sim.placeCall({ extension: '1000', headers: { 'X-Tenant': 'acme' }, variables: { PRESET: 'yes' } });
    await t.advance(0);
    expect(t.op('channels.getChannelVar', { channelId: id, variable: 'PJSIP_HEADER(read,x-tenant)' }).body).toEqual({ value: 'acme' });
    expect(t.op('channels.getChannelVar', { channelId: id, variable: 'PJSIP_HEADER(read,X-None)' })).toEqual({ status: 500, body: { message: 'Unable to read provided function' } });
    expect(t.op('channels.getChannelVar', { channelId: id, variable: 'PRESET' }).body).toEqual({ value: 'yes' });
    expect(t.op('channels.getChannelVar', { channelId: id, variable: 'CALLERID(all)' }).body).toEqual({ value: '"" <>' });
    expect(t.op('channels.getChannelVar', { channelId: id, variable: 'EXTEN' }).body).toEqual({ value: '1000' });
  });

  test('with no socket for the app the call never appears and is gone within a second', async () => {
    const t = harness({}, ['other-app']);
    const id = t.sim.placeCall({ extension: '1000' });
    await t.advance(1000);
    expect(t.events).toEqual([]);
    expect(t.op('channels.get', { channelId: id }).status).toBe(404);
    expect(t.sim.transcript(id).map((e) => e.kind)).toEqual(['call-placed', 'stasis-failed', 'hangup']);
    expect(t.sim.calls()).toEqual([{ channelId: id, name: 'PJSIP/sipp-00000000', placed: true, ended: true }]);
  });

  test('a script presses digits (200 ms each, 400 ms apart) and hangs up, timed from entering Stasis', async () => {
    const t = harness();
    const id = t.sim.placeCall({ extension: '1000', script: [{ afterMs: 1000, dtmf: '12#' }, { afterMs: 500, hangup: true }] });
    await t.advance(5000);
    const at = (type: string): number[] => t.sim.transcript(id).filter((e) => e.kind === type).map((e) => e.atMs);
    expect(at('dtmf-received')).toEqual([1200, 1600, 2000]);
    expect(t.sim.transcript(id).slice(-2)).toEqual([
      { atMs: 2500, kind: 'hangup', by: 'caller', cause: 16 },
      { atMs: 2500, kind: 'stasis-end', app: 'voxtra' },
    ]);
    expect(t.typesFor(id)).toEqual(['StasisStart', 'ChannelDtmfReceived', 'ChannelDtmfReceived', 'ChannelDtmfReceived', 'ChannelHangupRequest', 'StasisEnd']);
    expect(() => t.sim.sendDtmf(id, '1')).toThrow(/no live call/);
    expect(() => t.sim.placeCall({ extension: '1000', script: [{ afterMs: 0, dtmf: 'x' }] })).toThrow(/invalid DTMF/);
  });

  test('continue without a target moves to the next priority; with one, to that place', async () => {
    const t = harness();
    const id = t.sim.placeCall({ extension: '1000' });
    await t.advance(0);
    t.op('channels.answer', { channelId: id });
    expect(t.op('channels.continueInDialplan', { channelId: id }).status).toBe(204);
    await t.advance(0);
    expect(t.op('channels.get', { channelId: id }).status).toBe(404);
    expect(t.sim.transcript(id).map((e) => e.kind)).toEqual(expect.arrayContaining(['continued', 'stasis-end', 'hangup']));
    expect(t.sim.transcript(id).find((e) => e.kind === 'continued')).toMatchObject({ context: 'voxtra-in', extension: '1000', priority: 3 });
  });

  test('transfer to a queue: an agent answers, talks, hangs up; the caller is hung up; subscribers see it all', async () => {
    const t = harness();
    const id = t.sim.placeCall({ extension: '1000' });
    await t.advance(0);
    t.op('channels.answer', { channelId: id });
    t.op('channels.setChannelVar', { channelId: id, variable: 'VOXTRA_QUEUE', value: 'sales' });
    expect(t.op('applications.subscribe', { applicationName: 'voxtra', eventSource: `channel:${id}` }).body).toMatchObject({ channel_ids: [id] });
    t.op('channels.continueInDialplan', { channelId: id, context: 'voxtra-queues', extension: 'sales', priority: 1 });
    await t.advance(1000);
    const ch = t.op('channels.get', { channelId: id }).body as JsonObject;
    expect(ch.dialplan).toEqual({ context: 'voxtra-queues', exten: 'sales', priority: 2, app_name: 'Queue', app_data: 'sales,,,,30' });
    expect(t.op('channels.play', { channelId: id, media: 'sound:beep' })).toEqual({ status: 409, body: { message: 'Channel not in Stasis application' } });
    expect((t.op('bridges.list').body as JsonObject[])[0]).toMatchObject({ bridge_class: 'basic', creator: '', channels: [id, expect.any(String)] });
    await t.advance(2000);
    expect(t.op('channels.list').body).toEqual([]);
    expect(t.typesFor(id).slice(-7)).toEqual(['ChannelHangupRequest', ...Array(5).fill('ChannelVarset'), 'ChannelDestroyed']);
    const lines = formatTranscript(t.sim.transcript(id));
    expect(lines.map((l) => l.trim().replace(/^\S+\s+/, ''))).toEqual([
      'call to 1000 from <unknown> for app voxtra',
      'entered Stasis app voxtra (args 1000)',
      'answered',
      'variable VOXTRA_QUEUE = "sales"',
      'continued to voxtra-queues,sales,1',
      'left Stasis app voxtra',
      'transferred to queue sales',
      expect.stringMatching(/^queue sales answered by Local\/sales-agent@voxtra-agents-[0-9a-f]{8};2$/),
      expect.stringMatching(/^joined bridge /),
      expect.stringMatching(/^bridged with /),
      expect.stringMatching(/^left bridge /),
      'hung up by agent (cause 16)',
    ]);
    expect(lines[11]).toMatch(/^\s+2\.92s {2}hung up by agent/);
  });

  test('a queue with no agents keeps the caller until the Queue() timeout, then the dialplan hangs up', async () => {
    const t = harness({ queues: { empty: { noAgents: true } } });
    const id = t.sim.placeCall({ extension: '1000' });
    await t.advance(0);
    t.op('channels.continueInDialplan', { channelId: id, context: 'voxtra-queues', extension: 'empty' });
    await t.advance(29_999);
    expect(t.op('channels.get', { channelId: id }).status).toBe(200);
    await t.advance(1);
    expect(t.sim.transcript(id).slice(-2).map((e) => e.kind)).toEqual(['queue-timeout', 'hangup']);
  });

  test('waitForEnd resolves with the transcript, or rejects after its simulated timeout', async () => {
    const t = harness();
    const id = t.sim.placeCall({ extension: '1000', script: [{ afterMs: 3000, hangup: true }] });
    const early = t.sim.waitForEnd(id, { timeoutMs: 1000 });
    const late = t.sim.waitForEnd(id);
    await t.advance(1000);
    await expect(early).rejects.toThrow(/did not end within 1000 ms/);
    await t.advance(2000);
    expect((await late).slice(-1)[0]).toMatchObject({ kind: 'stasis-end' });
    await expect(t.sim.waitForEnd('nope')).rejects.toThrow(/unknown call/);
  });
});

describe('Stasis apps without a socket', () => {
  test('an app lingers while its calls are in Stasis, and disappears with its last call', async () => {
    const clock = new FakeClock(0);
    const sim = AriSimulator.createInProcess({ clock });
    const t = sim.createTransport();
    await t.connect(['voxtra']);
    const id = sim.placeCall({ extension: '1000' });
    clock.advance(0);
    await t.close();
    await expect(sim.createTransport().request('applications.list')).rejects.toMatchObject({ code: 'ARI_NOT_CONNECTED' });
    const u = sim.createTransport();
    await u.connect(['other']);
    expect(await u.request('applications.list')).toEqual([
      expect.objectContaining({ name: 'voxtra', channel_ids: [id] }),
      expect.objectContaining({ name: 'other', channel_ids: [] }),
    ]);
    await u.request('channels.hangup', { channelId: id });
    expect(await u.request('applications.list')).toEqual([expect.objectContaining({ name: 'other' })]);
  });
});
