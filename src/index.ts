/** Voxtra's public TypeScript API. */
export type { Call } from './session/call-api';
export type { Diagnostic } from './diagnostics/diagnostic';
export { VoxtraError } from './core/errors';
