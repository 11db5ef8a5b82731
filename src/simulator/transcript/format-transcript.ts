import { formatOffset } from '../../core/duration';
import type { TranscriptEntry } from '../model/transcript';

const describe = (e: TranscriptEntry): string => {
  switch (e.kind) {
    case 'call-placed':
      return `call to ${e.extension} from ${e.callerName ? `"${e.callerName}" ` : ''}<${e.callerNumber || 'unknown'}> for app ${e.app}`;
    case 'stasis-start':
      return `entered Stasis app ${e.app}${e.args.length ? ` (args ${e.args.join(',')})` : ''}`;
    case 'stasis-failed':
      return `app ${e.app} is not connected: Stasis failed${e.reason ? ` (${e.reason})` : ''}`;
    case 'stasis-end':
      return `left Stasis app ${e.app}`;
    case 'answered':
      return 'answered';
    case 'ringing':
      return 'ringing';
    case 'playback-started':
      return `playing ${e.media}`;
    case 'playback-finished':
      if (e.said !== undefined && e.state === 'done') return `said ${JSON.stringify(e.said)}`;
      if (e.said !== undefined && e.state === 'stopped') return `said part of ${JSON.stringify(e.said)} (stopped by app)`;
      if (e.state === 'done') return `heard ${e.media}`;
      if (e.state === 'stopped') return `heard part of ${e.media} (stopped by app)`;
      return `could not hear ${e.media} (failed)`;
    case 'playback-lost':
      return `playback of ${e.media} never finished (unsupported media)`;
    case 'dialplan-playback':
      return `heard ${e.media} (dialplan)`;
    case 'dtmf-received':
      return `pressed ${e.digit}`;
    case 'dtmf-sent':
      return `app sent DTMF ${e.digits}`;
    case 'variable-set':
      return `variable ${e.name} = ${JSON.stringify(e.value)}`;
    case 'continued':
      return `continued to ${e.context},${e.extension},${e.priority}`;
    case 'queue':
      return `transferred to queue ${e.queue}`;
    case 'queue-answered':
      return `queue ${e.queue} answered by ${e.agent}`;
    case 'queue-timeout':
      return `queue ${e.queue} timed out`;
    case 'moh-started':
      return `music on hold (${e.mohClass})`;
    case 'moh-stopped':
      return 'music on hold stopped';
    case 'recording-started':
      return `recording ${e.name} (${e.format})`;
    case 'recording-finished':
      return `recording ${e.name} ended: ${(e.durationMs / 1000).toFixed(1)}s (${e.cause})`;
    case 'originated':
      return `originated ${e.endpoint} (${e.channelId})${e.headers ? ` with headers ${JSON.stringify(e.headers)}` : ''}`;
    case 'dial':
      return `dial ${e.endpoint}: ${e.status}`;
    case 'bridged':
      return e.peers.length ? `bridged with ${e.peers.join(', ')}` : `joined bridge ${e.bridgeId}`;
    case 'unbridged':
      return `left bridge ${e.bridgeId}`;
    case 'hangup':
      return `hung up by ${e.by} (cause ${e.cause})`;
    case 'broadcast':
      return e.apps.length ? `offered to ${e.apps.join(', ')} (StasisBroadcast, ${e.timeoutMs} ms)` : `offered to no app (StasisBroadcast, ${e.timeoutMs} ms)`;
    case 'claimed':
      return `claimed by ${e.app}`;
    case 'broadcast-timeout':
      return `not claimed within ${e.timeoutMs} ms`;
    case 'outbound-connected':
      return `connected out to ${e.uri} for app ${e.app}`;
  }
};

/**
 * Human lines for a transcript, as `voxtra call` prints them:
 * `  1.42s  heard sound:hello-world`, `  3.10s  pressed 2`,
 * `  5.00s  hung up by app (cause 16)`. Playback starts are left out; their
 * outcome line says what the caller heard. A text-to-speech phrase whose text
 * the TTS cache keeps beside it reads `said "Press 1 for sales..."`.
 */
export function formatTranscript(entries: readonly TranscriptEntry[]): string[] {
  return entries.filter((e) => e.kind !== 'playback-started').map((e) => `${formatOffset(e.atMs)}  ${describe(e)}`);
}
