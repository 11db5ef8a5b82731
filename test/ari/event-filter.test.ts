/**
 * The application event filter: with `eventFilter`, the transport sets each
 * app's `disallowed` list on connect, as a raw JSON body (Asterisk reads the
 * lists from the top level), over HTTP or as a RESTRequest frame; without it
 * nothing is sent.
 */
import { AriClientTransport, type AriClientTransportOptions } from '../../src/ari/ari-client-transport';
import { EVENT_FILTER_BODY, LEG_EVENT_TYPES, UNREAD_EVENT_TYPES } from '../../src/ari/event-filter';
import { AriSimulator } from '../../src/simulator';
import { FakeAriServer } from './helpers/fake-ari-server';
import { waitFor } from './helpers/wait';

describe('application event filter', () => {
  const transports: AriClientTransport[] = [];

  afterEach(async () => {
    for (const t of transports.splice(0)) await t.close();
  });

  function make(url: string, extra: Partial<AriClientTransportOptions>, auth = { username: 'voxtra', password: 'voxtra' }): AriClientTransport {
    const t = new AriClientTransport({ name: 'pbx1', url, ...auth, ...extra });
    transports.push(t);
    return t;
  }

  it('sends PUT /applications/{app}/eventFilter with the disallowed list as the whole body, once per app', async () => {
    const server = await FakeAriServer.start();
    try {
      const t = make(server.url, { eventFilter: true }, { username: server.username, password: server.password });
      await t.connect(['voxtra', 'voxtra-acme']);
      await waitFor(() => server.apiRequests().length === 2);
      const puts = server.apiRequests();
      expect(puts.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['PUT /ari/applications/voxtra-acme/eventFilter', 'PUT /ari/applications/voxtra/eventFilter']);
      expect(JSON.parse(puts[0].body)).toEqual({ disallowed: UNREAD_EVENT_TYPES.map((type) => ({ type })) });
      expect(puts[0].headers['content-type']).toBe('application/json');
    } finally {
      await server.stop();
    }
  });

  it('with legEvents false keeps the leg events off too, until allowLegEvents sets each app anew (once)', async () => {
    const server = await FakeAriServer.start();
    try {
      const t = make(server.url, { eventFilter: true, legEvents: false }, { username: server.username, password: server.password });
      await t.connect(['voxtra', 'voxtra-acme']);
      await waitFor(() => server.apiRequests().length === 2);
      const types = (body: string) => (JSON.parse(body) as { disallowed: Array<{ type: string }> }).disallowed.map((d) => d.type);
      for (const put of server.apiRequests()) expect(types(put.body)).toEqual([...UNREAD_EVENT_TYPES, ...LEG_EVENT_TYPES]);
      await t.allowLegEvents();
      const widened = server.apiRequests().slice(2);
      expect(widened.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['PUT /ari/applications/voxtra-acme/eventFilter', 'PUT /ari/applications/voxtra/eventFilter']);
      for (const put of widened) expect(types(put.body)).toEqual([...UNREAD_EVENT_TYPES]);
      await t.allowLegEvents();
      expect(server.apiRequests()).toHaveLength(4);
    } finally {
      await server.stop();
    }
  });

  it('sends nothing without the option', async () => {
    const server = await FakeAriServer.start();
    try {
      const t = make(server.url, {}, { username: server.username, password: server.password });
      await t.connect(['voxtra']);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.apiRequests()).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it.each(['http', 'websocket'] as const)('the simulator (as Asterisk) takes the filter over %s: the app reports the disallowed list', async (rest) => {
    const sim = await AriSimulator.start();
    try {
      const t = make(sim.url, { eventFilter: true, rest });
      await t.connect(['voxtra']);
      let app: { events_disallowed?: unknown[] } = {};
      for (let i = 0; i < 100 && (app.events_disallowed ?? []).length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        app = await t.request<typeof app>('applications.get', { applicationName: 'voxtra' });
      }
      expect(app.events_disallowed).toEqual(JSON.parse(EVENT_FILTER_BODY).disallowed);
    } finally {
      await sim.stop();
    }
  });
});
