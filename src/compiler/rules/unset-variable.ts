import type { Diagnostic } from '../../diagnostics/diagnostic';
import { didYouMean } from '../../diagnostics/did-you-mean';
import { appFacts } from './app-facts';
import { at, type Rule } from './rule';
import { hasDefault, templateReads } from './template-reads';

/** UNSET_VARIABLE: a template reads `vars.X` but no step of the app ever sets X (nor may a part that could not be read). */
export const unsetVariableRule: Rule = {
  name: 'unset-variable',
  check(app) {
    const written = appFacts(app).writtenVars;
    const out: Diagnostic[] = [];
    for (const read of templateReads(app)) {
      const reported = new Set<string>();
      for (const [root, name] of read.variables) {
        if (root !== 'vars' || name === undefined || name === '*' || written.has(name) || reported.has(name) || app.unknowns.maySetVar(name)) continue;
        if (hasDefault(read.use.text, 'vars', name)) continue;
        reported.add(name);
        out.push(at('UNSET_VARIABLE', `vars.${name} is read but no step sets it`, read.use.source, { hint: didYouMean(name, written) }));
      }
    }
    return out;
  },
};
