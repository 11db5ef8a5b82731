import { harness } from '../helpers/harness';

describe('in-process events socket (REST over it, on a FakeClock)', () => {
  it('carries events and RESTResponses as text frames, in socket order', async () => {
    const h = harness({}, []);
    const socket = h.sim.openEventsSocket(['voxtra']);
    const frames: Array<Record<string, unknown>> = [];
    socket.onFrame((text) => frames.push(JSON.parse(text) as Record<string, unknown>));
    const id = h.sim.placeCall({ extension: '1000' });
    await h.advance(0);
    socket.send(JSON.stringify({ type: 'RESTRequest', request_id: 'a', method: 'POST', uri: `channels/${id}/answer` }));
    socket.send(JSON.stringify({ type: 'RESTRequest', request_id: 'p', method: 'POST', uri: `channels/${id}/play`, query_strings: [{ name: 'media', value: 'sound:beep' }] }));
    socket.send(JSON.stringify({ type: 'RESTRequest', request_id: 'v', method: 'POST', uri: `channels/${id}/variable?variable=X&value=1` }));
    await h.advance(440);
    expect(frames.map((f) => (f.type === 'RESTResponse' ? `${String(f.request_id)}:${String(f.status_code)}` : f.type))).toEqual([
      'StasisStart',
      'ChannelStateChange',
      'a:204',
      'p:201',
      'PlaybackStarted',
      'PlaybackFinished',
      'ChannelVarset',
      'v:204',
    ]);
    expect(h.sim.stats().eventSockets).toBe(1);
    const closed: number[] = [];
    socket.onClose((code) => closed.push(code));
    h.sim.dropEventSockets();
    await h.advance(0);
    expect(closed).toEqual([1006]);
    expect(h.sim.stats().eventSockets).toBe(0);
  });
});
