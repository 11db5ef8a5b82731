import { hostname as osHostname } from 'node:os';
import { parseDuration } from '../core/duration';
import { isRecord } from '../core/is-record';
import type { BroadcastConfig } from './config-types';

/**
 * An app's `broadcast` section: its instance name (default: the host name,
 * which is the pod name under Kubernetes) made fit for a Stasis app name, the
 * claim bound and the provision-only timeout. Undefined without the section.
 */
export function normalizeBroadcast(raw: unknown, hostname: string = osHostname()): BroadcastConfig | undefined {
  if (raw === undefined || raw === null || raw === false) return undefined;
  const b = isRecord(raw) ? raw : {};
  const instance = typeof b.instance === 'string' && b.instance !== '' ? b.instance : hostname;
  const timeoutMs = parseDuration(b.timeout);
  return {
    // App names allow letters, digits, `_`, `.` and `-`: anything else in a host name becomes `-`.
    instance: instance.replace(/[^A-Za-z0-9_.-]/g, '-'),
    ...(typeof b.max_calls === 'number' ? { maxCalls: b.max_calls } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
}

/** The Stasis app name a broadcast pool member registers. */
export function broadcastAppName(app: string, broadcast: BroadcastConfig): string {
  return `${app}-${broadcast.instance}`;
}
