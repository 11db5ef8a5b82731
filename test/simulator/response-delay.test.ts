import { AriSimulator } from '../../src/simulator';

const AUTH = `Basic ${Buffer.from('voxtra:voxtra').toString('base64')}`;

describe('simulator responseDelayMs (a PBX that takes time per request)', () => {
  let sim: AriSimulator;
  afterEach(async () => sim?.stop());

  it('holds each ARI request for the delay, during which it counts as an HTTP session', async () => {
    sim = await AriSimulator.start({ responseDelayMs: 80, sessionLimit: 100 });
    const started = performance.now();
    const pending = Promise.all([1, 2, 3].map(() => fetch(`${sim.url}/ari/applications`, { headers: { authorization: AUTH } })));
    await new Promise((r) => setTimeout(r, 40));
    expect(sim.stats().sessions.current).toBeGreaterThanOrEqual(3);
    const answers = await pending;
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('does not delay the control API', async () => {
    sim = await AriSimulator.start({ responseDelayMs: 500 });
    const started = performance.now();
    const res = await fetch(`${sim.url}/_voxtra/sim/calls`, { headers: { authorization: AUTH } });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('is off by default', async () => {
    sim = await AriSimulator.start();
    const started = performance.now();
    const res = await fetch(`${sim.url}/ari/applications`, { headers: { authorization: AUTH } });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(400);
  });
});
