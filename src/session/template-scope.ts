import type { TemplateScope } from '../template/engine';
import type { Call } from '../call/call-api';

/** Facts a `call` object may carry beyond the {@link Call} interface (the VoxtraCall has them). */
export interface CallScopeExtras {
  /** Channel name (`PJSIP/sipp-00000001`). */
  readonly channelName?: string;
  /** Caller id number before any rewrite. */
  readonly callerNumber?: string;
}

/**
 * The scope templates and conditions read: `call.*` (fixed facts), plus the
 * live `metadata` and `vars` objects, so a `set` is seen by the next render.
 */
export function templateScope(call: Call & CallScopeExtras): TemplateScope {
  const facts = Object.freeze({
    id: call.id,
    app: call.app,
    extension: call.extension,
    number: call.number,
    caller: call.callerNumber ?? call.number,
    caller_name: call.callerName,
    args: [...call.args],
    channel: call.channelName ?? call.id,
    route: call.route ?? '',
    version: call.snapshotVersion,
  });
  return { call: facts, metadata: call.metadata, vars: call.vars };
}
