import type { MatchClause, MatchField, StringMatcher } from '../../src/ir/types';
import { CheckProgramBuilder } from '../../src/routing/check-program';
import { clausesMatch } from '../../src/routing/clause-match';
import { callFacts } from '../../src/routing/facts';
import { prng } from './prng';
import { clause, exact, pattern, prefix, regex, suffix } from './route-builders';

const FIELDS: MatchField[] = ['extension', 'number', 'caller_name', 'args', 'var.TIER', 'header.X-Tier'];
const ALPHABET = ['0', '1', '2', '9', '+', 'a'];
const MATCHERS: StringMatcher[] = [
  exact('12'),
  exact(''),
  prefix('1'),
  prefix(''),
  suffix('9'),
  regex('^1[0-2]\\d?$'),
  regex('^(?:12|a)$'),
  regex('^\\+?9'),
  regex('1.*2'),
  regex('^A', 'i'),
  regex('('),
  pattern('_1X'),
  pattern('_[0-2]1.'),
  pattern('_X!'),
  pattern('_1X.5'),
];

describe('check program', () => {
  it('tests clauses exactly as the matchers do, on every field kind', () => {
    const rnd = prng(5);
    const word = (): string => Array.from({ length: rnd.int(5) }, () => rnd.pick(ALPHABET)).join('');
    const builder = new CheckProgramBuilder();
    const sets: MatchClause[][] = [];
    const starts: number[] = [];
    for (let i = 0; i < 300; i++) {
      const set = Array.from({ length: rnd.int(4) }, () => clause(rnd.pick(FIELDS), rnd.pick(MATCHERS)));
      sets.push(set);
      starts.push(builder.add(set.map((c) => ({ clause: c }))));
    }
    starts.push(builder.end);
    const program = builder.build();
    let passed = 0;
    for (let q = 0; q < 400; q++) {
      const facts = callFacts({
        extension: word(),
        number: word(),
        callerName: word(),
        args: Array.from({ length: rnd.int(3) }, word),
        vars: rnd.chance(0.5) ? { TIER: word() } : {},
        headers: rnd.chance(0.5) ? { 'x-tier': word() } : {},
      });
      for (const [i, set] of sets.entries()) {
        const expected = clausesMatch(set, facts);
        if (program.run(starts[i], starts[i + 1], facts) !== expected) {
          throw new Error(`clauses ${JSON.stringify(set.map((c) => [c.field, c.matcher]))} on ${JSON.stringify(facts)}: expected ${expected}`);
        }
        if (expected) passed++;
      }
    }
    expect(passed).toBeGreaterThan(5000);
  });
});
