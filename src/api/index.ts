/** The public surface of src/api/: what other folders may import. */
export { AppRouter, type DispatchRule, type RouteInfo } from './app-router';
export type { MatcherSpec, RouteSpec } from './route-spec';
export type { SimulatorStartOptions, StartOptions } from './start-options';
export { VoxtraApp, type FromConfigOptions, type LoadedFiles, type RouteDecorator, type VoxtraAppOptions } from './voxtra-app';
