import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import YAML from 'yaml';
import { scenarioSchema } from '../../src/schema/scenario-schema';

const ROOT = path.join(__dirname, '../..');
const published = JSON.parse(readFileSync(path.join(ROOT, 'schemas/scenario.schema.json'), 'utf8')) as object;
const shipped = readdirSync(path.join(ROOT, 'flows')).filter((f) => f.endsWith('.test.yaml'));

function undescribed(node: unknown, at: string, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n, i) => undescribed(n, `${at}[${i}]`, out));
  else if (node !== null && typeof node === 'object') {
    const props = (node as { properties?: Record<string, { description?: unknown }> }).properties;
    if (props) for (const [k, v] of Object.entries(props)) if (typeof v?.description !== 'string') out.push(`${at}.properties.${k}`);
    for (const [k, v] of Object.entries(node)) undescribed(v, `${at}.${k}`, out);
  }
  return out;
}

describe('the scenario schema (schemas/scenario.schema.json)', () => {
  const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(published);

  it('is the generated one (regenerate: node bin/voxtra schema scenario > schemas/scenario.schema.json)', () => {
    expect(published).toEqual(scenarioSchema());
  });

  it('describes every property, for editor hovers', () => {
    expect(undescribed(published, 'scenario')).toEqual([]);
  });

  it('accepts every shipped scenario file, each bound to it by a modeline', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(4);
    for (const f of shipped) {
      const text = readFileSync(path.join(ROOT, 'flows', f), 'utf8');
      expect([f, text.split('\n')[0]]).toEqual([f, '# yaml-language-server: $schema=../schemas/scenario.schema.json']);
      expect([f, validate(YAML.parse(text)), validate.errors ?? null]).toEqual([f, true, null]);
    }
  });

  it.each([
    ['no scenarios', {}],
    ['a scenario without expectations', { scenarios: [{ name: 'x', call: { extension: '1' }, expect: {} }] }],
    ['digits that are not DTMF', { scenarios: [{ name: 'x', call: { extension: '1' }, caller: [{ press: '12x' }], expect: { route: 'r' } }] }],
    ['an action that presses and hangs up', { scenarios: [{ name: 'x', call: { extension: '1' }, caller: [{ press: '1', hangup: true }], expect: { route: 'r' } }] }],
    ['an unknown outcome', { scenarios: [{ name: 'x', call: { extension: '1' }, expect: { outcome: 'done' } }] }],
    ['an extension with a comma', { scenarios: [{ name: 'x', call: { extension: '1,2' }, expect: { route: 'r' } }] }],
    ['prompts with two modes', { scenarios: [{ name: 'x', call: { extension: '1' }, expect: { prompts: { exactly: [], includes: [] } } }] }],
    ['an HTTP status out of range', { scenarios: [{ name: 'x', call: { extension: '1' }, http: { r: { status: 99 } }, expect: { route: 'r' } }] }],
  ])('rejects %s', (_what, value) => {
    expect(validate(value)).toBe(false);
  });
});
