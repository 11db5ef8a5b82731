import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { STEP_REGISTRY } from '../../src/steps/registry';

describe('docs/steps.md', () => {
  const text = readFileSync(resolve(__dirname, '../../docs/steps.md'), 'utf8');

  it('has a section for every step in the registry, and none for a step that does not exist', () => {
    const headings = [...text.matchAll(/^## `([a-z_]+)`$/gm)].map((m) => m[1]);
    expect(headings).toEqual(STEP_REGISTRY.map((d) => d.type));
  });

  it('names every long-form key of each step in its section', () => {
    const missing: string[] = [];
    for (const d of STEP_REGISTRY) {
      const section = text.split(/^## /m).find((s) => s.startsWith(`\`${d.type}\``)) ?? '';
      const keys = new Set<string>();
      const collect = (schema: unknown): void => {
        if (typeof schema !== 'object' || schema === null) return;
        const s = schema as Record<string, unknown>;
        if (s.type === 'object' && s.properties) for (const k of Object.keys(s.properties as object)) keys.add(k);
        for (const alt of [...((s.oneOf as unknown[]) ?? []), ...((s.anyOf as unknown[]) ?? [])]) collect(alt);
      };
      collect(d.schema);
      for (const k of keys) if (!section.includes(`\`${k}\``)) missing.push(`${d.type}.${k}`);
    }
    expect(missing).toEqual([]);
  });
});
