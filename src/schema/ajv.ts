import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import type { JsonSchema } from './json-schema';

let shared: Ajv2020 | undefined;

/**
 * The ajv instance every validator is compiled with: all errors (so one run
 * reports every problem), verbose (errors carry their schema and data, which
 * the error explainer needs), and not strict, because step fragments may carry
 * editor-only keywords such as `markdownDescription`.
 */
export function sharedAjv(): Ajv2020 {
  shared ??= new Ajv2020({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true, validateFormats: false });
  return shared;
}

const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/** Compiles a schema once per schema object. */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = sharedAjv().compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}
