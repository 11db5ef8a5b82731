import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parseDuration } from '../../core/duration';
import { CONTROL_PREFIX, type BroadcastTarget, type PlaceCallOptions, type ScriptStep } from '../../simulator';
import { EXIT, type CliContext } from '../cli-context';
import { parseDtmfScript } from '../dtmf-script';
import { SIMULATOR_STATE_FILE, type SimulatorState } from '../simulator-state';

interface CallOptions {
  from?: string;
  name?: string;
  dtmf?: string;
  app?: string;
  context?: string;
  broadcast?: string | boolean;
  fallback?: string | boolean;
  header?: string[];
  url?: string;
  timeout: string;
  json?: boolean;
}

/**
 * The caller id of `voxtra call` when --from is not given: a fictional number
 * no shipped route or rule claims (the example flows send numbers ending in 0
 * to sales), so an unrouted extension reaches the app's default, as the
 * README's quick start says; the same caller the shipped scenarios use.
 */
export const DEFAULT_CALLER = '+15550101';

/** `voxtra call <extension>`: places a call on a running simulator and prints what the caller experienced. */
export function registerCall(program: Command, ctx: CliContext): void {
  program
    .command('call')
    .description('Place a call on a running `voxtra run --simulator` and print what the caller experienced.')
    .argument('<extension>', 'the dialled extension or number')
    .option('--from <number>', 'calling number (caller id)', DEFAULT_CALLER)
    .option('--name <name>', 'caller name')
    .option('--dtmf <script>', 'what the caller presses, e.g. "1500ms:2,#" (delay:digits, counted from the previous item; "5s:hangup" hangs up)')
    .option('--app <name>', 'Stasis app to call (default: the first app)')
    .option('--context <name>', 'dialplan context the call arrives in (default: voxtra-in)')
    .option('--broadcast [spec]', 'offer the call with StasisBroadcast(timeout_ms,app_filter,colon:separated:args,notify_claimed), e.g. "3000,^voxtra-,sales,yes"')
    .option('--fallback [sound]', 'when Stasis()/StasisBroadcast() returns without SUCCESS, play this sound (default beep) before hanging up')
    .option('--header <name=value...>', 'SIP header on the incoming call (repeatable)')
    .option('--url <url>', `simulator URL (default: from ${SIMULATOR_STATE_FILE}, else http://127.0.0.1:8088)`)
    .option('--timeout <duration>', 'give up waiting for the call to end after this long', '2m')
    .option('--json', 'print the transcript as JSON')
    .action(async (extension: string, opts: CallOptions) => {
      ctx.exitCode = await call(extension, opts, ctx);
    });
}

