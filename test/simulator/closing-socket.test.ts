import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { AriSimulator } from '../../src/simulator';
import { waitFor } from '../ari/helpers/wait';

// Asterisk unregisters an events socket's apps as soon as it reads the
// client's close frame, not when the TCP connection finally goes. A raw
// client that sends its close frame and keeps the connection open holds
// that moment still: Stasis() must already fail.

/** Upgrades a raw TCP connection to the events socket for `app`; resolves once the 101 arrived. */
function openRaw(url: string, app: string): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => {
      socket.write(
        [
          `GET /ari/events?app=${app} HTTP/1.1`,
          `Host: ${hostname}:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          `Authorization: Basic ${Buffer.from('voxtra:voxtra').toString('base64')}`,
          '',
          '',
        ].join('\r\n'),
      );
    });
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
    };
    socket.on('data', onData);
    socket.on('error', reject);
  });
}

/** A masked close frame with status 1000, as a client sends it. */
function closeFrame(): Buffer {
  const mask = randomBytes(4);
  const payload = Buffer.from([0x03, 0xe8]).map((b, i) => b ^ mask[i % 4]);
  return Buffer.concat([Buffer.from([0x88, 0x80 | payload.length]), mask, payload]);
}

describe('an events socket that is closing', () => {
  let sim: AriSimulator;
  let raw: net.Socket | undefined;

  beforeEach(async () => {
    sim = await AriSimulator.start({ timeScale: 0.01 });
  });

  afterEach(async () => {
    raw?.destroy();
    raw = undefined;
    await sim.stop();
  });

  it('no longer holds its apps once the server has read its close frame, while the connection is still open', async () => {
    const socket = await openRaw(sim.url, 'closing');
    raw = socket;
    const before = sim.placeCall({ app: 'closing', extension: '1000' });
    await waitFor(() => sim.transcript(before).some((e) => e.kind === 'stasis-start'), 5_000);
    sim.hangup(before);

    // The server answers a close frame with its own: once that arrives, it has read ours. The TCP connection stays open.
    const answered = new Promise<void>((resolve) => socket.on('data', (chunk: Buffer) => chunk.includes(0x88) && resolve()));
    socket.write(closeFrame());
    await answered;
    expect(socket.destroyed).toBe(false);

    const after = sim.placeCall({ app: 'closing', extension: '1000' });
    const kinds = (await sim.waitForEnd(after, { timeoutMs: 5_000 })).map((e) => e.kind);
    expect(kinds).toContain('stasis-failed');
    expect(kinds).not.toContain('stasis-start');
  });
});
