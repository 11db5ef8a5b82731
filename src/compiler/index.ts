/** The public surface of src/compiler/: what other folders may import. */
export { compileProject } from './compile-project';
export { deepFreeze } from './deep-freeze';
export type { CompiledApp, LoadedApp, LoadedProject } from './project-types';
export { snapshotVersion } from './snapshot';
export { UnitCache } from './unit-cache';
export { walkSteps } from './walk-steps';
