import type { StepDefinition } from '../steps/step-definition';
import { configSchema } from './config-schema';
import { flowSchema } from './flow-schema';
import { scenarioSchema } from './scenario-schema';

/** File names of the published schemas (under `schemas/`). */
export const SCHEMA_FILE_NAMES = { config: 'voxtra.config.schema.json', flow: 'flow.schema.json', scenario: 'scenario.schema.json' } as const;

/**
 * The published schema files, as the exact text written to `schemas/`
 * (`node bin/voxtra schema --out schemas` regenerates them).
 */
export function renderSchemaFiles(registry: readonly StepDefinition[]): Record<string, string> {
  const text = (schema: object): string => `${JSON.stringify(schema, null, 2)}\n`;
  return {
    [SCHEMA_FILE_NAMES.config]: text(configSchema()),
    [SCHEMA_FILE_NAMES.flow]: text(flowSchema(registry, 'editor')),
    [SCHEMA_FILE_NAMES.scenario]: text(scenarioSchema()),
  };
}
