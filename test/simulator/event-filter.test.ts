import { AriRouter } from '../../src/simulator/http/ari-router';
import type { JsonObject } from '../../src/simulator/model/json';
import { RestSession } from '../../src/simulator/rest-ws/rest-session';
import { harness } from './helpers/harness';

const filter = (h: ReturnType<typeof harness>, body?: unknown): { status: number; body?: unknown } => h.op('applications.filter', { applicationName: 'voxtra', ...(body === undefined ? {} : { filter: body }) });
const lists = (h: ReturnType<typeof harness>): unknown => {
  const app = h.op('applications.get', { applicationName: 'voxtra' }).body as JsonObject;
  return [app.events_allowed, app.events_disallowed];
};

describe('application event filter (PUT /applications/{app}/eventFilter, res/stasis/app.c)', () => {
  it('lets only allowed types through, and disallowed wins over allowed', async () => {
    const h = harness();
    expect(filter(h, { allowed: [{ type: 'StasisStart' }, { type: 'StasisEnd' }, { type: 'ChannelVarset' }], disallowed: [{ type: 'ChannelVarset' }] }).status).toBe(200);
    const ch = h.sim.placeCall({ extension: '1000' });
    await h.advance(0);
    h.op('channels.answer', { channelId: ch });
    h.op('channels.setChannelVar', { channelId: ch, variable: 'X', value: '1' });
    h.op('channels.hangup', { channelId: ch });
    expect(h.events.map((e) => e.type)).toEqual(['StasisStart', 'StasisEnd']);
    expect(lists(h)).toEqual([[{ type: 'StasisStart' }, { type: 'StasisEnd' }, { type: 'ChannelVarset' }], [{ type: 'ChannelVarset' }]]);
  });

  it('follows the body rules: one list leaves the other, {} or no body clears both, empty lists mean no filtering', () => {
    const h = harness();
    filter(h, { allowed: [{ type: 'A' }], disallowed: [{ type: 'B' }] });
    filter(h, { allowed: [{ type: 'C' }] });
    expect(lists(h)).toEqual([[{ type: 'C' }], [{ type: 'B' }]]);
    filter(h, {});
    expect(lists(h)).toEqual([[], []]);
    filter(h, { disallowed: [{ type: 'B' }] });
    expect(filter(h).status).toBe(200);
    expect(lists(h)).toEqual([[], []]);
    filter(h, { allowed: [], disallowed: [] });
    expect(lists(h)).toEqual([[], []]);
    // An array sets both lists: the type is both allowed and disallowed, so nothing of it passes.
    filter(h, [{ type: 'StasisStart' }]);
    expect(lists(h)).toEqual([[{ type: 'StasisStart' }], [{ type: 'StasisStart' }]]);
  });

  it('refuses entries without a type (400 Invalid format definition), having set the disallowed list first', () => {
    const h = harness();
    expect(filter(h, { allowed: [{}] })).toEqual({ status: 400, body: { message: 'Invalid format definition' } });
    expect(filter(h, { allowed: 'StasisStart' }).status).toBe(400);
    expect(filter(h, { disallowed: [{ type: 'X' }], allowed: [{ nope: 1 }] }).status).toBe(400);
    expect(lists(h)).toEqual([[], [{ type: 'X' }]]);
    expect(filter(h, null)).toEqual({ status: 400, body: { message: 'Invalid format definition' } });
    expect(h.op('applications.filter', { applicationName: 'nope', filter: {} })).toEqual({ status: 404, body: { message: 'Application not found' } });
  });

  it('drops RESTResponse frames unless allowed, the answer to the PUT that set the filter included', () => {
    const h = harness();
    const out: JsonObject[] = [];
    const s = new RestSession({ model: h.sim.model, router: new AriRouter(), appName: () => 'voxtra', write: (f) => out.push(f) });
    const put = (id: string, body: unknown): void =>
      s.receive(JSON.stringify({ type: 'RESTRequest', request_id: id, method: 'PUT', uri: 'applications/voxtra/eventFilter', content_type: 'application/json', message_body: JSON.stringify(body) }));
    put('no-restresponse', { allowed: [{ type: 'StasisStart' }] });
    s.receive(JSON.stringify({ type: 'RESTRequest', request_id: 'ping', method: 'GET', uri: 'asterisk/ping' }));
    expect(out).toEqual([]);
    put('with', { allowed: [{ type: 'StasisStart' }, { type: 'RESTResponse' }] });
    expect(out.map((f) => [f.request_id, f.status_code])).toEqual([['with', 200]]);
    // Without message_body Asterisk hands the handler a JSON null: 400.
    s.receive(JSON.stringify({ type: 'RESTRequest', request_id: 'nobody', method: 'PUT', uri: 'applications/voxtra/eventFilter' }));
    expect(out.map((f) => [f.request_id, f.status_code])).toEqual([
      ['with', 200],
      ['nobody', 400],
    ]);
  });

  it('filters ApplicationReplaced as well', () => {
    const h = harness();
    filter(h, { disallowed: [{ type: 'ApplicationReplaced' }] });
    h.sim.model.apps.register(['voxtra'], { send: () => undefined }, false);
    expect(h.events.map((e) => e.type)).toEqual([]);
  });
});
