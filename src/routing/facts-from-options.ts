import { callFacts, type CallFacts } from './facts';

/** What `voxtra route` takes on its command line. */
export interface RouteCommandOptions {
  readonly extension?: string;
  readonly number?: string;
  readonly callerName?: string;
  readonly args?: readonly string[];
  /** `K=V` pairs (`--header X-Tier=gold`). */
  readonly header?: readonly string[];
  /** `K=V` pairs (`--var TIER=gold`). */
  readonly var?: readonly string[];
}

/** Builds call facts from command-line options; a pair without `=` is a usage error. */
export function factsFromOptions(options: RouteCommandOptions): { ok: true; facts: CallFacts } | { ok: false; message: string } {
  const headers = pairs(options.header ?? [], '--header');
  if (!headers.ok) return headers;
  const vars = pairs(options.var ?? [], '--var');
  if (!vars.ok) return vars;
  return {
    ok: true,
    facts: callFacts({
      extension: options.extension ?? '',
      number: options.number ?? '',
      callerName: options.callerName ?? '',
      args: options.args ?? [],
      headers: headers.values,
      vars: vars.values,
    }),
  };
}

function pairs(list: readonly string[], flag: string): { ok: true; values: Record<string, string> } | { ok: false; message: string } {
  const values: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq <= 0) return { ok: false, message: `${flag} expects NAME=VALUE, got ${JSON.stringify(item)}` };
    values[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return { ok: true, values };
}