async function call(extension: string, opts: CallOptions, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  const timeoutMs = parseDuration(opts.timeout);
  if (timeoutMs === undefined) return usage(ctx, `--timeout "${opts.timeout}" is not a duration`);
  let script: ScriptStep[] = [];
  if (opts.dtmf !== undefined) {
    const parsed = parseDtmfScript(opts.dtmf);
    if ('error' in parsed) return usage(ctx, `--dtmf: ${parsed.error}`);
    script = parsed.steps;
  }
  const headers: Record<string, string> = {};
  for (const h of opts.header ?? []) {
    const eq = h.indexOf('=');
    if (eq <= 0) return usage(ctx, `--header "${h}" must look like Name=value`);
    headers[h.slice(0, eq)] = h.slice(eq + 1);
  }
  const target = await simulatorTarget(io.cwd, opts.url);
  const auth = `Basic ${Buffer.from(`${target.username}:${target.password}`).toString('base64')}`;
  const broadcast = opts.broadcast === undefined || opts.broadcast === false ? undefined : parseBroadcast(opts.broadcast === true ? '' : opts.broadcast);
  if (broadcast && 'error' in broadcast) return usage(ctx, `--broadcast: ${broadcast.error}`);
  if (broadcast && opts.app) return usage(ctx, '--broadcast and --app exclude each other (the broadcast offers the call to the apps)');
  const body: PlaceCallOptions = {
    extension,
    callerNumber: opts.from,
    ...(opts.name ? { callerName: opts.name } : {}),
    ...(opts.app ? { app: opts.app } : {}),
    ...(opts.context ? { context: opts.context } : {}),
    ...(broadcast ? { target: { broadcast } } : {}),
    ...(opts.fallback !== undefined ? { fallback: opts.fallback } : {}),
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(script.length ? { script } : {}),
  };
  let placed: Response;
  try {
    placed = await fetch(`${target.url}${CONTROL_PREFIX}/calls`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (err) {
    io.stderr(`voxtra: cannot reach the simulator at ${target.url} (${(err as Error).message}). Start it with: npx voxtra run flows/ --simulator\n`);
    return EXIT.problems;
  }
  if (placed.status !== 201) {
    io.stderr(`voxtra: the simulator refused the call (${placed.status}): ${await placed.text()}\n`);
    return EXIT.problems;
  }
  const { channelId } = (await placed.json()) as { channelId: string };
  const done = await fetch(`${target.url}${CONTROL_PREFIX}/calls/${encodeURIComponent(channelId)}/wait?timeoutMs=${timeoutMs}`, { headers: { authorization: auth } });
  const transcript = (await done.json()) as { lines?: string[]; entries?: unknown[]; message?: string };
  if (done.status !== 200) {
    io.stderr(`voxtra: ${transcript.message ?? `waiting for the call failed (${done.status})`}\n`);
    return EXIT.problems;
  }
  if (opts.json) io.stdout(`${JSON.stringify(transcript, null, 2)}\n`);
  else io.stdout(`call ${channelId} to ${extension} from ${opts.from}\n${(transcript.lines ?? []).join('\n')}\n`);
  const unclaimed = (transcript.entries ?? []).some((e) => (e as { kind?: unknown }).kind === 'broadcast-timeout');
  if (unclaimed) {
    io.stderr('voxtra: no app claimed the call (StasisBroadcast timed out): start a runtime whose app matches the filter and takes part in broadcasts.\n');
    return EXIT.problems;
  }
  const refused = (transcript.entries ?? []).find((e): e is { kind: 'stasis-failed'; app: string } => (e as { kind?: unknown }).kind === 'stasis-failed');
  if (refused) {
    // What Asterisk does too (Stasis() fails when no client holds the app), but a newcomer needs to know why.
    io.stderr(`voxtra: no runtime holds app "${refused.app}" on this simulator: the call never reached Voxtra. Start one (npx voxtra run flows/ --simulator) and call once it logs "handling calls", or name the right app with --app.\n`);
    return EXIT.problems;
  }
  return EXIT.ok;
}

async function simulatorTarget(cwd: string, url: string | undefined): Promise<{ url: string; username: string; password: string }> {
  if (url) return { url: url.replace(/\/+$/, ''), username: 'voxtra', password: 'voxtra' };
  try {
    const state = JSON.parse(await fs.readFile(path.join(cwd, SIMULATOR_STATE_FILE), 'utf8')) as SimulatorState;
    return { url: state.url, username: state.username, password: state.password };
  } catch {
    return { url: 'http://127.0.0.1:8088', username: 'voxtra', password: 'voxtra' };
  }
}

/** `timeout_ms,app_filter,colon:separated:args,notify_claimed`, every part optional, as StasisBroadcast() takes them. */
function parseBroadcast(spec: string): BroadcastTarget | { error: string } {
  const [timeout = '', appFilter = '', args = '', notify = ''] = spec === '' ? [] : spec.split(',');
  if (timeout !== '' && !/^\d+$/.test(timeout)) return { error: `"${timeout}" is not a timeout in ms` };
  return {
    ...(timeout !== '' ? { timeoutMs: Number(timeout) } : {}),
    ...(appFilter !== '' ? { appFilter } : {}),
    ...(args !== '' ? { args: args.split(':') } : {}),
    ...(notify !== '' ? { notifyClaimed: /^(yes|true|y|t|1|on)$/i.test(notify) } : {}),
  };
}

function usage(ctx: CliContext, message: string): number {
  ctx.io.stderr(`voxtra: ${message}\n`);
  return EXIT.usage;
}
