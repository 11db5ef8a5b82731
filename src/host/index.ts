/** The composition root: `createHost` wires a running Voxtra for `voxtra run`, `VoxtraApp` and `voxtra test`. */
export { createHost, type HostCreation } from './create-host';
export { Host, type HostStopOptions } from './host';
export type { HostOptions, HostRefusal, HostReloadOptions, HostSpeechOptions } from './host-options';
export type { HostSimulatorOptions } from './host-simulator';
export { realTimeAriDeadlines, runtimeTime, type RuntimeTime } from './time-scale';
