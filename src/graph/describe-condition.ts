import type { ConditionIR, StringMatcher } from '../ir/types';

/** A matcher in a few characters: `"1000"`, `"+1"...`, `..."0"`, `/^1/`, `_1XXX`. */
export function shortMatcher(m: StringMatcher): string {
  switch (m.kind) {
    case 'exact':
      return JSON.stringify(m.value);
    case 'prefix':
      return `${JSON.stringify(m.value)}...`;
    case 'suffix':
      return `...${JSON.stringify(m.value)}`;
    case 'regex':
      return `/${m.source}/${m.flags}`;
    case 'pattern':
      return m.value;
  }
}

/** A condition as one short line of text. */
export function describeCondition(c: ConditionIR): string {
  switch (c.kind) {
    case 'expr':
      return c.source;
    case 'match':
      return `${c.value} ${shortMatcher(c.matcher)}`;
    case 'calendar':
      return `${c.calendar} is ${c.state}`;
    case 'all':
      return c.of.map((x) => paren(x)).join(' and ');
    case 'any':
      return c.of.map((x) => paren(x)).join(' or ');
    case 'not':
      return `not ${paren(c.of)}`;
  }
}

function paren(c: ConditionIR): string {
  const text = describeCondition(c);
  return c.kind === 'all' || c.kind === 'any' ? `(${text})` : text;
}
