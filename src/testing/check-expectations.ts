import { formatOffset } from '../core/duration';
import { isRecord } from '../core/is-record';
import type { SourceRef } from '../ir/types';
import type { ActualCall, ActualPrompt } from './actual-call';
import type { HttpExchange } from './canned-fetch';
import { diffLists, allFound, matchSubsequence, renderSubsequence, type DiffLine } from './list-diff';
import { lineMatches, squash, type ActualLine } from './line-matcher';
import { endpointMatches } from './normalize-http';
import type { Expectations, Expected, LineMatcher, PromptMatcher } from './scenario-types';

/** One way a scenario's call differed from what it expected. */
export interface Failure {
  /** The expectation (`route`, `prompts`, `variables.choice`, ...), or `run` for problems of the run itself. */
  readonly what: string;
  readonly message: string;
  /** Where the expectation is written. */
  readonly source?: SourceRef;
  readonly expected?: unknown;
  readonly actual?: unknown;
  /** Expected (`-`) against actual (`+`), with context (` `). */
  readonly diff?: readonly DiffLine[];
}

const MEDIA = /^[a-z][a-z0-9+.-]*:/i;
const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

/** Compares a scenario's expectations with its call; every mismatch is one failure. */
export function checkExpectations(expect: Expectations, call: ActualCall): Failure[] {
  const out: Failure[] = [];
  const r = call.result;
  scalar(out, 'route', expect.route, r ? (r.route ?? null) : null);
  scalar(out, 'flow', expect.flow, r?.flow ?? null);
  scalar(out, 'outcome', expect.outcome, r?.outcome ?? null);
  if (expect.error) {
    const e = r?.error;
    if (!e || !(e.code === expect.error.value || e.message.includes(expect.error.value))) {
      out.push({ what: 'error', message: `expected an error matching ${show(expect.error.value)}, got ${e ? `${e.code ?? 'an error'}: ${e.message}` : 'no error'}`, source: expect.error.source, expected: expect.error.value, actual: e });
    }
  }
  if (expect.prompts) prompts(out, expect.prompts, call.prompts);
  if (expect.variables) values(out, 'variables', expect.variables, call.variables);
  if (expect.channelVariables) values(out, 'channel_variables', expect.channelVariables, call.channelVariables);
  scalar(out, 'queue', expect.queue, call.queue ?? null);
  if (expect.continued) continued(out, expect.continued, call.continued);
  if (expect.hangup) {
    const want = expect.hangup.value;
    const got = call.hangup;
    const causeText = (cause: number, name?: string): string => (name ? `${name} (${cause})` : String(cause));
    const wantText = [want.by ? `by ${want.by}` : '', want.cause !== undefined ? `cause ${causeText(want.cause, want.causeName)}` : ''].filter(Boolean).join(', ');
    if (!got) out.push({ what: 'hangup', message: `expected a hangup ${wantText}, but the channel had not hung up`, source: expect.hangup.source, expected: want });
    else if ((want.by !== undefined && want.by !== got.by) || (want.cause !== undefined && want.cause !== got.cause)) {
      out.push({ what: 'hangup', message: `expected a hangup ${wantText}, got by ${got.by}, cause ${got.cause}`, source: expect.hangup.source, expected: want, actual: got });
    }
  }
  if (expect.transcript) lines(out, 'transcript', expect.transcript, call.transcript, false, (l) => `${formatOffset(l.atMs ?? 0)}  ${l.text}`);
  if (expect.events) lines(out, 'events', expect.events, call.events, false, (l) => `${formatOffset(l.atMs ?? 0)}  ${l.text}`);
  if (expect.logs) lines(out, 'logs', expect.logs, call.logs, true, (l) => `${(l as ActualLine & { level?: string }).level ?? 'info'}: ${l.text}`);
  if (expect.requests) requests(out, expect.requests, call.requests);
  // In the order the expectations are written.
  return out.sort((a, b) => (a.source?.line ?? 0) - (b.source?.line ?? 0) || (a.source?.column ?? 0) - (b.source?.column ?? 0));
}

function scalar<T>(out: Failure[], what: string, expected: Expected<T> | undefined, actual: T): void {
  if (!expected || expected.value === actual) return;
  out.push({ what, message: `expected ${what} ${show(expected.value)}, got ${show(actual)}`, source: expected.source, expected: expected.value, actual });
}

/** Say text quoted, media URIs as they are, and how the prompt ended when not played to the end. */
export function showPrompt(p: { text: string; via?: 'say' | 'play'; status?: string; digit?: string }): string {
  const quoted = p.via === 'say' || (p.via === undefined && !MEDIA.test(p.text));
  const text = quoted ? JSON.stringify(p.text) : p.text;
  if (!p.status || p.status === 'done') return text;
  return `${text} (${p.status === 'interrupted' && p.digit ? `interrupted by ${p.digit}` : p.status})`;
}

function promptMatches(m: PromptMatcher, a: ActualPrompt): boolean {
  return (m.via === undefined || m.via === a.via) && squash(m.text) === squash(a.text) && (m.status === undefined || m.status === a.status);
}

