import type { DiagnosticCode } from '../diagnostics/codes';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import type { AppSettings, DispatchRuleIR, FlowIR, RouteIR, SourceRef, TargetIR } from '../ir/types';
import type { StepDefinition } from '../steps/step-definition';
import type { AppModel } from './app-model';
import type { FileUnit } from './file-unit';
import { stepLookup } from '../steps/registry';
import { Unknowns } from './unknowns';

/** Merges an app's file units (in path order) into one {@link AppModel}, reporting duplicates with both places. */
export function mergeUnits(
  app: { name: string; settings: AppSettings; source?: SourceRef },
  units: readonly FileUnit[],
  registry: readonly StepDefinition[],
  unknowns: Unknowns = new Unknowns(),
): { model: AppModel; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const duplicate = (code: DiagnosticCode, message: string, here: SourceRef, first: SourceRef): void => {
    diagnostics.push(
      diagnostic({
        code,
        message,
        file: here.file,
        path: here.path,
        line: here.line,
        column: here.column,
        related: [{ message: 'first defined here', file: first.file, path: first.path, line: first.line, column: first.column }],
      }),
    );
  };
  const flows = new Map<string, FlowIR>();
  const routeNames = new Map<string, SourceRef>();
  const routes: RouteIR[] = [];
  const dispatch: DispatchRuleIR[] = [];
  let defaultTarget: TargetIR | undefined;
  let defaultSource: SourceRef | undefined;
  for (const unit of units) {
    for (const flow of unit.flows) {
      const first = flows.get(flow.id);
      if (!first) flows.set(flow.id, flow);
      // A second synthetic flow of one id comes from a duplicate route name, reported below.
      else if (!flow.synthetic) duplicate('DUPLICATE_FLOW', `flow "${flow.id}" is defined twice`, flow.source, first.source);
    }
    for (const { route, named } of unit.routes) {
      routes.push(route);
      if (!named) continue;
      const first = routeNames.get(route.name);
      if (first) duplicate('DUPLICATE_ROUTE_NAME', `two routes are named "${route.name}"`, route.source, first);
      else routeNames.set(route.name, route.source);
    }
    dispatch.push(...unit.dispatch);
    if (unit.default) {
      if (defaultSource) duplicate('DUPLICATE_DEFAULT', 'the app has a second `default`', unit.default.source, defaultSource);
      else {
        defaultTarget = unit.default.target;
        defaultSource = unit.default.source;
      }
    }
  }
  const model: AppModel = {
    name: app.name,
    files: units.map((u) => u.file),
    flows,
    routes,
    dispatch,
    ...(defaultTarget ? { defaultTarget, defaultSource } : {}),
    flowRefs: units.flatMap((u) => u.flowRefs),
    templates: units.flatMap((u) => u.sink.templates),
    matchers: units.flatMap((u) => u.sink.matchers),
    calendars: units.flatMap((u) => u.sink.calendars),
    settings: app.settings,
    steps: stepLookup(registry),
    registry,
    ...(app.source ? { source: app.source } : {}),
    unknowns,
  };
  return { model, diagnostics };
}
