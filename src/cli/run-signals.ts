import type { Logger } from '../core/logger';

export interface RunSignalHandlers {
  /** SIGHUP. */
  reload(): void;
  /** A second SIGTERM/SIGINT while shutting down: stop waiting for calls. */
  hurry(signal: NodeJS.Signals): void;
}

/**
 * Signals of `voxtra run`: SIGHUP reloads; the first SIGTERM or SIGINT
 * resolves the returned promise (start the graceful shutdown); a further one
 * calls `hurry`. `dispose()` removes the listeners.
 */
export function handleRunSignals(logger: Logger, handlers: RunSignalHandlers): { stopped: Promise<NodeJS.Signals>; dispose(): void } {
  let resolveStop: (signal: NodeJS.Signals) => void = () => undefined;
  const stopped = new Promise<NodeJS.Signals>((resolve) => (resolveStop = resolve));
  let stopping = false;
  const onStop = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, `received ${signal}`);
    if (stopping) {
      handlers.hurry(signal);
      return;
    }
    stopping = true;
    resolveStop(signal);
  };
  const onHup = (): void => {
    logger.info({ signal: 'SIGHUP' }, 'received SIGHUP');
    handlers.reload();
  };
  process.on('SIGINT', onStop);
  process.on('SIGTERM', onStop);
  process.on('SIGHUP', onHup);
  return {
    stopped,
    dispose: () => {
      process.off('SIGINT', onStop);
      process.off('SIGTERM', onStop);
      process.off('SIGHUP', onHup);
    },
  };
}
