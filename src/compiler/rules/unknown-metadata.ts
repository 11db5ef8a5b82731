import type { Diagnostic } from '../../diagnostics/diagnostic';
import { didYouMean } from '../../diagnostics/did-you-mean';
import { at, type Rule } from './rule';
import { hasDefault, templateReads } from './template-reads';

/**
 * UNKNOWN_METADATA: a template reads `metadata.X` but no route or rule of the
 * app sets X. Skipped when the app has an HTTP router, whose answers may add
 * metadata, and for keys a part that could not be read may set.
 */
export const unknownMetadataRule: Rule = {
  name: 'unknown-metadata',
  check(app) {
    if (app.dispatch.some((r) => r.kind === 'http')) return [];
    const keys = new Set<string>();
    for (const r of app.routes) Object.keys(r.metadata).forEach((k) => keys.add(k));
    for (const r of app.dispatch) if (r.kind === 'match') Object.keys(r.metadata).forEach((k) => keys.add(k));
    const out: Diagnostic[] = [];
    for (const read of templateReads(app)) {
      const reported = new Set<string>();
      for (const [root, name] of read.variables) {
        if (root !== 'metadata' || name === undefined || name === '*' || keys.has(name) || reported.has(name) || app.unknowns.maySetMetadata(name)) continue;
        if (hasDefault(read.use.text, 'metadata', name)) continue;
        reported.add(name);
        out.push(at('UNKNOWN_METADATA', `metadata.${name} is read but no route or rule sets it`, read.use.source, { hint: didYouMean(name, keys) }));
      }
    }
    return out;
  },
};
