import type { ValidateFunction } from 'ajv';
import { compileSchema } from './ajv';
import { explainErrors } from './explain-errors';
import type { JsonSchema } from './json-schema';
import type { SchemaProblem } from './schema-problem';

/**
 * Validates values against one root schema and explains failures as
 * {@link SchemaProblem}s. Union branches are compiled lazily against the
 * root's `$defs`, once each.
 */
export class SchemaValidator {
  private readonly validateRoot: ValidateFunction;
  private readonly branches = new WeakMap<JsonSchema, ValidateFunction>();

  constructor(private readonly root: JsonSchema) {
    this.validateRoot = compileSchema(root);
  }

  /** Problems with `data`, paths relative to it; empty when it is valid. */
  validate(data: unknown): SchemaProblem[] {
    if (this.validateRoot(data)) return [];
    return explainErrors(this.validateRoot.errors ?? [], data, (b) => this.branch(b));
  }

  private branch(schema: JsonSchema): ValidateFunction {
    let fn = this.branches.get(schema);
    if (!fn) {
      const defs = { ...(this.root.$defs as object | undefined), ...(schema.$defs as object | undefined) };
      fn = compileSchema({ ...schema, $defs: defs });
      this.branches.set(schema, fn);
    }
    return fn;
  }
}
