/**
 * The event-loop lag probe starts once the server connections are created:
 * creating them is start-up work (an HTTP transport loads ari-client, ~180 ms
 * of synchronous work), and a probe already running read it as lag, so a
 * replica turned away its first calls and broadcast offers.
 */
import { silentLogger } from '../../src/core/logger';
import { Runtime, type LagProbe } from '../../src/runtime/runtime';
import { AriSimulator } from '../../src/simulator';
import { tempProject } from '../config/temp-project';
import { compileFolder, waitFor } from './helpers/runtime-harness';

describe('Runtime: the lag probe', () => {
  it('starts after the server connections were created, and stops with the runtime', async () => {
    const { snapshots } = await compileFolder(tempProject({ 'voxtra.config.yaml': 'app: shop\nflows: flows/\n', 'flows/main.yaml': 'default: [answer, hangup]\n' }));
    const sim = await AriSimulator.start({ apps: ['shop'] });
    let runtime: Runtime | undefined;
    const serversAtStart: number[] = [];
    let running = false;
    const probe: LagProbe = {
      lagMs: 0,
      start: () => {
        running = true;
        serversAtStart.push((runtime as Runtime).readiness().servers.length);
      },
      stop: () => {
        running = false;
      },
    };
    try {
      runtime = new Runtime({ servers: [{ name: 'sim', url: sim.url, username: 'voxtra', password: 'voxtra' }], snapshots, logger: silentLogger, eventLoopLag: probe });
      runtime.start();
      // Connected first, so that a failure below leaves no connect in flight.
      await waitFor(() => (runtime as Runtime).readiness().servers.every((s) => s.state === 'connected'), 5000);
      expect(serversAtStart).toEqual([1]);
      expect(running).toBe(true);
      await runtime.stop();
      expect(running).toBe(false);
    } finally {
      await runtime?.stop();
      await sim.stop();
    }
  });
});
