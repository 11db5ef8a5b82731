/**
 * Polls `find` every `everyMs` until it returns something (not undefined or
 * false) and resolves with it; rejects after `timeoutMs` with `what` and
 * `context()` (e.g. a process's output) in the message, or at once when
 * `abort()` gives a reason (a process the condition depends on exited).
 */
export async function until<T>(
  find: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  opts: { timeoutMs?: number; everyMs?: number; abort?: () => string | undefined; context?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  for (;;) {
    const found = await find();
    if (found !== undefined && found !== false) return found;
    const aborted = opts.abort?.();
    if (aborted !== undefined) throw new Error(`${aborted} while waiting for ${what}${opts.context ? `\n${opts.context()}` : ''}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${opts.context ? `\n${opts.context()}` : ''}`);
    await new Promise((r) => setTimeout(r, opts.everyMs ?? 20));
  }
}
