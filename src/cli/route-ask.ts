import { compileProject } from '../compiler/compile-project';
import type { Project } from '../config/load-project';
import { parseDuration } from '../core/duration';
import { formatDiagnostics } from '../diagnostics/format';
import { answeredValidly, formatAskReport, type AskedRouter } from '../http-router/ask-format';
import type { CallFacts } from '../routing/facts';
import { askHttpRouter } from '../http-router/http-router';
import type { HttpDispatchRule } from '../routing/http-router-types';
import { routerRequest } from '../routing/resolve';
import { EXIT, type CliIo } from './cli-context';

/** What `voxtra route --ask` takes besides the call facts. */
export interface RouteAskOptions {
  readonly app?: string;
  /** Ask this URL instead of the app's HTTP dispatch rules. */
  readonly url?: string;
  /** Replaces each rule's timeout. */
  readonly timeout?: string;
  readonly format: 'pretty' | 'json';
}

/** The id sent as `call_id`: no channel exists, and the router can tell a test from a call. */
export const ASK_CALL_ID = 'voxtra-route-ask';

const DEFAULT_TIMEOUT_MS = 500;

/**
 * `voxtra route --ask`: sends the request the runtime would send for these
 * call facts to the app's HTTP routers (or to `--url`), checks each answer
 * with the runtime's own client and checks, and prints the decision, the
 * latency and every problem. Exit 0 when every router answered validly, 1
 * otherwise, 2 for usage errors.
 */
export async function routeAsk(project: Project, facts: CallFacts, opts: RouteAskOptions, io: CliIo, color: boolean): Promise<number> {
  const timeoutMs = opts.timeout !== undefined ? parseDuration(opts.timeout) : undefined;
  if (opts.timeout !== undefined && (timeoutMs === undefined || timeoutMs <= 0)) return usage(io, `--timeout "${opts.timeout}" is not a duration`);
  const compiled = project.config ? compileProject(project) : undefined;
  const app = opts.app ? compiled?.apps.find((a) => a.name === opts.app) : compiled?.apps[0];
  if (opts.app && !app && !opts.url) return usage(io, `no app named ${JSON.stringify(opts.app)} (apps: ${compiled?.apps.map((a) => a.name).join(', ') || 'none'})`);
  let rules: HttpDispatchRule[];
  if (opts.url !== undefined) {
    rules = [{ kind: 'http', name: '--url', order: 0, url: opts.url, timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS, headers: {}, source: { file: '', path: [] } }];
  } else {
    if (!app?.snapshot) {
      io.stderr(formatDiagnostics(app?.diagnostics ?? project.diagnostics, 'pretty', { color }));
      io.stderr(`voxtra: app ${app?.name ?? '(none)'} has errors; fix them to ask its HTTP routers, or give --url\n`);
      return EXIT.problems;
    }
    rules = app.snapshot.dispatch.filter((r): r is HttpDispatchRule => r.kind === 'http').map((r) => (timeoutMs !== undefined ? { ...r, timeoutMs } : r));
    if (rules.length === 0) return usage(io, `app ${app.name} has no http dispatch rule; give --url to ask a router directly`);
  }
  const appName = app?.name ?? opts.app ?? project.config?.apps[0]?.name ?? 'voxtra';
  const request = routerRequest(appName, facts, ASK_CALL_ID);
  const flows = app?.snapshot?.flows;
  const routers: AskedRouter[] = [];
  for (const rule of rules) {
    const reply = await askHttpRouter(rule, request);
    const unknownFlow = reply.ok && reply.answer.action === 'flow' && flows !== undefined && !Object.hasOwn(flows, reply.answer.flow);
    const follow = unknownFlow && reply.ok && reply.answer.action === 'flow' ? [{ kind: 'unknown-flow' as const, message: `flow "${reply.answer.flow}" does not exist in app ${appName}: the runtime would fall through to the next rule` }] : [];
    routers.push({ name: rule.name, url: rule.url, timeoutMs: rule.timeoutMs, reply, follow });
  }
  io.stdout(formatAskReport({ app: appName, request, routers }, opts.format));
  return routers.every(answeredValidly) ? EXIT.ok : EXIT.problems;
}

function usage(io: CliIo, message: string): number {
  io.stderr(`voxtra: ${message}\n`);
  return EXIT.usage;
}
