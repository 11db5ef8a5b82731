/**
 * Voxtra's public TypeScript API (`import { VoxtraApp } from 'voxtra'`).
 * See docs/typescript-api.md.
 */

// The app: routes from files and from code, one router, handlers with the YAML steps' `call`.
export { VoxtraApp } from './api/voxtra-app';
export type { VoxtraAppOptions, FromConfigOptions, RouteDecorator, LoadedFiles } from './api/voxtra-app';
export { AppRouter } from './api/app-router';
export type { DispatchRule, RouteInfo } from './api/app-router';
export type { RouteSpec, MatcherSpec } from './api/route-spec';
export type { StartOptions, SimulatorStartOptions } from './api/start-options';
export type { ReloadReport, AppReloadOutcome } from './reload/reloader';
export type { Metrics } from './observability/metrics';

// The call object handlers receive.
export { VoxtraCall } from './session/call';
export type { CallHandler } from './session/call-handlers';
export type { CallMenuOptions } from './session/call-menu';
export type { MenuOutcome, MenuPrompt } from './steps/menu-attempts';
export type {
  Call,
  PlayOptions,
  PlayResult,
  SayOptions,
  Prompt,
  ListenOptions,
  ListenResult,
  DialOptions,
  DialResult,
  CallRecordOptions,
} from './call/call-api';
export type { CallFacts } from './routing/facts';
export type { SessionObserver } from './session/observer';

// Errors, clocks and logging.
export { VoxtraError, isVoxtraError, ERROR_CODES } from './core/errors';
export type { ErrorCode } from './core/errors';
export { systemClock } from './core/clock';
export type { Clock } from './core/clock';
export { FakeClock } from './core/fake-clock';
export { ScaledClock } from './core/scaled-clock';
export { silentLogger, memoryLogger } from './core/logger';
export type { Logger } from './core/logger';

// Tooling: load, compile and report like `voxtra validate`.
export { loadProject } from './config/load-project';
export type { LoadProjectOptions, Project } from './config/load-project';
export { compileProject } from './compiler/compile-project';
export { formatDiagnostics } from './diagnostics/format';
export type { Diagnostic } from './diagnostics/diagnostic';
export type { AppSnapshot } from './ir/types';

// Calendars and text-to-speech, for tools and custom engines.
export { CalendarSet } from './calendar/calendar-set';
export type { CalendarState } from './calendar/calendar-spec';
export type { TtsEngine, SynthesisOptions, EngineAvailability } from './tts/tts-engine';

// The ARI simulator, for tests and demos without Asterisk.
export { AriSimulator, formatTranscript } from './simulator';
export type { SimulatorOptions, PlaceCallOptions, TranscriptEntry } from './simulator';
