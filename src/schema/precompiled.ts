import type { ValidateFunction } from 'ajv';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { JsonSchema } from './json-schema';

/** Where the build writes the validators it compiled ahead of time (dist/schema/validators/, see scripts/build-validators.js). */
export const PRECOMPILED_DIR = path.join(__dirname, 'validators');

/** The file the build writes there: schema key → module file name. */
export const PRECOMPILED_INDEX = 'index.json';

/** A schema's identity for the precompiled validators: a hash of its JSON text. */
export function schemaKey(schema: JsonSchema): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 24);
}

// undefined: not looked for yet; null: none (a run from the TypeScript sources, or a build that skipped them).
let index: Readonly<Record<string, string>> | null | undefined;

/**
 * The validator the build compiled for a schema with exactly this content, if
 * any. Compiling the config and flow schemas with ajv is most of a small
 * `voxtra validate`'s time (and loading ajv itself 40-80 ms more); ajv's
 * standalone code for the same schema validates the same way and loads in a
 * few milliseconds. A schema the build did not see (another step registry, a
 * changed schema in a stale build) has no entry and is compiled as before.
 */
export function precompiledValidator(schema: JsonSchema): ValidateFunction | undefined {
  if (index === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      index = require(path.join(PRECOMPILED_DIR, PRECOMPILED_INDEX)) as Record<string, string>;
    } catch {
      index = null;
    }
  }
  if (index === null) return undefined;
  const file = index[schemaKey(schema)];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return file === undefined ? undefined : (require(path.join(PRECOMPILED_DIR, file)) as ValidateFunction);
}
