import type { Logger } from '../core/logger';
import type { ReadinessReport } from './readiness';
import { startOpsServer, type MetricsSource, type OpsServer } from './server';

/**
 * Starts the ops server on the configured `http.listen`. With the built-in
 * simulator (a demo or a test, often several at once) a taken port falls back
 * to a free one; against Asterisk a listen address that cannot be bound is a
 * startup error, because monitoring would silently be blind.
 */
export async function startOpsServerWithFallback(opts: { listen: string; simulator: boolean; metrics: MetricsSource; readiness: () => ReadinessReport; logger: Logger }): Promise<OpsServer> {
  const base = { metrics: opts.metrics, readiness: opts.readiness, logger: opts.logger };
  try {
    return await startOpsServer({ ...base, listen: opts.listen });
  } catch (err) {
    if (!opts.simulator || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    const host = opts.listen.slice(0, opts.listen.lastIndexOf(':'));
    opts.logger.warn({ listen: opts.listen }, `ops address ${opts.listen} is taken; using a free port instead (simulator mode)`);
    return startOpsServer({ ...base, listen: `${host}:0` });
  }
}
