import type { Location } from 'vscode-languageserver';
import type { FileModel } from './file-model';
import type { SymbolOccurrence } from './symbol';
import type { SymbolIndex } from './symbol-index';

/** What every editor feature gets: the file, the cursor, and the indexes of the apps that see the file. */
export interface FeatureContext {
  readonly model: FileModel;
  /** The cursor as an offset into the model's text. */
  readonly offset: number;
  /** The file's app (the config: every app of its project). */
  readonly indexes: readonly SymbolIndex[];
  /** Any file of the project, by URI. */
  readonly modelOf: (uri: string) => FileModel | undefined;
}

/** The name under the cursor, with the index that knows it. */
export function symbolAt(ctx: FeatureContext): { occurrence: SymbolOccurrence; index: SymbolIndex } | undefined {
  for (const index of ctx.indexes) {
    const occurrence = index.at(ctx.model.uri, ctx.offset);
    if (occurrence) return { occurrence, index };
  }
  return undefined;
}

/** Every occurrence of a name in every index that sees the file, once each. */
export function occurrencesOf(ctx: FeatureContext, of: SymbolOccurrence): SymbolOccurrence[] {
  const seen = new Set<string>();
  const out: SymbolOccurrence[] = [];
  for (const index of ctx.indexes) {
    for (const o of index.occurrences(of)) {
      const key = `${o.uri}#${o.span.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(o);
    }
  }
  return out;
}

/** The location of an occurrence's name. */
export function locationOf(ctx: FeatureContext, o: SymbolOccurrence): Location | undefined {
  const model = ctx.modelOf(o.uri);
  return model ? { uri: o.uri, range: model.range(o.span) } : undefined;
}

/** Locations of the occurrences of the name under the cursor that `keep` accepts. */
export function locationsAt(ctx: FeatureContext, keep: (o: SymbolOccurrence) => boolean): Location[] {
  const hit = symbolAt(ctx);
  if (!hit) return [];
  return occurrencesOf(ctx, hit.occurrence)
    .filter(keep)
    .map((o) => locationOf(ctx, o))
    .filter((l): l is Location => l !== undefined);
}
