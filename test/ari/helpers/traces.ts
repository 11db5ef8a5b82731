import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AriEvent } from '../../../src/ari/transport';
import { SHARED_ARI } from './fake-ari-server';

interface TraceLine {
  dir: string;
  raw?: string;
  socket?: string;
  [key: string]: unknown;
}

/** Every event of a recorded Asterisk 22 trace, parsed from its raw frame, in receive order. */
export function traceEvents(name: string, socket?: string): AriEvent[] {
  const file = path.join(SHARED_ARI, 'traces', `${name}.jsonl`);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as TraceLine)
    .filter((l) => l.dir === 'event' && typeof l.raw === 'string' && (socket === undefined || l.socket === socket))
    .map((l) => JSON.parse(l.raw as string) as AriEvent);
}

/** The first event of `type` (optionally about `channelId`) in a trace. */
export function firstEvent(events: readonly AriEvent[], type: string, channelId?: string): AriEvent {
  const found = events.find((e) => e.type === type && (channelId === undefined || (e.channel as { id?: string } | undefined)?.id === channelId));
  if (!found) throw new Error(`no ${type} event in trace`);
  return found;
}
