import { CALENDAR_STATES } from '../../src/calendar/calendar-spec';
import { flowSchema } from '../../src/schema/flow-schema';
import { STEP_REGISTRY } from '../../src/steps/registry';

/** Every `is: { enum }` in a schema, at any depth. */
function stateEnums(node: unknown, out: unknown[][] = []): unknown[][] {
  if (Array.isArray(node)) node.forEach((n) => stateEnums(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'is' && value && typeof value === 'object' && Array.isArray((value as { enum?: unknown }).enum)) out.push((value as { enum: unknown[] }).enum);
      stateEnums(value, out);
    }
  }
  return out;
}

describe('calendar states', () => {
  it('are one list: the flow schema offers exactly the states the calendar reports', () => {
    const enums = stateEnums(flowSchema(STEP_REGISTRY));
    expect(enums.length).toBeGreaterThanOrEqual(2); // a condition's `is` and a route's calendar `is`
    for (const e of enums) expect(e).toEqual([...CALENDAR_STATES]);
  });
});
