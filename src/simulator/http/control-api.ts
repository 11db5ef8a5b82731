import type { IncomingMessage } from 'node:http';
import { isVoxtraError } from '../../core/errors';
import type { SimulatorControl } from '../control-types';
import type { Json, JsonObject } from '../model/json';
import { fail, noContent, ok, type AriResult } from '../model/result';
import { formatTranscript } from '../transcript/format-transcript';
import { isRecord } from '../../core/is-record';
import { formatLogEntry } from '../model/asterisk-log';

/** Control API paths live under this prefix, beside /ari. */
export const CONTROL_PREFIX = '/_voxtra/sim';

/**
 * The HTTP face of {@link SimulatorControl} (same auth as ARI):
 * POST calls · GET calls · GET calls/{id} · GET calls/{id}/wait?timeoutMs= ·
 * POST calls/{id}/dtmf · POST calls/{id}/hangup · PUT endpoints/{tech}/{resource} ·
 * PUT queues/{name} · POST drop-event-sockets · GET stats ·
 * GET outbound · PUT outbound/{id} · DELETE outbound/{id} · GET log.
 */
export async function handleControl(control: SimulatorControl, method: string, segments: readonly string[], query: URLSearchParams, body: Json | undefined): Promise<AriResult> {
  try {
    return await route(control, method, segments, query, body);
  } catch (err) {
    if (isVoxtraError(err, 'SIMULATOR')) return fail(typeof err.details.status === 'number' ? err.details.status : 400, err.message);
    throw err;
  }
}

async function route(control: SimulatorControl, method: string, seg: readonly string[], query: URLSearchParams, body: Json | undefined): Promise<AriResult> {
  const [head, id, action] = seg;
  if (head === 'calls' && id === undefined) {
    if (method === 'GET') return ok(control.calls().map((c) => ({ ...c })));
    if (method === 'POST') {
      if (!isRecord<Json>(body)) return fail(400, 'Expected a JSON object with at least "extension"');
      const channelId = control.placeCall(body as unknown as Parameters<SimulatorControl['placeCall']>[0]);
      return { status: 201, body: { channelId }, headers: { Location: `${CONTROL_PREFIX}/calls/${channelId}` } };
    }
  }
  if (head === 'calls' && id !== undefined && seg.length <= 3) {
    if (action === undefined && method === 'GET') return ok(transcriptBody(control, id, false));
    if (action === 'wait' && method === 'GET') {
      const timeoutMs = query.has('timeoutMs') ? Number(query.get('timeoutMs')) : undefined;
      try {
        await control.waitForEnd(id, { timeoutMs });
      } catch (err) {
        if (isVoxtraError(err, 'SIMULATOR') && err.details.reason === 'timeout') return fail(408, err.message);
        throw err;
      }
      return ok(transcriptBody(control, id, true));
    }
    if (action === 'dtmf' && method === 'POST') {
      const b = isRecord<Json>(body) ? body : {};
      if (typeof b.digits !== 'string') return fail(400, 'Expected {"digits": "..."}');
      control.sendDtmf(id, b.digits, { durationMs: num(b.durationMs), gapMs: num(b.gapMs) });
      return noContent();
    }
    if (action === 'hangup' && method === 'POST') {
      control.hangup(id);
      return noContent();
    }
  }
  if (head === 'endpoints' && seg.length === 3 && method === 'PUT') {
    if (!isRecord<Json>(body) || typeof body.kind !== 'string') return fail(400, 'Expected {"kind": "answer"|"busy"|"no-answer"|"unavailable", ...}');
    control.setEndpoint(`${seg[1]}/${seg[2]}`, body as unknown as Parameters<SimulatorControl['setEndpoint']>[1]);
    return noContent();
  }
  if (head === 'queues' && seg.length === 2 && method === 'PUT') {
    control.setQueue(seg[1], (isRecord<Json>(body) ? body : {}) as Parameters<SimulatorControl['setQueue']>[1]);
    return noContent();
  }
  if (head === 'drop-event-sockets' && seg.length === 1 && method === 'POST') {
    control.dropEventSockets();
    return noContent();
  }
  if (head === 'stats' && seg.length === 1 && method === 'GET') return ok(control.stats() as unknown as JsonObject);
  if (head === 'outbound' && seg.length === 1 && method === 'GET') return ok(control.outbound() as unknown as Json[]);
  if (head === 'outbound' && seg.length === 2 && method === 'PUT') {
    if (!isRecord<Json>(body)) return fail(400, 'Expected a JSON object: {"uri", "connectionType": "persistent"|"per_call_config", "apps": [...], ...}');
    return ok(control.setOutbound(seg[1], body as unknown as Parameters<SimulatorControl['setOutbound']>[1]) as unknown as JsonObject);
  }
  if (head === 'outbound' && seg.length === 2 && method === 'DELETE') return control.removeOutbound(seg[1]) ? noContent() : fail(404, `no outbound WebSocket ${seg[1]}`);
  if (head === 'log' && seg.length === 1 && method === 'GET') {
    const entries = control.asteriskLog();
    return ok({ lines: entries.map(formatLogEntry), entries: entries as unknown as Json[] });
  }
  return fail(404, 'Resource not found');
}

function transcriptBody(control: SimulatorControl, id: string, ended: boolean): JsonObject {
  const entries = control.transcript(id);
  const summary = control.calls().find((c) => c.channelId === id);
  return { channelId: id, name: summary?.name ?? '', ended: ended || (summary?.ended ?? false), entries: entries as unknown as Json[], lines: formatTranscript(entries) };
}

const num = (v: Json | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

/** Reads a request body (bounded) as text. */
export function readBody(req: IncomingMessage, limit = 1 << 20): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

