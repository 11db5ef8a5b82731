import { createAriServer, type AriServer } from '../../src/ari/ari-server';
import type { ReconcileReport } from '../../src/ari/ari-gateway';
import type { IncomingCall } from '../../src/control/incoming-call';
import { memoryLogger } from '../../src/core/logger';
import { FakeAriServer } from './helpers/fake-ari-server';
import { traceEvents } from './helpers/traces';
import { waitFor } from './helpers/wait';

describe('createAriServer over loopback (transport + gateway + supervisor)', () => {
  let server: FakeAriServer;
  let ari: AriServer | undefined;

  beforeEach(async () => {
    server = await FakeAriServer.start();
  });
  afterEach(async () => {
    await ari?.supervisor.stop();
    await server.stop();
  });

  it('delivers calls, survives a dropped socket, and reconciles the call it still runs', async () => {
    const logger = memoryLogger();
    const reports: ReconcileReport[] = [];
    ari = createAriServer({
      name: 'pbx1',
      url: server.url,
      username: server.username,
      password: server.password,
      apps: ['voxtra'],
      logger,
      backoff: { initialMs: 20, maxMs: 100 },
      onReconciled: (r) => {
        reports.push(r);
      },
    });
    const calls: IncomingCall[] = [];
    ari.gateway.onIncoming((c) => calls.push(c));
    const start = traceEvents('inbound-sip-answer-play-hangup').find((e) => e.type === 'StasisStart');
    const channel = start?.channel as { id: string };
    let inStasis: unknown[] = [];
    server.handler = (req) => {
      if (req.path === '/ari/channels' && req.method === 'GET') return { status: 200, body: inStasis };
      if (req.path === '/ari/applications/voxtra') return { status: 200, body: { name: 'voxtra', channel_ids: inStasis.map((c) => (c as { id: string }).id) } };
      return { status: 204 };
    };
    ari.supervisor.start();
    await waitFor(() => ari?.supervisor.status.state === 'connected' && reports.length === 1);
    expect(reports[0]).toEqual({ continued: [], unknown: [], vanished: [] });

    server.emit(start as Record<string, unknown>);
    await waitFor(() => calls.length === 1);
    await calls[0].control.answer();
    expect(server.apiRequests().at(-1)).toMatchObject({ method: 'POST', path: `/ari/channels/${channel.id}/answer` });

    inStasis = [start?.channel];
    server.dropEventSockets();
    await waitFor(() => reports.length === 2);
    expect(ari.supervisor.status).toMatchObject({ state: 'connected', reconnects: 1 });
    expect(reports[1]).toEqual({ continued: [channel.id], unknown: [], vanished: [] });
    expect(server.wsUpgrades).toHaveLength(2);
    // The call keeps working, and its later events arrive on the new socket.
    const end = traceEvents('inbound-sip-answer-play-hangup').find((e) => e.type === 'StasisEnd');
    server.emit(end as Record<string, unknown>);
    await expect(calls[0].control.ended).resolves.toMatchObject({ kind: 'left' });
    expect(ari.gateway.counts).toEqual({ liveControls: 0, dialLegs: 0, demuxListeners: 0 });
    expect(JSON.stringify(logger.records)).not.toContain(server.password);
  });
});
