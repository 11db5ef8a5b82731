import { FakeAsteriskConnection, channelEvent, stasisStart } from '../../ari/helpers/fake-asterisk';

/** Flows for calls over Asterisk's connections: 1000 answers, plays and hangs up; 2000 holds the call `hold` first. */
export function listenFlows(hold: string): string {
  return `
routes:
  - name: greet
    extension: "1000"
    steps: [answer, { play: sound:beep }, hangup]
  - name: hold
    extension: "2000"
    steps: [answer, { wait: ${hold} }, hangup]
default: [answer, hangup]
`;
}
import type { PeerRequest } from '../../ari/helpers/rest-frames-peer';

/**
 * Answers a call's requests on a fake Asterisk connection the way the
 * traces show them: answer 204 (after ChannelStateChange Up), play 201 with
 * PlaybackStarted/PlaybackFinished, hangup 204 followed by
 * ChannelHangupRequest and StasisEnd, anything else 204.
 */
export function answerLikeAsterisk(conn: FakeAsteriskConnection, playbackMs = 20): (req: PeerRequest) => { status: number; body?: unknown } {
  return (req) => {
    const m = /^\/ari\/channels\/([^/]+)(?:\/(\w+))?$/.exec(req.path);
    const channelId = m?.[1] ?? '';
    if (m && req.method === 'POST' && m[2] === 'answer') {
      conn.send(channelEvent('ChannelStateChange', channelId, conn.application));
      return { status: 204 };
    }
    if (m && req.method === 'POST' && m[2] === 'play') {
      const playback = { id: req.query.get('playbackId') ?? 'pb', media_uri: req.query.get('media'), target_uri: `channel:${channelId}`, language: 'en', state: 'playing' };
      setTimeout(() => conn.send({ type: 'PlaybackStarted', timestamp: '2026-12-06T10:07:12.099+0000', playback }), 1);
      setTimeout(() => conn.send({ type: 'PlaybackFinished', timestamp: '2026-12-06T10:07:13.501+0000', playback: { ...playback, state: 'done' } }), playbackMs);
      return { status: 201, body: { ...playback, state: 'queued' } };
    }
    if (m && req.method === 'DELETE' && m[2] === undefined) {
      setTimeout(() => {
        conn.send(channelEvent('ChannelHangupRequest', channelId, conn.application, { cause: 32, soft: true }));
        conn.send(channelEvent('StasisEnd', channelId, conn.application));
      }, 1);
      return { status: 204 };
    }
    return { status: 204 };
  };
}

/** Opens a per-call connection as Asterisk does for one call: ApplicationRegistered, then StasisStart. */
export async function perCall(url: string, app: string, channelId: string, extension: string, auth: { username: string; password: string }): Promise<FakeAsteriskConnection> {
  const opened = await openPerCall(url, app, channelId, auth);
  opened.start(extension);
  return opened.conn;
}

/**
 * The first half of {@link perCall}: the connection is open and
 * ApplicationRegistered sent; `start` sends the StasisStart (Asterisk sends
 * it ~500 ms after the socket opened).
 */
export async function openPerCall(url: string, app: string, channelId: string, auth: { username: string; password: string }): Promise<{ conn: FakeAsteriskConnection; start: (extension: string) => void }> {
  const name = `PJSIP/sipp-${channelId.replace(/\D/g, '').padStart(8, '0').slice(-8)}`;
  const conn = await FakeAsteriskConnection.open(url, `${app}:${name}`, auth);
  conn.handler = answerLikeAsterisk(conn);
  conn.registered();
  const start = (extension: string): void => {
    const event = stasisStart(channelId, conn.application, { channelName: name, args: [extension] });
    conn.send({ ...event, channel: { ...(event.channel as Record<string, unknown>), dialplan: { context: 'voxtra-in', exten: extension, priority: 2, app_name: 'Stasis', app_data: `${app},${extension}` } } });
  };
  return { conn, start };
}
