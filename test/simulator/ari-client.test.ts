import { AriSimulator } from '../../src/simulator';

/** The slice of ari-client's untyped API this test uses. */
interface AriChannel {
  id: string;
  state: string;
  answer(): Promise<void>;
  play(opts: { media: string }, playback?: AriPlayback): Promise<AriPlayback>;
  hangup(): Promise<void>;
}
interface AriPlayback {
  id: string;
  state: string;
  once(event: string, cb: (event: { type: string; playback: { state: string } }) => void): void;
}
interface AriClient {
  on(event: string, cb: (event: { type: string; args?: string[] }, obj: AriChannel) => void): void;
  start(apps: string | string[]): Promise<void>;
  stop(): void;
  Playback(): AriPlayback;
  channels: { get(opts: { channelId: string }): Promise<AriChannel> };
  asterisk: { getInfo(): Promise<{ system: { version: string } }> };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ari = require('ari-client') as { connect(url: string, user: string, pass: string): Promise<AriClient> };

describe('ari-client against the simulator', () => {
  let sim: AriSimulator;
  let client: AriClient | undefined;

  beforeAll(async () => {
    // swagger-client logs a deprecation line for Swagger 1.1 documents, as it does against Asterisk.
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    sim = await AriSimulator.start({ timeScale: 0.02 });
  });
  afterAll(async () => {
    client?.stop();
    await sim.stop();
  });

  test('loads the API docs, wraps StasisStart channels, answers, plays and hangs up through generated methods', async () => {
    client = await ari.connect(sim.url, 'voxtra', 'voxtra');
    const info = await client.asterisk.getInfo();
    expect(info.system.version).toBe('22.10.1');

    const stasisStart = new Promise<{ args: string[]; channel: AriChannel }>((resolve) =>
      client?.on('StasisStart', (event, channel) => resolve({ args: event.args ?? [], channel })),
    );
    const ended = new Promise<string>((resolve) => client?.on('StasisEnd', (event) => resolve(event.type)));
    await client.start('voxtra');
    const id = sim.placeCall({ extension: '1000', callerNumber: '5551000' });

    const { args, channel } = await stasisStart;
    expect(args).toEqual(['1000']);
    expect(channel.id).toBe(id);
    expect(typeof channel.answer).toBe('function');

    await channel.answer();
    expect((await client.channels.get({ channelId: id })).state).toBe('Up');

    const playback = client.Playback();
    const finished = new Promise<string>((resolve) => playback.once('PlaybackFinished', (event) => resolve(event.playback.state)));
    const started = await channel.play({ media: 'sound:hello-world' }, playback);
    expect(started.id).toBe(playback.id);
    expect(await finished).toBe('done');

    await channel.hangup();
    expect(await ended).toBe('StasisEnd');
    const kinds = (await sim.waitForEnd(id)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['stasis-start', 'answered', 'playback-finished', 'hangup', 'stasis-end']));
  });
});
