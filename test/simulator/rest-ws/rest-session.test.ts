import { AriRouter } from '../../../src/simulator/http/ari-router';
import type { JsonObject } from '../../../src/simulator/model/json';
import { RestSession } from '../../../src/simulator/rest-ws/rest-session';
import { harness, type Harness } from '../helpers/harness';

/** A REST-over-WebSocket session on the harness's app, writing into the same stream as its events (they share the socket). */
function session(h: Harness, out: JsonObject[] = h.events as JsonObject[]): { send: (frame: object) => void; out: JsonObject[]; s: RestSession } {
  const s = new RestSession({ model: h.sim.model, router: new AriRouter(), appName: () => 'voxtra', write: (f) => out.push(f) });
  return { send: (frame) => s.receive(JSON.stringify(frame)), out, s };
}

const rq = (id: string, method: string, uri: string, extra: object = {}): object => ({ type: 'RESTRequest', transaction_id: 'tx', request_id: id, method, uri, ...extra });
const replies = (frames: JsonObject[]): Array<[string, number]> => frames.filter((f) => f.type === 'RESTResponse').map((f) => [String(f.request_id), Number(f.status_code)]);
const types = (frames: JsonObject[]): string[] => frames.map((f) => (f.type === 'RESTResponse' ? `RESTResponse:${String(f.request_id)}` : String(f.type)));

async function callInStasis(h: Harness): Promise<string> {
  const id = h.sim.placeCall({ extension: '1000', callerNumber: '5551000' });
  await h.advance(0);
  return id;
}

/** A call in Stasis, answered over a socket that then plays `media` (id pb-1) on it; `waitMs` later. */
async function playing(media: string, waitMs: number): Promise<{ h: Harness; ch: string; send: (frame: object) => void }> {
  const h = harness();
  const ch = await callInStasis(h);
  const { send } = session(h);
  send(rq('answer', 'POST', `channels/${ch}/answer`));
  send(rq('play', 'POST', `channels/${ch}/play`, { query_strings: [{ name: 'media', value: media }, { name: 'playbackId', value: 'pb-1' }] }));
  await h.advance(waitMs);
  return { h, ch, send };
}

