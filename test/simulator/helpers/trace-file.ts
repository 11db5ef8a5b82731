import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Where the recorded Asterisk material lives (read by tests only, never copied). */
export const SHARED_ARI = path.resolve(__dirname, '../../../../shared/ari');

export type TraceLine =
  | { t: number; dir: 'note'; text: string }
  | { t: number; dir: 'request'; id: number; method: string; path: string; headers: Record<string, string>; body: string | null }
  | { t: number; dir: 'response'; id: number; status?: number; headers?: Record<string, string>; body?: string; body_truncated?: boolean; error?: string }
  | { t: number; dir: 'event'; socket: string; type: string; raw: string }
  | {
      t: number;
      dir: 'ws';
      socket: string;
      what: string;
      url?: string;
      headers?: Record<string, string>;
      status?: number;
      body?: string;
      code?: number;
      reason?: string;
      message?: string;
      mode?: string;
      port?: number;
      path?: string;
      method?: string;
      http_version?: string;
      raw_headers?: Array<[string, string]>;
      protocol?: string;
    }
  | { t: number; dir: 'ws-send'; socket: string; raw: string; opcode?: 'binary' }
  | { t: number; dir: 'tcp'; what: string; src: string; dst: string; wire_ms: number; wire_t: number }
  | { t: number; dir: 'asterisk-log'; line: string };

export function loadTrace(name: string): TraceLine[] {
  const text = readFileSync(path.join(SHARED_ARI, 'traces', `${name}.jsonl`), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as TraceLine);
}

export function loadApiDoc(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(SHARED_ARI, 'api-docs', `${name}.json`), 'utf8')) as Record<string, unknown>;
}
