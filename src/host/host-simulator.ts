import type { RuntimeServer } from '../runtime/server-fleet';
import { AriSimulator } from '../simulator/ari-simulator';
import type { SimulatorOptions } from '../simulator/options';

/** The built-in ARI simulator as a host runs it in place of Asterisk. */
export interface HostSimulatorOptions extends SimulatorOptions {
  /**
   * `http` (default): served on `host`:`port` (127.0.0.1, port 0 unless
   * given), reached through ari-client as Asterisk is. `in-process`: no
   * socket, the runtime talks to it directly (tests on a FakeClock).
   */
  readonly transport?: 'http' | 'in-process';
  /** `http`: when `port` is taken, listen on any free port instead (the CLI's default port). */
  readonly freePortIfTaken?: boolean;
}

/** Starts the simulator and describes the server the runtime connects to. */
export async function startHostSimulator(opts: HostSimulatorOptions): Promise<{ simulator: AriSimulator; server: RuntimeServer }> {
  const { transport = 'http', freePortIfTaken = false, ...options } = opts;
  if (transport === 'in-process') {
    const simulator = AriSimulator.createInProcess(options);
    return { simulator, server: { name: 'simulator', transport: simulator.createTransport() } };
  }
  const simulator = await listen({ host: '127.0.0.1', port: 0, ...options }, freePortIfTaken);
  return { simulator, server: { name: 'simulator', url: simulator.url, username: options.username ?? 'voxtra', password: options.password ?? 'voxtra' } };
}

async function listen(options: SimulatorOptions, freePortIfTaken: boolean): Promise<AriSimulator> {
  try {
    return await AriSimulator.start(options);
  } catch (err) {
    if (!freePortIfTaken || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return AriSimulator.start({ ...options, port: 0 });
  }
}