describe('REST over the WebSocket: one request at a time per socket', () => {
  it('answers in order, with the answer after the ChannelStateChange it causes', async () => {
    const h = harness();
    const ch = await callInStasis(h);
    const { send } = session(h);
    h.events.length = 0;
    send(rq('a', 'POST', `channels/${ch}/answer`));
    send(rq('p1', 'GET', 'asterisk/ping'));
    send(rq('p2', 'GET', 'asterisk/ping'));
    expect(types(h.events as JsonObject[])).toEqual(['ChannelStateChange', 'RESTResponse:a', 'RESTResponse:p1', 'RESTResponse:p2']);
    expect(replies(h.events as JsonObject[])).toEqual([
      ['a', 204],
      ['p1', 200],
      ['p2', 200],
    ]);
  });

  it('holds a variable set during a playback until the playback ends, and every request behind it on that socket (head-of-line)', async () => {
    const { h, ch, send } = await playing('sound:hello-world', 0);
    const start = h.clock.now();
    h.events.length = 0;
    send(rq('var', 'POST', `channels/${ch}/variable`, { query_strings: [{ name: 'variable', value: 'V' }, { name: 'value', value: '1' }] }));
    send(rq('ping', 'GET', 'asterisk/ping'));
    // Over HTTP, and on another socket, nothing waits.
    expect(h.op('asterisk.ping').status).toBe(200);
    const other = session(h, []);
    other.send(rq('other', 'GET', 'asterisk/ping'));
    expect(replies(other.out)).toEqual([['other', 200]]);
    await h.advance(1419);
    expect(replies(h.events as JsonObject[])).toEqual([]);
    await h.advance(1);
    expect(h.clock.now() - start).toBe(1420);
    expect(types(h.events as JsonObject[])).toEqual(['PlaybackFinished', 'ChannelVarset', 'RESTResponse:var', 'RESTResponse:ping']);
  });

  it('lets a command wait only for the media queued before it', async () => {
    const h = harness();
    const ch = await callInStasis(h);
    const { send } = session(h);
    send(rq('answer', 'POST', `channels/${ch}/answer`));
    send(rq('play1', 'POST', `channels/${ch}/play`, { query_strings: [{ name: 'media', value: 'sound:beep' }] }));
    send(rq('var', 'POST', `channels/${ch}/variable?variable=V&value=1`));
    // Sent over HTTP while the variable waits: queued behind the variable on the channel thread.
    expect(h.op('channels.play', { channelId: ch, media: 'sound:beep', playbackId: 'second' }).status).toBe(201);
    h.events.length = 0;
    await h.advance(440);
    expect(types(h.events as JsonObject[])).toEqual(['PlaybackStarted', 'PlaybackFinished', 'ChannelVarset', 'RESTResponse:var', 'PlaybackStarted']);
  });

  it('does not hold a hangup or a play behind media: they do not join the channel thread', async () => {
    const { h, ch, send } = await playing('sound:demo-congrats', 10);
    h.events.length = 0;
    send(rq('play2', 'POST', `channels/${ch}/play?media=sound:beep`));
    send(rq('bye', 'DELETE', `channels/${ch}`));
    expect(replies(h.events as JsonObject[])).toEqual([
      ['play2', 201],
      ['bye', 204],
    ]);
  });

  it('answers a waiting request with the channel gone when the caller hangs up during the playback', async () => {
    const { h, ch, send } = await playing('sound:demo-congrats', 10);
    send(rq('var', 'POST', `channels/${ch}/variable?variable=V&value=1`));
    h.sim.hangup(ch);
    expect(replies(h.events as JsonObject[]).slice(-1)).toEqual([['var', 404]]);
  });

  it('answers the recorded uri forms and resource errors', async () => {
    const h = harness();
    const { send, out } = session(h, []);
    send(rq('slash', 'GET', '/asterisk/ping'));
    send(rq('prefix', 'GET', 'ari/asterisk/ping'));
    send(rq('trailing', 'GET', 'asterisk/ping/'));
    send(rq('405', 'PUT', 'asterisk/ping'));
    send(rq('events', 'GET', 'events', { query_strings: [{ name: 'app', value: 'x' }] }));
    send(rq('nochan', 'DELETE', 'channels/no-such-channel'));
    send(rq('opts', 'OPTIONS', 'asterisk/ping'));
    const byId = Object.fromEntries(out.map((f) => [f.request_id, [f.status_code, f.reason_phrase, f.message_body ?? null]]));
    expect(byId).toEqual({
      slash: [405, 'Method Not Allowed', '{"message":"Invalid method"}'],
      prefix: [404, 'Not Found', '{"message":"Resource not found"}'],
      trailing: [404, 'Not Found', '{"message":"ARI URLs do not end with a slash. Try /ari/asterisk/ping"}'],
      '405': [405, 'Method Not Allowed', '{"message":"Invalid method"}'],
      events: [400, 'Bad request', '{"message":"Can\'t upgrade to websocket from a websocket"}'],
      nochan: [404, 'Not Found', '{"message":"Channel not found"}'],
      opts: [204, 'No Content', null],
    });
  });

  it('reads variables set five ways, with the handler reason phrases', async () => {
    const h = harness();
    const ch = await callInStasis(h);
    const { send, out } = session(h, []);
    send(rq('qs', 'POST', `channels/${ch}/variable`, { query_strings: [{ name: 'variable', value: 'QS' }, { name: 'value', value: 'q' }] }));
    send(rq('uri', 'POST', `channels/${ch}/variable?variable=URI&value=from%20uri`));
    send(rq('json', 'POST', `channels/${ch}/variable`, { content_type: 'application/json', message_body: '{"variable":"JSON","value":"j"}' }));
    send(rq('form', 'POST', `channels/${ch}/variable`, { content_type: 'application/x-www-form-urlencoded', message_body: 'variable=FORM&value=from+form+body' }));
    send(rq('obj', 'POST', `channels/${ch}/variable`, { content_type: 'application/json', message_body: { variable: 'OBJ', value: 'o' } }));
    for (const v of ['QS', 'URI', 'JSON', 'FORM', 'OBJ']) send(rq(`get-${v}`, 'GET', `channels/${ch}/variable`, { query_strings: [{ name: 'variable', value: v }] }));
    const byId = Object.fromEntries(out.map((f) => [f.request_id, [f.status_code, f.reason_phrase, f.message_body ?? null]]));
    expect(byId).toMatchObject({
      qs: [204, 'No Content', null],
      obj: [400, 'Bad Request', '{"message":"Variable name is required"}'],
      'get-URI': [200, 'OK', '{"value":"from uri"}'],
      'get-FORM': [200, 'OK', '{"value":"from form body"}'],
      'get-OBJ': [404, 'Variable Not Found', '{"message":"Provided variable was not found"}'],
    });
  });
});
