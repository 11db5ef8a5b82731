/** The composition root: `createHost` wires a running Voxtra for `voxtra run`, `VoxtraApp` and `voxtra test`. */
export { createHost, Host } from './host';
export type { HostCreation, HostStopOptions } from './host';
export type { HostOptions, HostRefusal, HostReloadOptions, HostSpeechOptions } from './host-options';
export type { HostSimulatorOptions } from './host-simulator';
export { realTimeAriDeadlines, runtimeTime, type RuntimeTime } from './time-scale';
