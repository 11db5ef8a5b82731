/** Where `voxtra run --simulator` tells `voxtra call` how to reach it (relative to the working folder). */
export const SIMULATOR_STATE_FILE = '.voxtra/simulator.json';

/** What `voxtra run --simulator` writes to {@link SIMULATOR_STATE_FILE}. */
export interface SimulatorState {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly apps: readonly string[];
  readonly pid: number;
}
