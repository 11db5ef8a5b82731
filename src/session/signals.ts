/**
 * Control-flow signals steps throw to the interpreter. They are not errors:
 * the interpreter catches them by class and never logs them as failures.
 */
export abstract class FlowSignal {
  abstract readonly kind: string;
}

/** Jump to a label in the current list or an enclosing one. */
export class GotoSignal extends FlowSignal {
  readonly kind = 'goto';
  constructor(readonly label: string, readonly stepId: string) {
    super();
  }
}

/** Return from the current sub-flow (or end the main flow). */
export class ReturnSignal extends FlowSignal {
  readonly kind = 'return';
}

/** End the whole flow: hangup, transfer, continue_in_dialplan, reject. */
export class EndFlowSignal extends FlowSignal {
  readonly kind = 'end';
  constructor(readonly reason: 'hangup' | 'transferred' | 'continued' | 'rejected' | 'budget') {
    super();
  }
}

export function isFlowSignal(value: unknown): value is FlowSignal {
  return value instanceof FlowSignal;
}
