import type { ChannelInfo } from '../control/call-control';

/** Parses ARI's Channel JSON (from StasisStart, `GET /channels`, ...) into {@link ChannelInfo}. */
export function parseChannelInfo(raw: unknown): ChannelInfo {
  const ch = asRecord(raw);
  const caller = asRecord(ch.caller);
  const connected = asRecord(ch.connected);
  const dialplan = asRecord(ch.dialplan);
  const priority = Number(dialplan.priority);
  return {
    id: str(ch.id),
    name: str(ch.name),
    state: str(ch.state),
    callerNumber: str(caller.number),
    callerName: str(caller.name),
    connectedNumber: str(connected.number),
    extension: str(dialplan.exten),
    context: str(dialplan.context),
    priority: Number.isFinite(priority) ? priority : 0,
    language: str(ch.language),
    protocolId: str(ch.protocol_id),
    creationTime: str(ch.creationtime),
  };
}

/**
 * The Stasis app and arguments a channel runs, from its dialplan location
 * (`app_name: "Stasis"`, `app_data: "voxtra,1000"`). Used after a reconnect,
 * when no StasisStart will be replayed. Asterisk splits `app_data` on commas
 * the same way, so this matches the `args` a StasisStart would have had.
 */
export function stasisAppOf(raw: unknown): { app: string; args: string[] } | undefined {
  const dialplan = asRecord(asRecord(raw).dialplan);
  if (str(dialplan.app_name).toLowerCase() !== 'stasis') return undefined;
  const [app, ...args] = str(dialplan.app_data).split(',');
  return app ? { app, args } : undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
