import { stripControlChars } from '../call/safe-input';

/** The channel variable that carries the queue name into the dialplan. */
export const QUEUE_VARIABLE = 'VOXTRA_QUEUE';

/** `tier` → `VOXTRA_TIER`, `caller-type` → `VOXTRA_CALLER_TYPE`. */
export function queueVariableName(key: string): string {
  return `VOXTRA_${key.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
}

/** Strings as they are, other scalars with String(), objects as JSON; never a newline. */
export function queueVariableValue(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  return stripControlChars(text);
}

/**
 * The channel variables a queue transfer sets, in order: the queue first,
 * then one per entry of `variables`. Entries that are empty, undefined or
 * would overwrite VOXTRA_QUEUE are left out: the queue named by the step wins.
 */
export function queueVariables(queue: string, variables: Readonly<Record<string, unknown>>): [string, string][] {
  const out: [string, string][] = [[QUEUE_VARIABLE, queue]];
  const seen = new Set([QUEUE_VARIABLE]);
  for (const [key, value] of Object.entries(variables)) {
    if (key === '' || value === undefined) continue;
    const name = queueVariableName(key);
    if (seen.has(name)) continue;
    seen.add(name);
    out.push([name, queueVariableValue(value)]);
  }
  return out;
}
