import type { HttpRouterAnswer, HttpRouterRequest } from '../routing/http-router-types';
import type { RouterProblem, RouterReply } from './http-router';

/** A problem `voxtra route --ask` reports beyond the protocol client's own: a valid answer the app cannot follow. */
export interface FollowProblem {
  readonly kind: 'unknown-flow';
  readonly message: string;
}

/** One router asked, with what it answered. */
export interface AskedRouter {
  /** The dispatch rule's name (`--url` for a URL given on the command line). */
  readonly name: string;
  readonly url: string;
  readonly timeoutMs: number;
  readonly reply: RouterReply;
  readonly follow: readonly FollowProblem[];
}

/** The outcome of `voxtra route --ask`: the request sent and each router's answer. */
export interface AskReport {
  readonly app: string;
  readonly request: HttpRouterRequest;
  readonly routers: readonly AskedRouter[];
}

/** True when the router gave an answer that passed every check and the app can follow. */
export function answeredValidly(r: AskedRouter): boolean {
  return r.reply.ok && r.follow.length === 0;
}

const PROBLEM_TITLE: Record<RouterProblem['kind'], string> = {
  'bad-url': 'bad URL',
  timeout: 'timeout',
  connection: 'could not connect',
  status: 'HTTP error status',
  'too-large': 'answer too large',
  'not-json': 'answer is not JSON',
  'invalid-answer': 'answer breaks the protocol',
};

/** `voxtra route --ask` output: readable text, or one JSON document. */
export function formatAskReport(report: AskReport, format: 'pretty' | 'json'): string {
  if (format === 'json') {
    return `${JSON.stringify(
      {
        app: report.app,
        request: report.request,
        routers: report.routers.map((r) => ({
          name: r.name,
          url: r.url,
          timeoutMs: r.timeoutMs,
          ok: answeredValidly(r),
          latencyMs: r.reply.elapsedMs,
          ...(r.reply.status !== undefined ? { status: r.reply.status } : {}),
          ...(r.reply.ok ? { answer: r.reply.answer, decision: decisionText(r.reply.answer) } : {}),
          problems: problemsOf(r),
        })),
      },
      null,
      2,
    )}\n`;
  }
  const lines = [`request sent (app ${report.app}):`, ...JSON.stringify(report.request, null, 2).split('\n').map((l) => `  ${l}`), ''];
  for (const r of report.routers) {
    lines.push(`${r.name}: POST ${r.url} (timeout ${r.timeoutMs} ms)`);
    const status = r.reply.status !== undefined ? `, HTTP ${r.reply.status}` : '';
    lines.push(`  latency: ${Math.round(r.reply.elapsedMs)} ms${status}`);
    if (r.reply.ok) lines.push(`  decision: ${decisionText(r.reply.answer)}`);
    for (const p of problemsOf(r)) lines.push(`  problem (${p.kind}): ${p.message}`);
    lines.push(`  ${answeredValidly(r) ? 'ok' : 'NOT OK'}`, '');
  }
  const good = report.routers.filter(answeredValidly).length;
  lines.push(`${good} of ${report.routers.length} router${report.routers.length === 1 ? '' : 's'} answered validly`);
  return `${lines.join('\n')}\n`;
}

function problemsOf(r: AskedRouter): { kind: string; message: string }[] {
  const out: { kind: string; message: string }[] = [];
  if (!r.reply.ok) {
    const p = r.reply.problem;
    if (p.details && p.details.length > 0) for (const d of p.details) out.push({ kind: p.kind, message: `${PROBLEM_TITLE[p.kind]}: ${d}` });
    else out.push({ kind: p.kind, message: `${PROBLEM_TITLE[p.kind]}: ${p.message}` });
  }
  for (const f of r.follow) out.push({ kind: f.kind, message: f.message });
  return out;
}

/** What the runtime would do with an answer, in one line. */
export function decisionText(a: HttpRouterAnswer): string {
  const extra: string[] = [];
  if (Object.keys(a.extensions).length > 0) extra.push(`metadata ${JSON.stringify(a.extensions)}`);
  if (a.ignored.length > 0) extra.push(`ignored fields: ${a.ignored.join(', ')}`);
  const tail = extra.length > 0 ? `; ${extra.join('; ')}` : '';
  switch (a.action) {
    case 'forward':
      return `forward to ${a.targets.join(', ')} (${a.strategy}${a.timeoutMs !== undefined ? `, ring ${a.timeoutMs} ms` : ''}${Object.keys(a.headers).length > 0 ? `, headers ${JSON.stringify(a.headers)}` : ''})${tail}`;
    case 'reject':
    case 'abort':
    case 'spam':
      return `${a.action}: hang up with cause ${a.cause}${a.status !== undefined ? ` (status ${a.status})` : ''}${a.reason !== undefined ? `, reason ${JSON.stringify(a.reason)}` : ''}${tail}`;
    case 'flow':
      return `run flow ${a.flow}${a.record ? ' (recorded)' : ''}${tail}`;
    case 'not_handled':
      return `not_handled: the call falls through to the next rule${tail}`;
  }
}
