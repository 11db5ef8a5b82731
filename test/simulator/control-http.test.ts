import { WebSocket } from 'ws';
import { AriSimulator } from '../../src/simulator';

const AUTH = { Authorization: `Basic ${Buffer.from('voxtra:voxtra').toString('base64')}` };

describe('HTTP server and control API', () => {
  let sim: AriSimulator;
  beforeEach(async () => {
    sim = await AriSimulator.start({ timeScale: 0.01, endpoints: {} });
  });
  afterEach(() => sim.stop());

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = AUTH): Promise<{ status: number; json: unknown; text: string; headers: Headers }> => {
    const res = await fetch(`${sim.url}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text, headers: res.headers };
  };

  const events = async (apps: string): Promise<{ ws: WebSocket; got: Array<Record<string, unknown>>; closed: Promise<number> }> => {
    const ws = new WebSocket(`${sim.url.replace('http', 'ws')}/ari/events?app=${apps}&api_key=voxtra:voxtra`);
    const got: Array<Record<string, unknown>> = [];
    ws.on('message', (d) => got.push(JSON.parse(String(d)) as Record<string, unknown>));
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    await new Promise((r) => ws.once('open', r));
    return { ws, got, closed };
  };

  const until = async (check: () => boolean): Promise<void> => {
    for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(check()).toBe(true);
  };

  test('places a call, presses digits, hangs up, and returns the transcript with printable lines', async () => {
    const sock = await events('voxtra');
    const placed = await call('POST', '/_voxtra/sim/calls', { extension: '1000', callerNumber: '5551000', talkMs: 100 });
    expect(placed.status).toBe(201);
    const { channelId } = placed.json as { channelId: string };
    expect(placed.headers.get('location')).toBe(`/_voxtra/sim/calls/${channelId}`);
    await until(() => sock.got.some((e) => e.type === 'StasisStart'));
    expect((await call('POST', `/_voxtra/sim/calls/${channelId}/dtmf`, { digits: '42', gapMs: 100 })).status).toBe(204);
    await until(() => sock.got.filter((e) => e.type === 'ChannelDtmfReceived').length === 2);
    expect((await call('POST', `/_voxtra/sim/calls/${channelId}/hangup`)).status).toBe(204);
    const done = await call('GET', `/_voxtra/sim/calls/${channelId}/wait?timeoutMs=1000`);
    expect(done.status).toBe(200);
    const body = done.json as { ended: boolean; lines: string[]; entries: Array<{ kind: string }> };
    expect(body.ended).toBe(true);
    expect(body.lines.map((l) => l.trim().replace(/^\S+\s+/, ''))).toEqual(['call to 1000 from <5551000> for app voxtra', 'entered Stasis app voxtra (args 1000)', 'pressed 4', 'pressed 2', 'hung up by caller (cause 16)', 'left Stasis app voxtra']);
    expect(((await call('GET', '/_voxtra/sim/calls')).json as Array<{ channelId: string }>).map((c) => c.channelId)).toEqual([channelId]);
    expect((await call('GET', '/_voxtra/sim/stats')).json).toMatchObject({ placedCalls: 1, activeChannels: 0, eventSockets: 1 });
    sock.ws.close();
  });

  test('control requests need ARI credentials and report bad input and unknown calls', async () => {
    expect((await call('GET', '/_voxtra/sim/calls', undefined, {})).status).toBe(401);
    expect(await call('POST', '/_voxtra/sim/calls', { extension: '' })).toMatchObject({ status: 400, json: { message: 'invalid extension ""' } });
    expect((await call('GET', '/_voxtra/sim/calls/nope')).status).toBe(404);
    expect((await call('POST', '/_voxtra/sim/calls/nope/hangup')).status).toBe(404);
    expect((await call('PUT', '/_voxtra/sim/endpoints/PJSIP/1001', { kind: 'explode' })).status).toBe(400);
    expect((await call('GET', '/_voxtra/sim/nothing-here')).status).toBe(404);
  });

  test('configures endpoints for originate at run time', async () => {
    const origin = () => call('POST', '/ari/channels?endpoint=PJSIP%2F2001&app=voxtra');
    expect(await origin()).toMatchObject({ status: 500, json: { error: 'Allocation failed' } });
    expect((await call('PUT', '/_voxtra/sim/endpoints/PJSIP/2001', { kind: 'busy', ringMs: 10 })).status).toBe(204);
    expect((await origin()).status).toBe(200);
  });

  test('drop-event-sockets closes events connections without a close frame', async () => {
    const sock = await events('voxtra,voxtra-acme');
    expect((await call('POST', '/_voxtra/sim/drop-event-sockets')).status).toBe(204);
    expect(await sock.closed).toBe(1006);
  });

  test('JSON and form bodies carry parameters; OPTIONS lists methods; non-ARI paths get an HTML 404', async () => {
    expect((await call('POST', '/ari/asterisk/variable', { variable: 'G', value: 'json' })).status).toBe(204);
    expect((await call('GET', '/ari/asterisk/variable?variable=G')).json).toEqual({ value: 'json' });
    const form = await fetch(`${sim.url}/ari/asterisk/variable`, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'variable=G&value=form+data' });
    expect(form.status).toBe(204);
    expect((await call('GET', '/ari/asterisk/variable?variable=G')).json).toEqual({ value: 'form data' });
    const options = await call('OPTIONS', '/ari/channels/abc');
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('OPTIONS,GET,POST,DELETE');
    const other = await call('GET', '/index.html');
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toBe('text/html');
    expect(other.text).toContain('<title>404 Not Found</title>');
  });

  test('stop refuses connections; restart serves the same port with no calls left', async () => {
    const url = sim.url;
    const sock = await events('voxtra');
    const { channelId } = (await call('POST', '/_voxtra/sim/calls', { extension: '1000' })).json as { channelId: string };
    await until(() => sock.got.some((e) => e.type === 'StasisStart'));
    await sim.stop();
    expect(await sock.closed).toBe(1006);
    expect(sock.got.slice(1).map((e) => [e.type, e.cause])).toEqual([
      ['ChannelHangupRequest', 4],
      ['ChannelHangupRequest', 0],
      ['StasisEnd', undefined],
    ]);
    await expect(fetch(`${url}/ari/asterisk/ping`, { headers: AUTH })).rejects.toThrow();
    await sim.restart();
    expect(sim.url).toBe(url);
    expect((await call('GET', '/ari/channels')).json).toEqual([]);
    expect(sim.transcript(channelId).slice(-1)[0]).toMatchObject({ kind: 'stasis-end' });
  });
});
