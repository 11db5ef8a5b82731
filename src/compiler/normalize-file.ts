import type { FlowIR, SourceRef, TargetIR } from '../ir/types';
import type { SourceDocument } from '../parse/source-document';
import { flowSchema } from '../schema/flow-schema';
import { SchemaValidator } from '../schema/schema-validator';
import type { FileUnit, UnitCounters, UnitRoute } from './file-unit';
import { normalizeDispatch } from './normalize-dispatch';
import { normalizeRoute } from './normalize-route';
import { StepNormalizer } from './normalize-steps';
import type { TargetOut } from './normalize-target';
import { isRecord } from '../core/is-record';
import { CompileSink } from './sink';
import type { StepLookup } from '../steps/registry';
import { Unknowns } from './unknowns';

let fileValidator: SchemaValidator | undefined;

/** The structural validator of flow files (steps, matchers and conditions are checked by the normaliser). */
function structure(): SchemaValidator {
  fileValidator ??= new SchemaValidator(flowSchema([], 'compiler'));
  return fileValidator;
}

// Top-level keys whose problems stay local to what they hold (a bad default is one unknown default).
const LOCAL_KEYS: readonly (string | number)[] = ['default', '$schema'];

/**
 * Validates one flow file's structure and normalises what it declares. Never
 * throws: problems are in the unit's sink, and parts that cannot be read are
 * left out, recorded in `unknowns` (shared by the app's files) so the rules
 * do not report what they might have said.
 */
export function normalizeFile(doc: SourceDocument, steps: StepLookup, counters: UnitCounters, unknowns: Unknowns = new Unknowns()): FileUnit {
  const sink = new CompileSink(doc, unknowns);
  const value = doc.value ?? {};
  for (const p of structure().validate(value)) {
    sink.report({ code: p.code, message: p.message, path: p.path, atKey: p.atKey, hint: p.hint });
    sink.flag(p.path);
    // A file that is not a map, an unknown top-level key, `routes: 5`: what the file declares is not known.
    if (p.path.length <= 1 && !LOCAL_KEYS.includes(p.path[0])) unknowns.incomplete = true;
  }
  const out: TargetOut = { flows: [], flowRefs: [] };
  const normalizer = new StepNormalizer(sink, steps);
  const ctx = { sink, steps: normalizer, out };
  const routes: UnitRoute[] = [];
  const dispatch: FileUnit['dispatch'] = [];
  let dflt: { target: TargetIR; source: SourceRef } | undefined;
  const flows: FlowIR[] = [];
  if (isRecord(value)) {
    if (isRecord(value.flows)) {
      for (const [id, def] of Object.entries(value.flows)) {
        const long = isRecord(def);
        const rawSteps = long ? def.steps : def;
        if (!Array.isArray(rawSteps)) {
          unknowns.brokenFlows.add(id);
          unknowns.mention(def);
          continue;
        }
        const path = long ? ['flows', id, 'steps'] : ['flows', id];
        const list = normalizer.list(rawSteps, { path, idPath: ['steps'], flowId: id });
        const description = long && typeof def.description === 'string' ? def.description : undefined;
        flows.push({ id, ...(description !== undefined ? { description } : {}), steps: list, synthetic: false, source: sink.source(['flows', id], true) });
      }
    }
    if (Array.isArray(value.routes)) {
      value.routes.forEach((raw, i) => {
        const r = normalizeRoute(raw, i, counters.routes++, ctx);
        if (r) routes.push(r);
      });
    }
    if (Array.isArray(value.dispatch)) {
      value.dispatch.forEach((raw, i) => {
        const r = normalizeDispatch(raw, i, counters.dispatch++, ctx);
        if (r) dispatch.push(r);
      });
    }
    if (sink.flagged(['default'])) {
      unknowns.brokenDefault = true;
      unknowns.mention(value.default);
    } else if (typeof value.default === 'string') {
      const source = sink.source(['default']);
      out.flowRefs.push({ flow: value.default, from: 'default', source });
      dflt = { target: { kind: 'flow', flow: value.default }, source };
    } else if (Array.isArray(value.default)) {
      const list = normalizer.list(value.default, { path: ['default'], idPath: ['steps'], flowId: '@default' });
      const source = sink.source(['default'], true);
      out.flows.push({ id: '@default', steps: list, synthetic: true, source });
      dflt = { target: { kind: 'flow', flow: '@default' }, source };
    }
  }
  return { file: doc.file, routes, dispatch, ...(dflt ? { default: dflt } : {}), flows: [...flows, ...out.flows], flowRefs: out.flowRefs, sink };
}
