import { formatDuration as formatMs } from '../core/duration';
import type { ConditionIR, StepIR } from '../ir/types';
import { describeCondition } from './describe-condition';

type Params = Readonly<Record<string, unknown>>;
type Summary = (p: Params) => string[];

const text = (p: Params, key: string): string => (typeof p[key] === 'string' ? (p[key] as string) : '');
const num = (p: Params, key: string): number | undefined => (typeof p[key] === 'number' ? (p[key] as number) : undefined);
const names = (p: Params, key: string): string =>
  Array.isArray(p[key]) ? (p[key] as { name?: unknown }[]).map((a) => String(a.name)).join(', ') : '';

const GRAPH_DURATION = { fractionalSeconds: true } as const;
const formatDuration = (ms: number): string => formatMs(ms, GRAPH_DURATION);

/** `sound:hello-world` reads as `hello-world`; other URIs keep their scheme. */
function shortMedia(uri: string): string {
  return uri.startsWith('sound:') ? uri.slice('sound:'.length) : uri;
}

function promptLine(step: unknown): string[] {
  if (!step || typeof step !== 'object') return [];
  return summarizeStep(step as StepIR);
}

const SUMMARIES: Readonly<Record<string, Summary>> = {
  hangup: (p) => [text(p, 'cause') && text(p, 'cause') !== 'normal' ? `hangup (${text(p, 'cause')})` : 'hangup'],
  play: (p) => [`play ${Array.isArray(p.media) ? (p.media as string[]).map(shortMedia).join(', ') : ''}`],
  say: (p) => [`say "${text(p, 'text')}"`],
  listen_dtmf: (p) => [`listen_dtmf into ${text(p, 'into')}`, ...promptLine(p.prompt)],
  menu: (p) => ['menu', ...promptLine(p.prompt)],
  set: (p) => [`set ${names(p, 'assignments')}`],
  set_channel_var: (p) => [`set_channel_var ${names(p, 'assignments')}`],
  if: (p) => [`if ${describeCondition(p.when as ConditionIR)}`],
  switch: (p) => [`switch ${text(p, 'value')}`],
  label: (p) => [`label ${text(p, 'name')}`],
  goto: (p) => [`goto ${text(p, 'label')}`, ...(num(p, 'max') !== undefined ? [`at most ${num(p, 'max')} times`] : [])],
  call: (p) => [`call ${text(p, 'flow')}`],
  transfer_to_queue: (p) => [`queue ${text(p, 'queue')}`],
  wait: (p) => [`wait ${formatDuration(num(p, 'ms') ?? 0)}`],
  log: (p) => [`log "${text(p, 'message')}"`],
  send_dtmf: (p) => [`send_dtmf ${text(p, 'digits')}`],
  hold: (p) => [['hold', text(p, 'mohClass'), num(p, 'durationMs') !== undefined ? formatDuration(num(p, 'durationMs') ?? 0) : ''].filter(Boolean).join(' ')],
  dial: (p) => [
    `dial ${Array.isArray(p.endpoints) ? (p.endpoints as string[]).join(', ') : ''}`,
    [text(p, 'strategy') === 'parallel' ? 'parallel' : '', num(p, 'timeoutMs') !== undefined ? `ring ${formatDuration(num(p, 'timeoutMs') ?? 0)}` : ''].filter(Boolean).join(', '),
  ].filter(Boolean),
  record: (p) => [`record ${text(p, 'name') || `into ${text(p, 'into')}`}`],
  http: (p) => [`http ${text(p, 'method')} ${text(p, 'service') ? `${text(p, 'service')}${text(p, 'path')}` : text(p, 'url')}`.trimEnd()],
  continue_in_dialplan: (p) => [`dialplan ${[text(p, 'context'), text(p, 'extension'), text(p, 'label') || String(num(p, 'priority') ?? 1)].join(',')}`],
};

/**
 * The label lines of a step, unwrapped: the step type and its key value
 * (`say "Welcome"`, `queue sales`, `goto top`). ASCII only: Graphviz
 * has no width metrics for other characters and would draw their boxes too narrow. Step types without an entry
 * here (added later) show their type and first short string parameter.
 */
export function summarizeStep(step: StepIR): string[] {
  const params = (step.params && typeof step.params === 'object' ? step.params : {}) as Params;
  const summary = SUMMARIES[step.type];
  if (summary) return summary(params);
  const first = Object.values(params).find((v): v is string => typeof v === 'string');
  return [first !== undefined ? `${step.type} ${first}` : step.type];
}
