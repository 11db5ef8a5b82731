import { asteriskCommand } from './file-header';
import type { ProvisionPlan } from './provision-plan';

/** Asterisk releases with StasisBroadcast (its first tags; no 21.x has it). */
export const STASIS_BROADCAST_VERSIONS = '20.20, 22.10, 23.4 or later (no 21.x release has it)';

/** The modules StasisBroadcast needs (support level "extended"). */
export const STASIS_BROADCAST_MODULES = ['res_stasis_broadcast.so', 'app_stasis_broadcast.so'] as const;

/** What the dialplan's header adds when an app takes part in StasisBroadcast pools: versions and modules. */
export function broadcastHeader(plan: ProvisionPlan): string[] {
  if (!plan.apps.some((a) => a.entry.kind === 'broadcast')) return [];
  return [
    '',
    `StasisBroadcast needs Asterisk ${STASIS_BROADCAST_VERSIONS}, with`,
    `${STASIS_BROADCAST_MODULES.join(' and ')} built (support level "extended" in menuselect)`,
    'and loaded (modules.conf autoload = yes loads them at start). Check, or load them now:',
    `  ${asteriskCommand('module show like stasis_broadcast')}`,
    ...STASIS_BROADCAST_MODULES.map((m) => `  ${asteriskCommand(`module load ${m}`)}`),
  ];
}
