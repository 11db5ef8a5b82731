import { TemplateEngine } from '../../src/template/engine';

const TEMPLATE_INVALID = expect.objectContaining({ code: 'TEMPLATE_INVALID' });

const scope = { call: { extension: '1000', caller: '+265888111111' }, metadata: { queue: 'support', tier: 'gold' }, vars: { digits: '1', n: 2 } };

describe('TemplateEngine', () => {
  const t = new TemplateEngine();

  it('renders call, metadata and vars, and leaves plain text alone', () => {
    expect(t.render('Queue {{ metadata.queue }} for {{ call.extension }}', scope)).toBe('Queue support for 1000');
    expect(t.render('{{ vars.missing | default: "sales" }}', scope)).toBe('sales');
    expect(t.render('plain {text}', scope)).toBe('plain {text}');
  });

  it('evaluates conditions with and/or/contains/comparisons', () => {
    expect(t.test('vars.digits == "1" and metadata.tier == "gold"', scope)).toBe(true);
    expect(t.test('vars.n > 5', scope)).toBe(false);
    expect(t.test('call.caller contains "+265"', scope)).toBe(true);
  });

  it('lists the variables a template or condition reads', () => {
    expect(t.variables('{{ vars.a }} {% for x in vars.list %}{{ x.b }}{% endfor %}')).toEqual([['vars', 'a'], ['vars', 'list']]);
    expect(t.conditionVariables('vars.d == "1" or call.caller == metadata.vip')).toEqual([['vars', 'd'], ['call', 'caller'], ['metadata', 'vip']]);
  });

  it('refuses file-system tags, unknown filters and bad syntax', () => {
    expect(() => t.check('{% include "/etc/passwd" %}')).toThrow(TEMPLATE_INVALID);
    expect(() => t.check('{% render "x" %}')).toThrow(/not available/);
    expect(() => t.check('{{ vars.a | nosuchfilter }}')).toThrow(/undefined filter/);
    expect(() => t.check('{{ vars.a ')).toThrow(/not closed/);
    expect(() => t.checkCondition('vars.a ==')).toThrow(TEMPLATE_INVALID);
  });

  it('does not reach prototypes', () => {
    expect(t.render('{{ vars.constructor }}|{{ vars.__proto__ }}|{{ vars.toString }}', scope)).toBe('||');
  });
});

describe('condition shape', () => {
  const t = new TemplateEngine();
  it.each(['vars.a ==', '== 1', 'vars.a vars.b', 'vars.a and', '', 'vars.a === 1'])('rejects %j', (expr) => {
    expect(() => t.checkCondition(expr)).toThrow(TEMPLATE_INVALID);
  });
  it.each(['vars.a', 'vars.a == "1"', "metadata['x'] != 2 and call.caller contains '+1' or vars.n >= 3", 'true'])('accepts %j', (expr) => {
    expect(() => t.checkCondition(expr)).not.toThrow();
  });
});
