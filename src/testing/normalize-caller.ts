import type { JsonPath } from '../core/json-path';
import { parseDuration } from '../core/duration';
import type { ScenarioContext } from './scenario-context';
import type { ActionTiming, CallerAction } from './scenario-types';

type Raw = Record<string, unknown>;

/** Reads the schema-valid `caller` list; inconsistent timings are reported and the action dropped. */
export function normalizeCaller(raw: unknown, path: JsonPath, ctx: ScenarioContext): CallerAction[] {
  if (!Array.isArray(raw)) return [];
  const out: CallerAction[] = [];
  raw.forEach((item: Raw, i) => {
    const at = [...path, i];
    const timing = normalizeTiming(item, at, ctx);
    if (!timing) return;
    const source = ctx.at(at);
    if (typeof item.press === 'string') {
      const gap = item.gap !== undefined ? parseDuration(item.gap) : undefined;
      out.push({ kind: 'press', digits: item.press.toUpperCase(), ...(gap !== undefined ? { gapMs: gap } : {}), timing, source });
    } else {
      out.push({ kind: 'hangup', timing, source });
    }
  });
  return out;
}

function normalizeTiming(item: Raw, path: JsonPath, ctx: ScenarioContext): ActionTiming | undefined {
  const given = ['at', 'after', 'during'].filter((k) => item[k] !== undefined);
  if (given.length > 1) {
    ctx.report('SCENARIO_INVALID', `give one of at, after and during, not ${given.join(' and ')}`, [...path, given[1]], { key: true });
    return undefined;
  }
  if (item.offset !== undefined && item.during === undefined) {
    ctx.report('SCENARIO_INVALID', 'offset only goes with during (how long into the prompt)', [...path, 'offset'], { key: true });
    return undefined;
  }
  if (item.at !== undefined) return { kind: 'at', ms: parseDuration(item.at) ?? 0 };
  if (item.during !== undefined) {
    const offsetMs = item.offset !== undefined ? (parseDuration(item.offset) ?? 0) : 0;
    const which = typeof item.during === 'object' && item.during !== null ? (item.during as Raw).prompt : undefined;
    if (typeof which === 'number') return { kind: 'during', nth: which, offsetMs };
    if (typeof which === 'string') return { kind: 'during', match: which, offsetMs };
    return { kind: 'during', offsetMs };
  }
  return { kind: 'after', ms: item.after !== undefined ? (parseDuration(item.after) ?? 0) : 0 };
}
