import type Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import type { JsonSchema } from './json-schema';
import { precompiledValidator } from './precompiled';

let shared: Ajv2020 | undefined;

/**
 * A new ajv instance with the options every validator is compiled with: all
 * errors (so one run reports every problem), verbose (errors carry their
 * schema and data, which the error explainer needs), and not strict, because
 * step fragments may carry editor-only keywords such as `markdownDescription`.
 * `source` keeps the generated code, for standalone validators.
 */
export function newAjv(code: { source?: boolean } = {}): Ajv2020 {
  // Loaded on first use: a build's precompiled validators need no ajv at all.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default;
  return new Ajv({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true, validateFormats: false, ...(code.source ? { code: { source: true } } : {}) });
}

/** The ajv instance every validator is compiled with (see {@link newAjv}). */
export function sharedAjv(): Ajv2020 {
  shared ??= newAjv();
  return shared;
}

const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/** Compiles a schema once per schema object (or takes the build's precompiled validator for the same content). */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = precompiledValidator(schema) ?? sharedAjv().compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}
