import type { Location } from 'vscode-languageserver';
import { locationsAt, type FeatureContext } from './feature-context';

/**
 * Go to definition: a flow id to its key under `flows:`, a goto to its
 * label (in the same flow), a calendar or HTTP service to the config.
 * Queues are declared nowhere Voxtra reads, so they have references only.
 */
export function definition(ctx: FeatureContext): Location[] {
  return locationsAt(ctx, (o) => o.role === 'definition');
}
