import type { Outcome } from '../core/outcome';
import { NEXT, type StepResult } from './step-result';

/** Where a step that only waits for one operation ends: the operation's end, as `NEXT` (or its failure). */
export class NextAfter implements Outcome<unknown> {
  constructor(private readonly end: Outcome<StepResult>) {}

  resolved(): void {
    this.end.resolved(NEXT);
  }

  rejected(err: unknown): void {
    this.end.rejected(err);
  }
}
