import type { MatchField } from '../ir/types';
import { factValue, type CallFacts } from './facts';

const EXTENSION = 0;
const NUMBER = 1;
const CALLER_NAME = 2;
const ARGS = 3;
const OTHER = 4;

/** A small number for the fields read most, so reading one is a switch rather than a closure call. */
export function fieldCode(field: MatchField): number {
  switch (field) {
    case 'extension':
      return EXTENSION;
    case 'number':
      return NUMBER;
    case 'caller_name':
      return CALLER_NAME;
    case 'args':
      return ARGS;
    default:
      return OTHER;
  }
}

/** The value(s) of a field, as {@link factValue} reads them. */
export function readField(code: number, field: MatchField, facts: CallFacts): string | readonly string[] | undefined {
  switch (code) {
    case EXTENSION:
      return facts.extension;
    case NUMBER:
      return facts.number;
    case CALLER_NAME:
      return facts.callerName;
    case ARGS:
      return facts.args;
    default:
      return factValue(facts, field);
  }
}
