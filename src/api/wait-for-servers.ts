import type { Runtime } from '../runtime/runtime';

/**
 * Resolves true once every ARI server of `runtime` is connected, or false
 * after `realMs` real milliseconds. It uses a real timer, not the runtime's
 * clock, so a runtime on a FakeClock is not left with a pending timeout.
 */
export function waitForServers(runtime: Runtime, realMs: number): Promise<boolean> {
  const servers = runtime.ariServers;
  if (servers.every((s) => s.supervisor.ready)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const offs: Array<() => void> = [];
    const finish = (ok: boolean): void => {
      clearTimeout(timer);
      offs.forEach((off) => off());
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), realMs);
    timer.unref();
    for (const s of servers) {
      offs.push(
        s.supervisor.onStatus(() => {
          if (servers.every((x) => x.supervisor.ready)) finish(true);
        }),
      );
    }
  });
}
