#!/usr/bin/env node
// Part of `npm run build`, after tsc: writes ajv's standalone code for the
// schemas every `voxtra validate` compiles (the config, the flow file's
// structure, each step type's value) to dist/schema/validators/, so a run
// loads them instead of compiling them (src/schema/precompiled.ts). A schema
// that changes without a new build simply has no entry and is compiled.
'use strict';

const { mkdirSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const dist = (m) => require(path.join(__dirname, '../dist', m));
const { PRECOMPILED_DIR, PRECOMPILED_INDEX } = dist('schema/precompiled');
const { standaloneValidators } = dist('schema/standalone-validators');
const { configSchema } = dist('schema/config-schema');
const { flowSchema } = dist('schema/flow-schema');
const { stepValidatorSchema } = dist('compiler/step-validators');
const { STEP_REGISTRY } = dist('steps/registry');

const schemas = [configSchema(), flowSchema([], 'compiler'), ...STEP_REGISTRY.map(stepValidatorSchema)];
rmSync(PRECOMPILED_DIR, { recursive: true, force: true });
mkdirSync(PRECOMPILED_DIR, { recursive: true });
const index = {};
for (const { key, code } of standaloneValidators(schemas)) {
  const file = `${key}.js`;
  writeFileSync(path.join(PRECOMPILED_DIR, file), code);
  index[key] = file;
}
writeFileSync(path.join(PRECOMPILED_DIR, PRECOMPILED_INDEX), `${JSON.stringify(index, null, 2)}\n`);
