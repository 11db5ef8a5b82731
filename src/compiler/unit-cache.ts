import type { SourceDocument } from '../parse/source-document';
import type { StepLookup } from '../steps/registry';
import type { FileUnit, UnitCounters } from './file-unit';
import { normalizeFile } from './normalize-file';
import { Unknowns } from './unknowns';

interface CachedUnit {
  readonly steps: StepLookup;
  /** The app's counters before and after the file (generated route and rule names follow them). */
  readonly before: Readonly<UnitCounters>;
  readonly after: Readonly<UnitCounters>;
  readonly unit: FileUnit;
  /** What the file could not read, to add to the app's. */
  readonly unknowns: Unknowns;
}

/**
 * Normalised files kept between compiles of an app whose other files
 * change: the language server compiles the whole app on every keystroke,
 * while only the edited file changed. An entry is the unit of one parsed
 * document (the loader gives an unchanged text the same document object),
 * valid for the same step catalogue and the same route and rule counts
 * before it. What a file could not read is recorded on its own and added to
 * the app's, in file order, as normalising the files one after another does.
 */
export class UnitCache {
  private readonly entries = new WeakMap<SourceDocument, CachedUnit>();

  /** `normalizeFile(doc, steps, counters, unknowns)`, from the cache when the document was normalised at the same place before. */
  normalize(doc: SourceDocument, steps: StepLookup, counters: UnitCounters, unknowns: Unknowns): FileUnit {
    let entry = this.entries.get(doc);
    if (!entry || entry.steps !== steps || entry.before.routes !== counters.routes || entry.before.dispatch !== counters.dispatch) {
      const before = { ...counters };
      const own = new Unknowns();
      const unit = normalizeFile(doc, steps, counters, own);
      entry = { steps, before, after: { ...counters }, unit, unknowns: own };
      this.entries.set(doc, entry);
    } else {
      counters.routes = entry.after.routes;
      counters.dispatch = entry.after.dispatch;
    }
    unknowns.absorb(entry.unknowns);
    return entry.unit;
  }
}
