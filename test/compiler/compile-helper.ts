import { compileApp } from '../../src/compiler/compile-app';
import type { Diagnostic } from '../../src/diagnostics/diagnostic';
import type { AppSettings } from '../../src/ir/types';
import { parseSource } from '../../src/parse/parse-source';
import { TEST_REGISTRY } from '../fixtures/test-registry';

const SETTINGS: AppSettings = { queuesContext: 'voxtra-queues', calendars: { office: {} }, maxStepsPerCall: 1000, maxCallDepth: 8 };

/** Compiles in-memory flow files (name → YAML/TOML/JSON text) as one app with the test step catalogue. */
export function compileTexts(files: Record<string, string>, settings: AppSettings = SETTINGS): ReturnType<typeof compileApp> {
  const documents = Object.entries(files).map(([name, text]) => {
    const { document, diagnostics } = parseSource(name, text);
    if (!document) throw new Error(`${name} did not parse: ${diagnostics.map((d) => d.message).join('; ')}`);
    return document;
  });
  return compileApp({ name: 'test', settings, documents, files: Object.keys(files), absoluteFiles: [], diagnostics: [] }, TEST_REGISTRY);
}

/** `[code, line, column]` of each diagnostic, for compact assertions. */
export function where(diags: readonly Diagnostic[]): [string, number | undefined, number | undefined][] {
  return diags.map((d) => [d.code, d.line, d.column]);
}

/** Codes only. */
export function codes(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => d.code);
}
