import { at, type Rule } from './rule';
import { templateReads } from './template-reads';

/** TEMPLATE_SYNTAX: a template or condition expression that does not parse. */
export const templateSyntaxRule: Rule = {
  name: 'template-syntax',
  check(app) {
    return templateReads(app)
      .filter((r) => r.error !== undefined)
      .map((r) => at('TEMPLATE_SYNTAX', `${r.use.kind === 'condition' ? 'condition' : 'template'} ${JSON.stringify(r.use.text)}: ${r.error}`, r.use.source));
  },
};
