import type { CallControl, ChannelInfo } from '../../src/control/call-control';
import type { IncomingCall } from '../../src/control/incoming-call';
import { MAX_ARGS, MAX_CALLER_FIELD, MAX_EXTENSION, boundIncoming } from '../../src/runtime/bounded-input';

const channel: ChannelInfo = {
  id: 'c1', name: 'PJSIP/x-1', state: 'Ring', callerNumber: '5551000', callerName: 'Jane', connectedNumber: '',
  extension: '1000', context: 'voxtra-in', priority: 2, language: 'en', protocolId: '', creationTime: '',
};

describe('boundIncoming', () => {
  // The control is never touched by the bounding.
  const incoming = (ch: Partial<ChannelInfo>, args: string[] = ['1000']): IncomingCall => ({ server: 's', app: 'a', channel: { ...channel, ...ch }, args, control: {} as CallControl });

  it('passes ordinary calls through untouched (same object)', () => {
    const call = incoming({});
    expect(boundIncoming(call)).toEqual({ call, cut: [] });
    expect(boundIncoming(call).call).toBe(call);
  });

  it('cuts caller fields, the extension and the Stasis arguments to their bounds and says which', () => {
    const { call, cut } = boundIncoming(incoming({ callerNumber: '9'.repeat(5000), callerName: 'n'.repeat(300), extension: '1'.repeat(200) }, Array.from({ length: 40 }, () => 'a'.repeat(300))));
    expect(call.channel.callerNumber).toBe('9'.repeat(MAX_CALLER_FIELD));
    expect(call.channel.callerName).toHaveLength(MAX_CALLER_FIELD);
    expect(call.channel.extension).toHaveLength(MAX_EXTENSION);
    expect(call.args).toHaveLength(MAX_ARGS);
    expect(call.args.every((a) => a.length === MAX_CALLER_FIELD)).toBe(true);
    expect(cut).toEqual(expect.arrayContaining(['caller number', 'caller name', 'extension', 'args', 'args[0]']));
  });

  it('notices any one field over its bound, and leaves a call exactly at the bounds alone', () => {
    const atBounds = incoming({ callerNumber: '9'.repeat(MAX_CALLER_FIELD), connectedNumber: 'c'.repeat(MAX_CALLER_FIELD), extension: '1'.repeat(MAX_EXTENSION) }, Array.from({ length: MAX_ARGS }, () => 'a'.repeat(MAX_CALLER_FIELD)));
    expect(boundIncoming(atBounds).call).toBe(atBounds);
    expect(boundIncoming(incoming({ connectedNumber: 'c'.repeat(MAX_CALLER_FIELD + 1) })).cut).toEqual(['connected number']);
    expect(boundIncoming(incoming({}, ['1000', 'a'.repeat(MAX_CALLER_FIELD + 1)])).cut).toEqual(['args[1]']);
    const many = boundIncoming(incoming({}, Array.from({ length: MAX_ARGS + 1 }, () => 'x')));
    expect(many.cut).toEqual(['args']);
    expect(many.call.args).toHaveLength(MAX_ARGS);
  });
});
