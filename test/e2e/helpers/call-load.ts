import type { AriSimulator, PlaceCallOptions, TranscriptEntry } from '../../../src/simulator';

/** The channel variable the scale tests' flows set as their last step before hanging up: proof the flow ran to its end. */
export const DONE_VAR = 'VOXTRA_DONE';

/**
 * The flow every scale test runs: answer, play `sound`, set {@link DONE_VAR}
 * to `version`, hang up. A call that ran it to the end shows the variable
 * and the app's hangup in its transcript.
 */
export function doneFlow(version: string, sound: string): string {
  return `default:\n  - answer\n  - play: sound:${sound}\n  - set_channel_var: { ${DONE_VAR}: "${version}" }\n  - hangup\n`;
}

/** How one call went, read from the caller's transcript. */
export interface CallVerdict {
  readonly ok: boolean;
  /** The value of {@link DONE_VAR} the flow set (its version), when it did. */
  readonly version?: string;
  /** Why it is not ok, or `ok`. */
  readonly why: string;
}

/**
 * A call succeeded when the flow ran to its end, once: one answer, the
 * variable set once, the app hung up, and Stasis never failed nor did the
 * dialplan's fallback play.
 */
export function verdict(entries: readonly TranscriptEntry[]): CallVerdict {
  const sets = entries.filter((e) => e.kind === 'variable-set' && e.name === DONE_VAR);
  const version = sets[0]?.kind === 'variable-set' ? sets[0].value : undefined;
  const fail = (why: string): CallVerdict => ({ ok: false, why, ...(version !== undefined ? { version } : {}) });
  if (entries.some((e) => e.kind === 'stasis-failed')) return fail('Stasis() failed');
  if (entries.some((e) => e.kind === 'dialplan-playback')) return fail('the fallback played');
  if (sets.length !== 1) return fail(`${DONE_VAR} set ${sets.length} times`);
  if (entries.filter((e) => e.kind === 'answered').length !== 1) return fail('not answered exactly once');
  const hangup = entries.find((e) => e.kind === 'hangup');
  if (hangup?.kind !== 'hangup' || hangup.by !== 'app') return fail(`hung up by ${hangup?.kind === 'hangup' ? hangup.by : 'nobody'}`);
  return { ok: true, why: 'ok', ...(version !== undefined ? { version } : {}) };
}

/** One call the load placed, with the real time it was placed. */
export interface PlacedCall {
  readonly id: string;
  readonly placedAt: number;
}

/**
 * Steady load on a simulator: one call every `everyMs` real ms until
 * {@link stop}. The calls and their transcripts are kept for verdicts.
 */
export class CallLoad {
  readonly calls: PlacedCall[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly sim: AriSimulator,
    private readonly call: () => PlaceCallOptions,
    private readonly everyMs: number,
  ) {}

  start(): this {
    this.place();
    this.timer = setInterval(() => this.place(), this.everyMs);
    return this;
  }

  /** Stops placing calls (calls in progress go on). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Calls placed after real time `t` (Date.now()). */
  placedAfter(t: number): PlacedCall[] {
    return this.calls.filter((c) => c.placedAt > t);
  }

  /** Calls not ended yet. */
  inProgress(): PlacedCall[] {
    const ended = new Set(this.sim.calls().filter((c) => c.ended).map((c) => c.channelId));
    return this.calls.filter((c) => !ended.has(c.id));
  }

  /** Waits for every placed call to end (within `realMs` real ms) and gives each one's verdict. */
  async verdicts(realMs = 30_000): Promise<Map<string, CallVerdict>> {
    return settleAll(this.sim, this.calls.map((c) => c.id), realMs);
  }

  /** Places one call now (besides the steady ones). */
  place(): PlacedCall {
    const placed = { id: this.sim.placeCall(this.call()), placedAt: Date.now() };
    this.calls.push(placed);
    return placed;
  }
}

/** Waits for the calls to end (within `realMs` real ms) and gives each one's verdict. */
export async function settleAll(sim: AriSimulator, ids: readonly string[], realMs = 30_000): Promise<Map<string, CallVerdict>> {
  const timeoutMs = Math.round(realMs / (sim.options.timeScale ?? 1));
  const out = new Map<string, CallVerdict>();
  await Promise.all(
    ids.map(async (id) => {
      try {
        out.set(id, verdict(await sim.waitForEnd(id, { timeoutMs })));
      } catch (err) {
        out.set(id, { ok: false, why: `did not end: ${(err as Error).message}` });
      }
    }),
  );
  return out;
}

/** Places `n` calls one after the other, each once the previous one ended, and gives each one's verdict. */
export async function callsInTurn(sim: AriSimulator, n: number, call: () => PlaceCallOptions): Promise<Map<string, CallVerdict>> {
  const out = new Map<string, CallVerdict>();
  for (let i = 0; i < n; i++) for (const [id, v] of await settleAll(sim, [sim.placeCall(call())])) out.set(id, v);
  return out;
}

/** Channel ids whose verdict is not ok, with why. */
export function failures(verdicts: ReadonlyMap<string, CallVerdict>): Record<string, string> {
  return Object.fromEntries([...verdicts].filter(([, v]) => !v.ok).map(([id, v]) => [id, v.why]));
}
