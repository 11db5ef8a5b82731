import { contains } from '../parse/node-ranges';
import type { FileSymbols, FlowDefinition } from './file-symbols';
import { inScope, symbolKey, type SymbolKind, type SymbolOccurrence } from './symbol';

/**
 * Every name one app's files (and its config) define and use: what go to
 * definition, find references, rename and completion read. Labels are
 * scoped to their flow; everything else is app-wide.
 */
export class SymbolIndex {
  private readonly byKey = new Map<string, SymbolOccurrence[]>();
  private readonly byUri = new Map<string, SymbolOccurrence[]>();
  private readonly flowDefs = new Map<string, FlowDefinition>();

  constructor(readonly files: readonly FileSymbols[]) {
    for (const file of files) {
      this.byUri.set(file.uri, [...(this.byUri.get(file.uri) ?? []), ...file.occurrences]);
      for (const occ of file.occurrences) {
        const key = symbolKey(occ);
        const list = this.byKey.get(key);
        if (list) list.push(occ);
        else this.byKey.set(key, [occ]);
      }
      for (const flow of file.flows) if (!this.flowDefs.has(flow.id)) this.flowDefs.set(flow.id, flow);
    }
  }

  /** The occurrence whose name holds the offset (a cursor right after the name counts). */
  at(uri: string, offset: number): SymbolOccurrence | undefined {
    return this.byUri.get(uri)?.find((o) => contains(o.span, offset));
  }

  /** Every occurrence of the same name (definitions and references), in file order. */
  occurrences(of: Pick<SymbolOccurrence, 'kind' | 'name' | 'scope'>): readonly SymbolOccurrence[] {
    return this.byKey.get(symbolKey(of)) ?? [];
  }

  definitions(of: Pick<SymbolOccurrence, 'kind' | 'name' | 'scope'>): SymbolOccurrence[] {
    return this.occurrences(of).filter((o) => o.role === 'definition');
  }

  /** Names of a kind that are defined (or, for queues, which have no definitions, used). */
  names(kind: SymbolKind, scope?: string): string[] {
    const out = new Set<string>();
    const role = kind === 'queue' ? 'reference' : 'definition';
    for (const list of this.byKey.values()) {
      const o = list[0];
      if (o.kind !== kind || (scope !== undefined && o.scope !== scope)) continue;
      if (list.some((x) => x.role === role)) out.add(o.name);
    }
    return [...out].sort();
  }

  /** Labels a goto in list `listPath` of flow `scope` can jump to. */
  labelsInScope(scope: string, listPath: readonly (string | number)[]): string[] {
    const out = new Set<string>();
    for (const list of this.byKey.values()) {
      for (const o of list) if (o.kind === 'label' && o.role === 'definition' && o.scope === scope && inScope(o.listPath, listPath)) out.add(o.name);
    }
    return [...out].sort();
  }

  /** Where a flow is defined (the first definition when there are two). */
  flow(id: string): FlowDefinition | undefined {
    return this.flowDefs.get(id);
  }

  /** Metadata keys routes set and templates read. */
  metadataKeys(): { set: string[]; read: string[] } {
    return { set: union(this.files.map((f) => f.metadataSet)), read: union(this.files.map((f) => f.metadataRead)) };
  }

  /** Variables steps set, then those only read. */
  vars(): { written: string[]; read: string[] } {
    return { written: union(this.files.map((f) => f.varsWritten)), read: union(this.files.map((f) => f.varsRead)) };
  }
}

function union(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort();
}
