import type { Clock, TimerHandle } from '../core/clock';

/** Resolves when `work` settles or after `ms` on `clock`, whichever is first; the timer is always released. */
export function settleWithin(clock: Clock, work: () => Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    let timer: TimerHandle | undefined;
    const finish = (): void => {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      resolve();
    };
    timer = clock.setTimeout(finish, ms);
    work().then(finish, finish);
  });
}
