import type { ValidateFunction } from 'ajv';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { stepValidatorSchema } from '../../src/compiler/step-validators';
import { sharedAjv } from '../../src/schema/ajv';
import { configSchema } from '../../src/schema/config-schema';
import { flowSchema } from '../../src/schema/flow-schema';
import type { JsonSchema } from '../../src/schema/json-schema';
import { schemaKey } from '../../src/schema/precompiled';
import { standaloneValidators } from '../../src/schema/standalone-validators';
import { STEP_REGISTRY } from '../../src/steps/registry';
import { goldenProject } from '../compiler/golden-workload';

// The build precompiles the validators `voxtra validate` uses (scripts/build-validators.js):
// each must report exactly the errors (schema and data included) the runtime compile does.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'voxtra-validators-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Loads a standalone validator's CommonJS source from a file, as the build's are (ajv's runtime helpers resolved from here). */
function load(code: string, key: string): ValidateFunction {
  const file = path.join(tmp, `${key}.js`);
  writeFileSync(file, code.replace(/require\("(ajv\/[^"]+)"\)/g, (_m, id: string) => `require(${JSON.stringify(require.resolve(id))})`));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as ValidateFunction;
}

function valuesUnder(dir: string, out: unknown[] = []): unknown[] {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) valuesUnder(file, out);
    else if (/\.(ya?ml|json)$/.test(name)) {
      try {
        out.push(parseYaml(readFileSync(file, 'utf8')));
      } catch {
        // Broken on purpose: nothing to validate.
      }
    }
  }
  return out;
}

/** The values a schema sees: every file's, and every map and list inside them (step values are among them). */
function allNodes(value: unknown, out: unknown[] = []): unknown[] {
  out.push(value);
  if (Array.isArray(value)) value.forEach((v) => allNodes(v, out));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => allNodes(v, out));
  return out;
}

describe('precompiled (standalone) validators', () => {
  const schemas: JsonSchema[] = [configSchema(), flowSchema([], 'compiler'), ...STEP_REGISTRY.map(stepValidatorSchema)];
  const built = standaloneValidators(schemas);
  // Each distinct value once.
  const values = [...new Map(allNodes([...valuesUnder(path.join(__dirname, '../fixtures')), ...valuesUnder(goldenProject())]).map((v) => [JSON.stringify(v), v])).values()];
  let failing = 0;

  it('one per schema, keyed by content', () => {
    expect(built.map((b) => b.key)).toEqual([...new Set(schemas.map(schemaKey))]);
    expect(schemaKey(configSchema())).toBe(schemaKey(configSchema()));
  });

  it.each(schemas.map((s, i) => [String(s.title ?? (i < 2 ? '' : STEP_REGISTRY[i - 2].type)), s] as const))('validate as the runtime compile does: %s', (_name, schema) => {
    const key = schemaKey(schema);
    const fast = load(built.find((b) => b.key === key)?.code ?? '', key);
    const slow = sharedAjv().compile(schema);
    for (const v of values) {
      const ok = fast(v);
      expect(ok).toBe(slow(v));
      expect(JSON.stringify(fast.errors ?? null)).toBe(JSON.stringify(slow.errors ?? null));
      if (!ok) failing++;
    }
  });

  it('on values many of which the schemas refuse', () => {
    expect(failing).toBeGreaterThan(1000);
  });
});
