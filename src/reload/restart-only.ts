import type { VoxtraConfig } from '../config/config-types';

/**
 * Config settings a reload does not apply, because they define the process's
 * own connections and outputs: the ARI servers (URLs and credentials), the
 * ops HTTP listen address and the log format. Everything else (apps and their
 * flows, queues contexts, calendars, text-to-speech, runtime limits and
 * policies, the log level) is applied by the reload. Returns the names of the
 * restart-only settings that differ.
 */
export function restartOnlyChanges(previous: VoxtraConfig, next: VoxtraConfig): string[] {
  const changed: string[] = [];
  if (JSON.stringify(previous.ari) !== JSON.stringify(next.ari)) changed.push('ari');
  if (previous.http?.listen !== next.http?.listen) changed.push('http.listen');
  if (previous.log.format !== next.log.format) changed.push('log.format');
  return changed;
}
