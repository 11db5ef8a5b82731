import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { deepFreeze } from '../compiler/deep-freeze';
import type { CompiledApp } from '../compiler/project-types';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { AppSnapshot, RouteIR } from '../ir/types';
import type { CompiledProjectResult } from './project-compiler';

/** A compile result as it crosses from the worker: small JSON texts the main thread can parse a few at a time. */
export interface EncodedResult {
  /** The result with each app's routes and diagnostics left empty. */
  readonly head: string;
  /** Those arrays, a slice per text, in order. */
  readonly chunks: ReadonlyArray<{ readonly app: number; readonly field: 'routes' | 'diagnostics'; readonly json: string }>;
}

/** Items per chunk: a few milliseconds of JSON.parse each. */
const CHUNK = 500;

/**
 * Encodes a result for the trip to the main thread. Structured cloning a
 * 10k-route snapshot costs the receiving thread one uninterrupted stretch of
 * ~100 ms; strings copy cheaply and can be parsed in slices between other
 * work (calls in progress).
 */
export function encodeResult(result: CompiledProjectResult): EncodedResult {
  const chunks: Array<{ app: number; field: 'routes' | 'diagnostics'; json: string }> = [];
  const apps = result.apps.map((app, i) => {
    const slice = (field: 'routes' | 'diagnostics', items: readonly unknown[]): void => {
      for (let at = 0; at < items.length; at += CHUNK) chunks.push({ app: i, field, json: JSON.stringify(items.slice(at, at + CHUNK)) });
    };
    slice('diagnostics', app.diagnostics);
    if (app.snapshot) slice('routes', app.snapshot.routes);
    return { ...app, diagnostics: [], ...(app.snapshot ? { snapshot: { ...app.snapshot, routes: [] } } : {}) };
  });
  return { head: JSON.stringify({ ...result, apps }), chunks };
}

/**
 * Rebuilds a result on the main thread, parsing and freezing one slice per
 * turn of the event loop, so calls in progress keep running meanwhile.
 */
export async function decodeResult(encoded: EncodedResult): Promise<CompiledProjectResult> {
  const head = JSON.parse(encoded.head) as CompiledProjectResult;
  const routes = head.apps.map(() => [] as RouteIR[]);
  const diagnostics = head.apps.map(() => [] as Diagnostic[]);
  for (const chunk of encoded.chunks) {
    await yieldToLoop();
    const items = deepFreeze(JSON.parse(chunk.json) as unknown[]);
    if (chunk.field === 'routes') routes[chunk.app].push(...(items as RouteIR[]));
    else diagnostics[chunk.app].push(...(items as Diagnostic[]));
  }
  await yieldToLoop();
  const apps: CompiledApp[] = head.apps.map((app, i) => ({
    ...app,
    diagnostics: diagnostics[i],
    ...(app.snapshot ? { snapshot: deepFreeze<AppSnapshot>({ ...app.snapshot, routes: routes[i] }) } : {}),
  }));
  return { ...head, apps };
}
