/** The public surface of src/schema/: what other folders may import. */
export { compileSchema } from './ajv';
export { configSchema } from './config-schema';
export { flowSchema } from './flow-schema';
export type { JsonSchema } from './json-schema';
export { NAME_PATTERNS } from './names';
export { scenarioSchema } from './scenario-schema';
export { SCHEMA_FILE_NAMES, renderSchemaFiles } from './schema-files';
export { SchemaValidator } from './schema-validator';
export { MATCHER_KINDS, sharedDefs } from './shared-defs';
