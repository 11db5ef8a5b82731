export { initProject, type InitOptions, type InitResult } from './init-project';
export { locateSchemas, PACKAGE_ROOT, type SchemaLocation } from './schema-location';
export { starterFiles, schemaRef, SCHEMA_NAMES, type StarterFile, type StarterOptions } from './starter-files';
