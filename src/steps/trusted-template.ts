import { templateEngine } from '../template/engine';
import type { NormalizeContext } from './step-definition';

/**
 * What a template may read when its result names a resource (a URL path, a
 * file name): `metadata.*` (written in the routes, by the people who write
 * the flows) and the listed `call` fields Voxtra or Asterisk generate. Caller
 * input (`vars.*`, `call.number`, `call.caller_name`, ...) may not steer where
 * a request goes or what a file is called.
 */
export function untrustedReads(text: string, callFields: readonly string[] = []): string[] {
  let reads: string[][];
  try {
    reads = templateEngine.variables(text);
  } catch {
    return []; // a syntax error is TEMPLATE_SYNTAX's to report
  }
  const out = new Set<string>();
  for (const [root, field] of reads) {
    if (root === 'metadata') continue;
    if (root === 'call' && field !== undefined && callFields.includes(field)) continue;
    out.add(field === undefined ? root : `${root}.${field}`);
  }
  return [...out];
}

/** Reports UNTRUSTED_TEMPLATE at `rel` when `text` reads caller-controlled values; `advice` ends the hint. */
export function checkTrustedTemplate(
  text: string,
  rel: (string | number)[],
  ctx: NormalizeContext,
  opts: { what: string; advice: string; callFields?: readonly string[] },
): void {
  const callFields = opts.callFields ?? [];
  const bad = untrustedReads(text, callFields);
  if (bad.length === 0) return;
  const allowed = ['metadata.*', ...callFields.map((f) => `call.${f}`)].join(', ');
  ctx.report({
    code: 'UNTRUSTED_TEMPLATE',
    message: `${opts.what} may not be built from ${bad.join(', ')}: callers control those values`,
    rel,
    hint: `Here templates may read only ${allowed}; ${opts.advice}`,
  });
}
