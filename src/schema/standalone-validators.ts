import standaloneCode from 'ajv/dist/standalone';
import { newAjv } from './ajv';
import type { JsonSchema } from './json-schema';
import { schemaKey } from './precompiled';

/** One validator as a CommonJS module's source, for the schema with this key. */
export interface StandaloneValidator {
  readonly key: string;
  readonly code: string;
}

/**
 * ajv's standalone code for each schema, compiled with the options every
 * validator of Voxtra uses (see `sharedAjv`), for the build to write next to
 * the compiled sources (scripts/build-validators.js).
 */
export function standaloneValidators(schemas: readonly JsonSchema[]): StandaloneValidator[] {
  const ajv = newAjv({ source: true });
  const seen = new Set<string>();
  const out: StandaloneValidator[] = [];
  for (const schema of schemas) {
    const key = schemaKey(schema);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, code: standaloneCode(ajv, ajv.compile(schema)) });
  }
  return out;
}
