import { WebSocket } from 'ws';
import { AriSimulator } from '../../../src/simulator';

const AUTH = { Authorization: `Basic ${Buffer.from('voxtra:voxtra').toString('base64')}` };

async function socket(sim: AriSimulator, app = 'voxtra'): Promise<{ ws: WebSocket; frames: Array<Record<string, unknown>>; until: (n: number) => Promise<void> }> {
  const ws = new WebSocket(`${sim.url.replace('http', 'ws')}/ari/events?app=${app}`, { headers: AUTH });
  const frames: Array<Record<string, unknown>> = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d)) as Record<string, unknown>));
  await new Promise((r) => ws.once('open', r));
  const until = async (n: number): Promise<void> => {
    for (let i = 0; i < 1000 && frames.length < n; i++) await new Promise((r) => setTimeout(r, 5));
  };
  return { ws, frames, until };
}

describe('REST over the events WebSocket (HTTP mode)', () => {
  let sim: AriSimulator;
  afterEach(() => sim?.stop());

  it('ignores a binary frame and keeps serving text frames; the first app of the socket answers', async () => {
    sim = await AriSimulator.start();
    const s = await socket(sim, 'voxtra,voxtra-acme');
    s.ws.send(JSON.stringify({ type: 'RESTRequest', request_id: 'bin', method: 'GET', uri: 'asterisk/ping' }), { binary: true });
    s.ws.send(JSON.stringify({ type: 'RESTRequest', request_id: 'txt', method: 'GET', uri: 'asterisk/ping' }));
    await s.until(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(s.frames.map((f) => [f.request_id, f.status_code, f.application])).toEqual([['txt', 200, 'voxtra']]);
    s.ws.close();
  });

  it('applies responseDelayMs to each request of the socket, one after the other', async () => {
    sim = await AriSimulator.start({ responseDelayMs: 60 });
    const s = await socket(sim);
    const started = performance.now();
    for (const id of ['1', '2', '3']) s.ws.send(JSON.stringify({ type: 'RESTRequest', request_id: id, method: 'GET', uri: 'asterisk/ping' }));
    await s.until(3);
    expect(s.frames.map((f) => f.request_id)).toEqual(['1', '2', '3']);
    expect(performance.now() - started).toBeGreaterThanOrEqual(170);
    s.ws.close();
  });

  it('drops answers the event filter does not allow, also when the filter was set over HTTP', async () => {
    sim = await AriSimulator.start();
    const s = await socket(sim);
    const put = await fetch(`${sim.url}/ari/applications/voxtra/eventFilter`, { method: 'PUT', headers: { ...AUTH, 'Content-Type': 'application/json' }, body: JSON.stringify({ allowed: [{ type: 'StasisStart' }] }) });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ events_allowed: [{ type: 'StasisStart' }], events_disallowed: [] });
    s.ws.send(JSON.stringify({ type: 'RESTRequest', request_id: 'dropped', method: 'GET', uri: 'asterisk/ping' }));
    const reset = await fetch(`${sim.url}/ari/applications/voxtra/eventFilter`, { method: 'PUT', headers: AUTH });
    expect(await reset.json()).toMatchObject({ events_allowed: [], events_disallowed: [] });
    s.ws.send(JSON.stringify({ type: 'RESTRequest', request_id: 'kept', method: 'GET', uri: 'asterisk/ping' }));
    await s.until(1);
    expect(s.frames.map((f) => f.request_id)).toEqual(['kept']);
    s.ws.close();
  });

  it('writes the handler reason phrase in the HTTP status line as well', async () => {
    sim = await AriSimulator.start();
    const s = await socket(sim);
    const id = sim.placeCall({ extension: '1000' });
    await s.until(1);
    const res = await fetch(`${sim.url}/ari/channels/${id}/variable?variable=NOPE`, { headers: AUTH });
    expect([res.status, res.statusText]).toEqual([404, 'Variable Not Found']);
    s.ws.close();
  });
});
