import { EventDemux } from '../../src/ari/event-demux';
import type { AriEvent } from '../../src/ari/transport';
import { traceEvents } from './helpers/traces';

describe('EventDemux', () => {
  const events = traceEvents('originate-dial-bridge');
  const inbound = '1795358673.17';
  const leg = '1795358673.18';
  const bridgeId = '9f9df701-42ce-424d-b0f1-c619eed815a6';

  it('routes trace events by channel, Dial peer and bridge id', () => {
    const demux = new EventDemux();
    const seen: Record<string, string[]> = { inbound: [], leg: [], bridge: [] };
    demux.on('channel', inbound, (e) => seen.inbound.push(e.type));
    demux.on('channel', leg, (e) => seen.leg.push(e.type));
    demux.on('bridge', bridgeId, (e) => seen.bridge.push(e.type));
    for (const e of events) demux.dispatch(e);
    expect(seen.inbound[0]).toBe('StasisStart');
    expect(seen.inbound).toContain('StasisEnd');
    expect(seen.inbound).not.toContain('Dial');
    // The originated leg's Dial events name it as `peer`, and arrive before its StasisStart.
    expect(seen.leg.slice(0, 5)).toEqual(['ChannelStateChange', 'Dial', 'Dial', 'ChannelStateChange', 'Dial']);
    expect(seen.leg).toContain('StasisStart');
    expect(seen.leg[seen.leg.length - 1]).toBe('ChannelDestroyed');
    expect(seen.bridge).toEqual(['ChannelEnteredBridge', 'ChannelEnteredBridge', 'ChannelLeftBridge', 'ChannelLeftBridge', 'BridgeDestroyed']);
  });

  it('routes playbacks by id and recordings by name', () => {
    const demux = new EventDemux();
    const pb: string[] = [];
    const rec: string[] = [];
    demux.on('playback', '18d79ead-c18b-43b6-970c-3766c0eefb93', (e) => pb.push(e.type));
    demux.on('recording', 'vm-1', (e) => rec.push(e.type));
    for (const e of traceEvents('inbound-sip-answer-play-hangup')) demux.dispatch(e);
    demux.dispatch({ type: 'RecordingFinished', recording: { name: 'vm-1', format: 'wav', state: 'done', target_uri: 'channel:1' } });
    demux.dispatch({ type: 'RecordingFinished', recording: { name: 'vm-2', format: 'wav', state: 'done', target_uri: 'channel:1' } });
    expect(pb).toEqual(['PlaybackStarted', 'PlaybackFinished']);
    expect(rec).toEqual(['RecordingFinished']);
  });

  it('delivers an event once per subscription even when it names the id twice, and counts listeners back to zero', () => {
    const demux = new EventDemux();
    const got: AriEvent[] = [];
    const listener = (e: AriEvent): void => {
      got.push(e);
    };
    const offs = [demux.on('channel', 'a', listener), demux.on('channel', 'a', listener), demux.on('bridge', 'b', listener)];
    expect(demux.listenerCount).toBe(3);
    demux.dispatch({ type: 'ChannelEnteredBridge', channel: { id: 'a' }, bridge: { id: 'b' } });
    expect(got).toHaveLength(3); // each subscription once; one function registered twice stays two subscriptions
    demux.dispatch({ type: 'Dial', caller: { id: 'a' }, peer: { id: 'a' } });
    expect(got).toHaveLength(5);
    for (const off of offs) {
      off();
      off(); // idempotent
    }
    expect(demux.listenerCount).toBe(0);
    expect(demux.idCount('channel')).toBe(0);
    demux.dispatch({ type: 'ChannelEnteredBridge', channel: { id: 'a' }, bridge: { id: 'b' } });
    expect(got).toHaveLength(5);
  });

  it('skips listeners removed during the same dispatch and survives a throwing listener', () => {
    const errors: unknown[] = [];
    const demux = new EventDemux({ onError: (err) => errors.push(err) });
    const calls: string[] = [];
    let offB: () => void = () => undefined;
    demux.on('channel', 'a', () => {
      calls.push('a');
      offB();
      throw new Error('boom');
    });
    offB = demux.on('bridge', 'b', () => calls.push('b'));
    demux.dispatch({ type: 'ChannelEnteredBridge', channel: { id: 'a' }, bridge: { id: 'b' } });
    expect(calls).toEqual(['a']);
    expect(errors).toHaveLength(1);
  });

  it('subscribe calls a method on its receiver; unsubscribe is idempotent and ignores another demux\'s handle', () => {
    class Owner {
      readonly seen: string[] = [];
      constructor(readonly name: string) {}
      onEvent(event: AriEvent): void {
        this.seen.push(`${this.name}:${event.type}`);
      }
    }
    const demux = new EventDemux();
    const other = new EventDemux();
    const a = new Owner('a');
    const b = new Owner('b');
    const subA = demux.subscribe('channel', 'ch', a.onEvent, a);
    const subB = demux.subscribe('channel', 'ch', b.onEvent, b);
    const foreign = other.subscribe('channel', 'ch', a.onEvent, a);
    demux.dispatch({ type: 'ChannelDtmfReceived', channel: { id: 'ch' } });
    expect(a.seen).toEqual(['a:ChannelDtmfReceived']);
    expect(b.seen).toEqual(['b:ChannelDtmfReceived']);
    expect(subA.active).toBe(true);
    demux.unsubscribe(foreign); // not this demux's: changes nothing here
    expect(demux.listenerCount).toBe(2);
    expect(foreign.active).toBe(true);
    demux.unsubscribe(subA);
    demux.unsubscribe(subA);
    expect(subA.active).toBe(false);
    expect(demux.listenerCount).toBe(1);
    demux.dispatch({ type: 'StasisEnd', channel: { id: 'ch' } });
    expect(a.seen).toEqual(['a:ChannelDtmfReceived']);
    expect(b.seen).toEqual(['b:ChannelDtmfReceived', 'b:StasisEnd']);
    demux.unsubscribe(subB);
    expect(demux.listenerCount).toBe(0);
    expect(demux.idCount('channel')).toBe(0);
    other.dispatch({ type: 'StasisEnd', channel: { id: 'ch' } });
    expect(a.seen).toEqual(['a:ChannelDtmfReceived', 'a:StasisEnd']);
  });
});
