import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import YAML from 'yaml';
import { parse as parseToml } from 'smol-toml';
import { renderSchemaFiles, SCHEMA_FILE_NAMES } from '../../src/schema/schema-files';
import { STEP_REGISTRY } from '../../src/steps/registry';

const ROOT = path.join(__dirname, '../..');
const files = renderSchemaFiles(STEP_REGISTRY);
const flowSchema = JSON.parse(files[SCHEMA_FILE_NAMES.flow]) as object;
const configSchema = JSON.parse(files[SCHEMA_FILE_NAMES.config]) as object;

function propertiesWithoutDescription(node: unknown, at: string, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n, i) => propertiesWithoutDescription(n, `${at}[${i}]`, out));
  else if (node !== null && typeof node === 'object') {
    const props = (node as { properties?: Record<string, { description?: unknown }> }).properties;
    if (props && typeof props === 'object') for (const [k, v] of Object.entries(props)) if (typeof v?.description !== 'string') out.push(`${at}.properties.${k}`);
    for (const [k, v] of Object.entries(node)) propertiesWithoutDescription(v, `${at}.${k}`, out);
  }
  return out;
}

const read = (rel: string): unknown => {
  const text = readFileSync(path.join(ROOT, rel), 'utf8');
  if (rel.endsWith('.toml')) return parseToml(text);
  if (rel.endsWith('.json')) return JSON.parse(text);
  return YAML.parse(text);
};

describe('published schemas', () => {
  it.each(Object.keys(files))('schemas/%s is up to date (regenerate: node bin/voxtra schema --out schemas)', (name) => {
    expect(readFileSync(path.join(ROOT, 'schemas', name), 'utf8')).toBe(files[name]);
  });

  it('describe every property, for editor hovers', () => {
    expect(propertiesWithoutDescription(flowSchema, 'flow')).toEqual([]);
    expect(propertiesWithoutDescription(configSchema, 'config')).toEqual([]);
  });

  it('are draft 2020-12 and compile with ajv', () => {
    const ajv = new Ajv2020({ strict: false });
    for (const s of [flowSchema, configSchema]) {
      expect((s as { $schema: string }).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(() => ajv.compile(s)).not.toThrow();
    }
  });

  describe('the flow schema (as an editor uses it)', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(flowSchema);

    it.each(['yaml/flows/10-routes.yaml', 'yaml/flows/20-flows.yaml', 'toml/flows/10-routes.toml', 'toml/flows/20-flows.toml', 'json/flows/10-routes.json', 'json/flows/20-flows.json'])('accepts test/fixtures/valid/%s', (rel) => {
      expect(validate(read(`test/fixtures/valid/${rel}`))).toBe(true);
    });

    it.each([
      'SCHEMA_UNKNOWN_PROPERTY',
      'SCHEMA_MISSING_PROPERTY',
      'SCHEMA_TYPE',
      'SCHEMA_VALUE',
      'SCHEMA_INVALID',
      'UNKNOWN_STEP',
      'INVALID_DURATION',
    ])('rejects the %s fixture', (name) => {
      expect(validate(read(`test/fixtures/invalid/${name}/flows/main.yaml`))).toBe(false);
    });

    it.each([
      ['a bare step that needs parameters', { flows: { a: ['menu'] } }],
      ['a step map with two keys', { flows: { a: [{ answer: null, hangup: null }] } }],
      ['a flow id with a slash', { flows: { 'a/b': ['answer'] } }],
      ['a route with two targets', { routes: [{ flow: 'a', reject: {} }] }],
      ['a matcher with two tests', { routes: [{ extension: { prefix: '1', suffix: '2' }, flow: 'a' }] }],
      ['a condition with an unknown form', { flows: { a: [{ if: { when: { some: [] }, then: [] } }] } }],
    ])('rejects %s', (_what, value) => {
      expect(validate(value)).toBe(false);
    });

    it('accepts bare-able steps written with null or an empty map', () => {
      expect(validate({ flows: { a: ['answer', { answer: null }, { answer: {} }, 'hangup', { hangup: 'busy' }] } })).toBe(true);
    });
  });

  describe('the config schema', () => {
    const validate = new Ajv2020({ strict: false }).compile(configSchema);
    it('accepts the valid fixture configs once expanded', () => {
      expect(validate(read('test/fixtures/valid/yaml/voxtra.config.yaml'))).toBe(true);
      expect(validate(read('test/fixtures/valid/toml/voxtra.config.toml'))).toBe(true);
    });
    it('rejects unknown keys so typos are caught', () => {
      expect(validate({ app: 'x', flow: 'flows/' })).toBe(false);
      expect(validate({ log: { levle: 'info' } })).toBe(false);
    });
    it('accepts one server or a list of named servers', () => {
      expect(validate({ ari: { url: 'http://pbx:8088', username: 'u', password: 'p' } })).toBe(true);
      expect(validate({ ari: [{ name: 'east', url: 'http://a:8088' }, { url: 'https://b:8089' }] })).toBe(true);
      expect(validate({ ari: { url: 'pbx:8088' } })).toBe(false);
    });
  });
});
