import { matchesExtension } from './pattern';

/** One priority: a dialplan application and its (unsubstituted) data. */
export interface DialplanStep {
  readonly app: string;
  readonly data?: string;
  readonly label?: string;
}

/** context → extension or pattern → priorities 1..n. */
export type DialplanConfig = Readonly<Record<string, Readonly<Record<string, readonly DialplanStep[]>>>>;

export interface DialplanNames {
  /** Context of inbound SIP calls (`voxtra-in`). */
  readonly inbound: string;
  /** Context `transfer_to_queue` continues into (`voxtra-queues`). */
  readonly queues: string;
  /** Context of queue member (agent) legs (`voxtra-agents`). */
  readonly agents: string;
  /** App that inbound calls enter. */
  readonly defaultApp: string;
  /** Sound the default inbound extensions play when Stasis() fails, before hanging up (none: just hang up). */
  readonly fallback?: string;
}

const step = (app: string, data = ''): DialplanStep => ({ app, data });

/**
 * What follows Stasis() or StasisBroadcast() when a fallback is wanted (the
 * shape of the recordings' dialplan): unless STASISSTATUS is SUCCESS, play
 * `sound` (Playback answers first), then hang up.
 */
export function fallbackSteps(sound: string): DialplanStep[] {
  return [step('GotoIf', '$["${STASISSTATUS}" != "SUCCESS"]?fallback'), step('Hangup'), { app: 'Playback', data: sound, label: 'fallback' }, step('Hangup')];
}

const NOTE = step('NoOp', 'voxtra inbound to ${EXTEN} from ${CALLERID(all)}');

/** The inbound sequence every placed call runs: NoOp, Stasis(app,${EXTEN}), Hangup (or the fallback). */
export function inboundSteps(app: string, fallback?: string): DialplanStep[] {
  return [NOTE, step('Stasis', `${app},\${EXTEN}`), ...(fallback ? fallbackSteps(fallback) : [step('Hangup')])];
}

/** StasisBroadcast(timeout_ms,app_filter,colon:separated:args,notify_claimed): every part optional. */
export interface BroadcastTarget {
  readonly timeoutMs?: number;
  readonly appFilter?: string;
  readonly args?: readonly string[];
  readonly notifyClaimed?: boolean;
}

/** NoOp, StasisBroadcast(...), Hangup (or the fallback). */
export function broadcastSteps(b: BroadcastTarget, fallback?: string): DialplanStep[] {
  const parts = [b.timeoutMs === undefined ? '' : String(b.timeoutMs), b.appFilter ?? '', (b.args ?? []).join(':'), b.notifyClaimed === undefined ? '' : b.notifyClaimed ? 'yes' : 'no'];
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return [NOTE, step('StasisBroadcast', parts.join(',')), ...(fallback ? fallbackSteps(fallback) : [step('Hangup')])];
}

/**
 * The simulator's default dialplan, the same shape as the extensions.conf the
 * reference traces were recorded with, except that the queues context takes
 * any queue name and the agents context answers for any agent.
 */
export function defaultDialplan(names: DialplanNames): Record<string, Record<string, DialplanStep[]>> {
  const inbound = inboundSteps(names.defaultApp, names.fallback);
  return {
    [names.inbound]: { '1000': inbound, _X: inbound, '_X.': inbound, '_+X.': inbound },
    'voxtra-test': {
      silent: [step('NoOp', 'silent caller'), step('Wait', '300'), step('Hangup')],
      'answer-wait': [step('Answer'), step('Wait', '300'), step('Hangup')],
      'queue-support': [step('NoOp', 'queue support'), step('Queue', 'support,,,,60'), step('Hangup')],
    },
    [names.agents]: { '_.': [step('Answer'), step('Playback', 'hello-world'), step('Wait', '1'), step('Hangup')] },
    [names.queues]: { '_.': [step('NoOp', 'VOXTRA-QUEUE ${EXTEN} caller=${CALLERID(num)}'), step('Queue', '${EXTEN},,,,30'), step('Hangup')] },
  };
}

/** Looks up priorities; exact extensions win over patterns (in definition order). */
export class Dialplan {
  private readonly contexts: Record<string, Record<string, readonly DialplanStep[]>>;

  constructor(base: Record<string, Record<string, DialplanStep[]>>, extra: DialplanConfig = {}) {
    this.contexts = { ...base };
    for (const [ctx, extens] of Object.entries(extra)) this.contexts[ctx] = { ...(this.contexts[ctx] ?? {}), ...extens };
  }

  /** Adds (or replaces) a context at run time, as res_ari does for `stasis-<app>`. */
  define(context: string, extens: Record<string, readonly DialplanStep[]>): void {
    this.contexts[context] = { ...extens };
  }

  /** Removes a context added with {@link define}. */
  remove(context: string): void {
    delete this.contexts[context];
  }

  hasContext(context: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.contexts, context);
  }

  steps(context: string, exten: string): readonly DialplanStep[] | undefined {
    const ctx = this.hasContext(context) ? this.contexts[context] : undefined;
    if (!ctx) return undefined;
    if (Object.prototype.hasOwnProperty.call(ctx, exten) && !exten.startsWith('_')) return ctx[exten];
    for (const [pattern, steps] of Object.entries(ctx)) if (pattern.startsWith('_') && matchesExtension(pattern, exten)) return steps;
    return undefined;
  }

  step(context: string, exten: string, priority: number): DialplanStep | undefined {
    return this.steps(context, exten)?.[priority - 1];
  }

  /** Priority of a label, or undefined. */
  findLabel(context: string, exten: string, label: string): number | undefined {
    const idx = this.steps(context, exten)?.findIndex((s) => s.label === label) ?? -1;
    return idx >= 0 ? idx + 1 : undefined;
  }
}

/** Expands `${NAME}` and `${FUNC(args)}` through `lookup` (unknown names become ''). */
export function substitute(data: string, lookup: (name: string) => string | undefined): string {
  return data.replace(/\$\{([^{}]+)\}/g, (_m, name: string) => lookup(name) ?? '');
}
