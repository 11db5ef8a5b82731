/** The public surface of src/reload/: what other folders may import. */
export type { ProjectCompiler } from './project-compiler';
export { Reloader, type AppReloadOutcome, type ReloadReport } from './reloader';
export { SpeechReloadPolicy, type ServicesBuilder } from './speech-policy';
export { createWorkerCompiler, type WorkerCompiler } from './worker-compiler';
