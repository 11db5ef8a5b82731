import type { ErrorObject, ValidateFunction } from 'ajv';
import { compileSchema, type JsonSchema } from '../schema';
import { HANGUP_REASONS } from '../control/call-control';
import { isRecord } from '../core/is-record';
import { hasControlChars, headerNameProblem, isSafeDialTarget, logSafe } from './dial-safety';
import { hangupReasonForStatus } from './hangup-cause';
import type { HttpRouterAnswer } from './http-router-types';

const ACTIONS = ['forward', 'reject', 'abort', 'spam', 'not_handled', 'flow'] as const;

/** Fields of the RustPBX protocol that only make sense to a SIP proxy: accepted, logged as ignored. */
export const IGNORED_ANSWER_FIELDS = ['media_proxy', 'with_original_headers'] as const;

/** The JSON Schema an HTTP router answer must satisfy before its values are checked one by one. */
export const HTTP_ROUTER_ANSWER_SCHEMA = {
  type: 'object',
  properties: {
    action: { enum: [...ACTIONS] },
    targets: { type: 'array', minItems: 1, maxItems: 32, items: { type: 'string', minLength: 1, maxLength: 256 } },
    strategy: { enum: ['sequential', 'parallel'] },
    timeout: { type: 'number', minimum: 0, maximum: 86_400 },
    headers: { type: 'object', maxProperties: 32, additionalProperties: { type: 'string', maxLength: 1024 } },
    status: { anyOf: [{ type: 'integer', minimum: 100, maximum: 699 }, { enum: [...HANGUP_REASONS] }] },
    reason: { type: 'string', maxLength: 4096 },
    record: { type: 'boolean' },
    extensions: {
      type: 'object',
      maxProperties: 64,
      additionalProperties: { anyOf: [{ type: 'string', maxLength: 1024 }, { type: 'number' }, { type: 'boolean' }] },
    },
    flow: { type: 'string', minLength: 1, maxLength: 200 },
  },
  anyOf: [{ required: ['action'] }, { required: ['flow'] }],
  allOf: [
    { if: { required: ['action'], properties: { action: { const: 'forward' } } }, then: { required: ['targets'] } },
    { if: { required: ['action'], properties: { action: { const: 'flow' } } }, then: { required: ['flow'] } },
    { if: { required: ['flow'] }, then: { properties: { action: { const: 'flow' } } } },
  ],
} as const;

const KNOWN = new Set<string>([...Object.keys(HTTP_ROUTER_ANSWER_SCHEMA.properties), ...IGNORED_ANSWER_FIELDS]);
const METADATA_KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

let validate: ValidateFunction | undefined;

export type AnswerCheck = { readonly ok: true; readonly answer: HttpRouterAnswer } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Validates an HTTP router answer (already parsed JSON) against the schema,
 * then checks every untrusted value: dial targets against a safe pattern,
 * header names and values, metadata keys. Inline `steps` are refused: an
 * answer from the network may pick a flow but never define one.
 */
export function checkRouterAnswer(json: unknown): AnswerCheck {
  if (isRecord(json) && Object.hasOwn(json, 'steps')) {
    return { ok: false, problems: ['inline "steps" are not accepted from an HTTP router; answer with a "flow" id'] };
  }
  // Compiled when the first answer arrives, with the project's one ajv setup (loaded then): a runtime without an
  // HTTP router never loads ajv on the main thread (~8 MiB of RSS, see docs/benchmarks.md).
  validate ??= compileSchema(HTTP_ROUTER_ANSWER_SCHEMA as unknown as JsonSchema);
  if (!validate(json)) {
    const problems = (validate.errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'anyOf').map(problemText);
    return { ok: false, problems: problems.length > 0 ? problems : ['answer needs an "action" (or a "flow")'] };
  }
  return sanitize(json as RawAnswer);
}

/** An ajv error as a sentence: the field, what it must be (the allowed values of an enum), and what it was. */
function problemText(e: ErrorObject): string {
  const field = e.instancePath || 'answer';
  const allowed = e.keyword === 'enum' ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` : '';
  const got = e.keyword === 'enum' || e.keyword === 'type' || e.keyword === 'const' ? ` (got ${logSafe(JSON.stringify(e.data) ?? String(e.data), 60)})` : '';
  return `${field} ${e.message ?? 'is invalid'}${allowed}${got}`;
}

interface RawAnswer {
  action?: (typeof ACTIONS)[number];
  targets?: string[];
  strategy?: 'sequential' | 'parallel';
  timeout?: number;
  headers?: Record<string, string>;
  status?: number | string;
  reason?: string;
  record?: boolean;
  extensions?: Record<string, string | number | boolean>;
  flow?: string;
}

function sanitize(raw: RawAnswer): AnswerCheck {
  const problems: string[] = [];
  const ignored = Object.keys(raw).filter((k) => !KNOWN.has(k) || (IGNORED_ANSWER_FIELDS as readonly string[]).includes(k));
  const extensions: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(raw.extensions ?? {})) {
    if (!METADATA_KEY.test(key) || UNSAFE_KEYS.has(key)) problems.push(`extensions key ${JSON.stringify(logSafe(key, 64))} is not a plain name`);
    else if (typeof value === 'string' && hasControlChars(value)) problems.push(`extensions.${key} holds control characters`);
    else extensions[key] = value;
  }
  const action = raw.action ?? 'flow';
  if (action === 'forward') {
    const targets = raw.targets ?? [];
    for (const t of targets) if (!isSafeDialTarget(t)) problems.push(`target ${JSON.stringify(logSafe(t, 80))} is not a TECH/resource dial string`);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(raw.headers ?? {})) {
      const problem = headerNameProblem(name);
      if (problem) problems.push(logSafe(problem));
      else if (hasControlChars(value)) problems.push(`header ${name} holds control characters`);
      else headers[name] = value.trim();
    }
    if (problems.length > 0) return { ok: false, problems };
    return {
      ok: true,
      answer: {
        action,
        targets,
        strategy: raw.strategy ?? 'sequential',
        ...(raw.timeout !== undefined ? { timeoutMs: Math.round(raw.timeout * 1000) } : {}),
        headers,
        ...(raw.record !== undefined ? { record: raw.record } : {}),
        extensions,
        ignored,
      },
    };
  }
  if (problems.length > 0) return { ok: false, problems };
  switch (action) {
    case 'reject':
    case 'abort':
    case 'spam':
      return {
        ok: true,
        answer: {
          action,
          cause: action === 'spam' ? 'rejected' : hangupReasonForStatus(raw.status),
          ...(raw.status !== undefined ? { status: raw.status } : {}),
          ...(raw.reason !== undefined ? { reason: logSafe(raw.reason) } : {}),
          extensions,
          ignored,
        },
      };
    case 'flow':
      return { ok: true, answer: { action, flow: raw.flow ?? '', ...(raw.record !== undefined ? { record: raw.record } : {}), extensions, ignored } };
    case 'not_handled':
      return { ok: true, answer: { action, extensions, ignored } };
  }
}
