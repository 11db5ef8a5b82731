import { AriGateway } from '../../src/ari/ari-gateway';
import type { AriEvent } from '../../src/ari/transport';
import type { IncomingCall } from '../../src/control/incoming-call';
import { memoryLogger } from '../../src/core/logger';
import { ScriptedTransport } from './helpers/scripted-transport';
import { traceEvents } from './helpers/traces';

function setup(apps = ['voxtra']) {
  const transport = new ScriptedTransport();
  const logger = memoryLogger();
  const gateway = new AriGateway({ server: 'pbx1', transport, apps, logger });
  const calls: IncomingCall[] = [];
  gateway.onIncoming((c) => calls.push(c));
  return { transport, gateway, calls, logger };
}

const starts = traceEvents('stasis-start-args').filter((e) => e.type === 'StasisStart');

describe('AriGateway', () => {
  it('turns StasisStart into IncomingCall with ChannelInfo parsed from the channel JSON (stasis-start-args)', () => {
    const { transport, calls } = setup();
    transport.emit(...starts.slice(0, 3));
    expect(calls.map((c) => [c.channel.extension, c.args])).toEqual([
      ['4930123456', ['4930123456']],
      ['+4930123456', ['+4930123456']],
      ['1000', ['1000']],
    ]);
    const local = calls[2];
    expect(local.server).toBe('pbx1');
    expect(local.app).toBe('voxtra');
    expect(local.channel).toMatchObject({ callerName: 'Jane Doe', callerNumber: '+15551234567', connectedNumber: '+15551234567', context: 'voxtra-in', priority: 2, protocolId: '', state: 'Ring' });
    expect(local.channel.name).toMatch(/^Local\/1000@voxtra-in-[0-9a-f]+;2$/);
    expect(local.channel.creationTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  });

  it('keeps originate args intact, including empty ones', () => {
    const { transport, calls } = setup();
    transport.emit(starts[3], starts[4]);
    expect(calls.map((c) => c.args)).toEqual([['a', 'b c', '', 'd'], []]);
  });

  it('does not treat a StasisStart marked as one of our dial legs as a new call, even unregistered', () => {
    const { transport, calls, gateway } = setup();
    const leg: AriEvent = { ...starts[4], args: ['voxtra-dial-leg', '1795358711.33'] };
    transport.emit(leg);
    expect(calls).toHaveLength(0);
    expect(gateway.counts.liveControls).toBe(0);
  });

  it('releases the control on StasisEnd and ignores a duplicate StasisStart', () => {
    const { transport, calls, gateway, logger } = setup();
    const events = traceEvents('inbound-sip-answer-play-hangup');
    const start = events.find((e) => e.type === 'StasisStart') as AriEvent;
    transport.emit(start, start);
    expect(calls).toHaveLength(1);
    expect(logger.records.some((r) => /already run/.test(String(r.msg)))).toBe(true);
    expect(gateway.counts.liveControls).toBe(1);
    transport.emit(events.find((e) => e.type === 'StasisEnd') as AriEvent);
    expect(gateway.counts).toEqual({ liveControls: 0, dialLegs: 0, demuxListeners: 0 });
  });

  it('surfaces ApplicationReplaced: logs loudly, stops handling that app, and keeps the others', () => {
    const { transport, calls, gateway, logger } = setup(['voxtra', 'voxtra-acme']);
    const replaced: string[] = [];
    gateway.onReplaced((app) => replaced.push(app));
    const [ev] = traceEvents('same-app-second-connection').filter((e) => e.type === 'ApplicationReplaced');
    expect(ev).toBeDefined();
    transport.emit(ev);
    expect(replaced).toEqual(['voxtra']);
    expect(gateway.activeApps).toEqual(['voxtra-acme']);
    expect(gateway.replacedApps).toEqual(['voxtra']);
    expect(logger.records.some((r) => r.level === 'error' && /taken over/.test(String(r.msg)))).toBe(true);
    transport.emit(starts[0]);
    expect(calls).toHaveLength(0);
    transport.emit({ ...starts[0], application: 'voxtra-acme' });
    expect(calls).toHaveLength(1);
  });

  it('lists the channels in our apps and reconciles them after a reconnect', async () => {
    const { transport, calls, gateway } = setup(['voxtra', 'voxtra-acme']);
    const [running, gone, left] = [starts[0], starts[1], starts[2]];
    transport.emit(running, gone, left);
    expect(calls).toHaveLength(3);
    const ch = (e: AriEvent) => e.channel as { id: string };
    const orphan = { ...(starts[3].channel as object), id: 'orphan.1' };
    const orphanLeg = { ...(starts[4].channel as object), id: 'leg.9', dialplan: { context: 'voxtra-in', exten: 's', priority: 1, app_name: 'Stasis', app_data: 'voxtra,voxtra-dial-leg,dead.1' } };
    const stranger = { ...(starts[3].channel as object), id: 'other.app', dialplan: { context: 'x', exten: 's', priority: 1, app_name: 'Stasis', app_data: 'someone-else' } };
    transport.reply = (op, params) => {
      if (op === 'channels.list') return { status: 200, body: [running.channel, left.channel, orphan, orphanLeg, stranger] };
      if (op === 'applications.get' && params.applicationName === 'voxtra') return { status: 200, body: { name: 'voxtra', channel_ids: [ch(running).id, 'orphan.1', 'leg.9'] } };
      return { status: 404, body: { message: 'Application not found' } };
    };
    const listed = await gateway.listChannels();
    expect(listed.map((c) => [c.app, c.channel.id, c.args])).toEqual([
      ['voxtra', ch(running).id, ['4930123456']],
      ['voxtra', 'orphan.1', ['a', 'b c', '', 'd']],
      ['voxtra', 'leg.9', ['voxtra-dial-leg', 'dead.1']],
    ]);
    const goneControl = calls[1].control;
    const leftControl = calls[2].control;
    const report = await gateway.reconcile();
    expect(report.continued).toEqual([ch(running).id]);
    expect(report.unknown.map((u) => [u.channel.id, u.dialLegOf])).toEqual([
      ['orphan.1', undefined],
      ['leg.9', 'dead.1'],
    ]);
    expect(report.vanished.sort()).toEqual([ch(gone).id, ch(left).id].sort());
    await expect(goneControl.ended).resolves.toEqual({ kind: 'hangup', by: 'unknown' });
    await expect(leftControl.ended).resolves.toEqual({ kind: 'left', by: 'unknown' });
    // Unknown channels come with a live control the runtime can act on.
    expect(report.unknown[0].control.signal.aborted).toBe(false);
    expect(gateway.counts.liveControls).toBe(3);
  });

  it('does not judge calls that started or ended while the reconciliation snapshot was in flight', async () => {
    const { transport, calls, gateway } = setup();
    const ended = traceEvents('inbound-sip-answer-play-hangup');
    const endingStart = ended.find((e) => e.type === 'StasisStart') as AriEvent;
    const endingEnd = ended.find((e) => e.type === 'StasisEnd') as AriEvent;
    transport.emit(endingStart);
    let answerList: (body: unknown[]) => void = () => undefined;
    transport.reply = (op) => {
      if (op === 'channels.list') return new Promise((r) => (answerList = (body) => r({ status: 200, body })));
      return { status: 200, body: { channel_ids: [(endingStart.channel as { id: string }).id] } };
    };
    const pending = gateway.reconcile();
    // Meanwhile a new call arrives (not in the snapshot) and the known one ends (still in it).
    transport.emit(starts[0], endingEnd);
    answerList([endingStart.channel]);
    const report = await pending;
    expect(report).toEqual({ continued: [], unknown: [], vanished: [] });
    expect(calls[1].control.signal.aborted).toBe(false);
    expect(gateway.counts.liveControls).toBe(1);
  });

  it('hands on a StasisStart for an app just dropped from the list (it came on the socket being closed), with a warning', async () => {
    const { transport, gateway, calls, logger } = setup(['voxtra', 'voxtra-acme']);
    await gateway.setApps(['voxtra']);
    transport.emit({ ...starts[0], application: 'voxtra-acme' });
    expect(calls.map((c) => c.app)).toEqual(['voxtra-acme']);
    expect(logger.records.some((r) => r.level === 'warn' && /no longer runs/.test(String(r.msg)))).toBe(true);
  });

  it('connect registers only the apps still ours', async () => {
    const { transport, gateway } = setup(['voxtra', 'voxtra-acme']);
    transport.emit({ type: 'ApplicationReplaced', application: 'voxtra' });
    await gateway.connect();
    expect(transport.connects).toEqual([['voxtra-acme']]);
  });
});
