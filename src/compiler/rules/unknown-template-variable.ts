import type { Diagnostic } from '../../diagnostics/diagnostic';
import { didYouMean } from '../../diagnostics/did-you-mean';
import { CALL_FIELDS, TEMPLATE_ROOTS } from '../../template/engine';
import { at, type Rule } from './rule';
import { templateReads } from './template-reads';

/** UNKNOWN_TEMPLATE_VARIABLE: a template reads a root other than call/metadata/vars, or a `call.X` that does not exist. */
export const unknownTemplateVariableRule: Rule = {
  name: 'unknown-template-variable',
  check(app) {
    const out: Diagnostic[] = [];
    for (const read of templateReads(app)) {
      const reported = new Set<string>();
      for (const [root, field] of read.variables) {
        let problem: { message: string; hint?: string } | undefined;
        if (!(TEMPLATE_ROOTS as readonly string[]).includes(root)) {
          problem = { message: `"${root}" is not something templates can read`, hint: didYouMean(root, TEMPLATE_ROOTS) };
        } else if (root === 'call' && field !== undefined && field !== '*' && !(CALL_FIELDS as readonly string[]).includes(field)) {
          problem = { message: `"call.${field}" does not exist`, hint: didYouMean(field, CALL_FIELDS) ?? `call has: ${CALL_FIELDS.join(', ')}.` };
        }
        const key = `${root}.${field}`;
        if (!problem || reported.has(key)) continue;
        reported.add(key);
        out.push(at('UNKNOWN_TEMPLATE_VARIABLE', problem.message, read.use.source, { hint: problem.hint }));
      }
    }
    return out;
  },
};
