import type { OutboundFacts } from './outbound-replay';
import type { TraceLine } from './trace-file';

type UpgradeLine = Extract<TraceLine, { dir: 'ws' }>;

/** The trace's upgrade requests, in order. */
export function tracedUpgrades(trace: readonly TraceLine[]): UpgradeLine[] {
  return trace.filter((l): l is UpgradeLine => l.dir === 'ws' && l.what === 'upgrade-request');
}

/**
 * Differences between every upgrade request the simulator sent and the
 * recording's: method, path, HTTP version, header names in order, and the
 * values of all but Host (its port), Sec-WebSocket-Key (random) and
 * Authorization (redacted in the trace; checked against `authorization`).
 */
export function upgradeMismatches(trace: readonly TraceLine[], facts: OutboundFacts, authorization: string): string[] {
  const recorded = tracedUpgrades(trace)[0];
  const out: string[] = [];
  if (!recorded) return ['the trace has no upgrade request'];
  const names = (recorded.raw_headers ?? []).map(([k]) => k);
  const values = new Map(recorded.raw_headers ?? []);
  for (const s of facts.sockets) {
    const where = `upgrade ${s.name}`;
    if (s.method !== recorded.method || s.path !== recorded.path || s.httpVersion !== recorded.http_version) out.push(`${where}: ${s.method} ${s.path} HTTP/${s.httpVersion} (recorded ${recorded.method} ${recorded.path} HTTP/${recorded.http_version})`);
    const got = s.rawHeaders.map(([k]) => k);
    if (got.join(',') !== names.join(',')) out.push(`${where}: headers ${got.join(',')} (recorded ${names.join(',')})`);
    for (const [k, v] of s.rawHeaders) {
      if (k === 'Host') {
        if (!/^127\.0\.0\.1:\d+$/.test(v)) out.push(`${where}: Host ${v}`);
      } else if (k === 'Authorization') {
        if (v !== authorization) out.push(`${where}: Authorization ${v}`);
      } else if (k !== 'Sec-WebSocket-Key' && values.get(k) !== v) out.push(`${where}: ${k}: ${v} (recorded ${values.get(k)})`);
    }
  }
  return out;
}

/** How many upgrades each side refused with `status`. */
export function refusals(trace: readonly TraceLine[], facts: OutboundFacts, status: number): { trace: number; sim: number } {
  return {
    trace: trace.filter((l) => l.dir === 'ws' && l.what === 'upgrade-refused' && l.status === status).length,
    sim: facts.sockets.filter((s) => s.outcome !== 'open' && s.outcome.refused === status).length,
  };
}

/** Trace ms between consecutive refused upgrades with `status`, on each side (the simulator's scaled back). */
export function refusalSpacing(trace: readonly TraceLine[], facts: OutboundFacts, status: number): { trace: number[]; sim: number[] } {
  const diffs = (ts: number[]): number[] => ts.slice(1).map((t, i) => t - ts[i]);
  const refusedAt = new Set(trace.filter((l) => l.dir === 'ws' && l.what === 'upgrade-refused' && l.status === status).map((l) => (l as UpgradeLine).socket));
  return {
    trace: diffs(tracedUpgrades(trace).filter((l) => refusedAt.has(l.socket)).map((l) => l.t)),
    sim: diffs(facts.sockets.filter((s) => s.outcome !== 'open' && s.outcome.refused === status).map((s) => s.requestedAt / facts.scale)),
  };
}