function prompts(out: Failure[], expected: NonNullable<Expectations['prompts']>, actual: readonly ActualPrompt[]): void {
  const { mode, items } = expected.value;
  const showActual = (a: ActualPrompt): string => showPrompt(a);
  const showExpected = (m: PromptMatcher): string => showPrompt(m);
  if (mode === 'exactly') {
    const diff = diffLists(items, actual, promptMatches, { expected: showExpected, actual: showActual });
    if (diff.every((d) => d.sign === ' ')) return;
    out.push({ what: 'prompts', message: `the prompts differ (${items.length} expected, ${actual.length} played)`, source: expected.source, expected: items.map(showExpected), actual: actual.map(showActual), diff });
    return;
  }
  const match = matchSubsequence(items, actual, promptMatches);
  if (allFound(match)) return;
  const missing = items.filter((_, i) => match[i] < 0).map(showExpected);
  out.push({ what: 'prompts', message: `prompt${missing.length > 1 ? 's' : ''} not played in order: ${missing.join(', ')}`, source: expected.source, expected: items.map(showExpected), actual: actual.map(showActual), diff: renderSubsequence(items, actual, match, { expected: showExpected, actual: showActual }) });
}

function sameValue(expected: unknown, actual: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return actual !== undefined && actual !== null && typeof actual !== 'object' ? String(expected) === String(actual) : expected === actual;
  return JSON.stringify(expected) === JSON.stringify(actual);
}

/** A `null` expectation means "no value": never set (or, for flow variables, set to null). */
function values(out: Failure[], what: string, expected: Expected<Readonly<Record<string, unknown>>>, actual: Readonly<Record<string, unknown>>): void {
  for (const [name, want] of Object.entries(expected.value)) {
    const has = Object.hasOwn(actual, name);
    const got = has ? actual[name] : undefined;
    const source = expected.entries?.[name] ?? expected.source;
    if (want === null) {
      if (has && got !== null) out.push({ what: `${what}.${name}`, message: `expected ${name} to have no value, got ${show(got)}`, source, expected: null, actual: got });
    } else if (!has) {
      out.push({ what: `${what}.${name}`, message: `expected ${name} = ${show(want)}, but it was never set`, source, expected: want });
    } else if (!sameValue(want, got)) {
      out.push({ what: `${what}.${name}`, message: `expected ${name} = ${show(want)}, got ${show(got)}`, source, expected: want, actual: got });
    }
  }
}

function continued(out: Failure[], expected: NonNullable<Expectations['continued']>, actual: Readonly<Record<string, unknown>> | undefined): void {
  const want = expected.value;
  if (want === null) {
    if (actual) out.push({ what: 'continued', message: `expected the call not to continue in the dialplan, got ${show(actual)}`, source: expected.source, expected: null, actual });
    return;
  }
  const wrong = Object.entries(want).filter(([k, v]) => !actual || actual[k] !== v);
  if (wrong.length > 0) out.push({ what: 'continued', message: `expected to continue to ${show(want)}, got ${actual ? show(actual) : 'no continue'}`, source: expected.source, expected: want, actual });
}

function lines<L extends ActualLine>(out: Failure[], what: string, expected: Expected<readonly LineMatcher[]>, actual: readonly L[], contains: boolean, showActual: (l: L) => string): void {
  const match = matchSubsequence(expected.value, actual, (m, l) => lineMatches(m, l, contains));
  if (allFound(match)) return;
  const missing = expected.value.filter((_, i) => match[i] < 0).map((m) => m.written);
  out.push({
    what,
    message: `expected line${missing.length > 1 ? 's' : ''} not found in order: ${missing.map((m) => JSON.stringify(m)).join(', ')}`,
    source: expected.source,
    expected: expected.value.map((m) => m.written),
    actual: actual.map(showActual),
    diff: renderSubsequence(expected.value, actual, match, { expected: (m) => m.written, actual: showActual }),
  });
}

function partialMatch(want: unknown, got: unknown): boolean {
  if (isRecord(want)) {
    if (!isRecord(got)) return false;
    return Object.entries(want).every(([k, v]) => partialMatch(v, got[k]));
  }
  return JSON.stringify(want) === JSON.stringify(got);
}

function requests(out: Failure[], expected: NonNullable<Expectations['requests']>, actual: readonly HttpExchange[]): void {
  const same = (e: (typeof expected.value)[number], a: HttpExchange): boolean => endpointMatches(e.url, a.url) && (e.body === undefined || partialMatch(e.body, a.body));
  const match = matchSubsequence(expected.value, actual, same);
  if (allFound(match)) return;
  const showActual = (a: HttpExchange): string => `${formatOffset(a.atMs)}  ${a.method} ${a.url}${a.body !== undefined ? ` ${JSON.stringify(a.body)}` : ''} → ${a.answered}${a.status !== undefined ? ` ${a.status}` : ''}`;
  const showExpected = (e: (typeof expected.value)[number]): string => `${e.written}${e.body ? ` with ${JSON.stringify(e.body)}` : ''}`;
  out.push({
    what: 'requests',
    message: `HTTP requests not made in order: ${expected.value.filter((_, i) => match[i] < 0).map(showExpected).join(', ')}`,
    source: expected.source,
    expected: expected.value.map(showExpected),
    actual: actual.map(showActual),
    diff: renderSubsequence(expected.value, actual, match, { expected: showExpected, actual: showActual }),
  });
}
