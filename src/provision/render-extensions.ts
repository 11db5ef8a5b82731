import { commentLines, confComment } from './conf-text';
import { CATCH_ALL_EXTENSIONS, QUEUE_CATCH_ALL } from './dialplan-extension';
import { describeFallback, type Fallback } from './fallback';
import type { AppPlan, ProvisionPlan, QueuesPlan } from './provision-plan';

/** Lines of one extension that enters the app: Stasis or StasisBroadcast, then the fallback when the app did not take the call. */
function stasisLines(exten: string, app: AppPlan): string[] {
  const fallback = (status: string): string => ` same => n,GotoIf($["\${STASISSTATUS}" = "${status}"]?${app.fallbackContext},s,1)`;
  if (app.entry.kind === 'broadcast') {
    return [`exten => ${exten},1,StasisBroadcast(${app.entry.timeoutMs},${app.entry.filter},\${EXTEN},yes)`, fallback('TIMEOUT'), fallback('FAILED'), ' same => n,Hangup()'];
  }
  return [`exten => ${exten},1,Stasis(${app.app},\${EXTEN})`, fallback('FAILED'), ' same => n,Hangup()'];
}

function fallbackLines(f: Fallback, app: AppPlan): string[] {
  const why = app.entry.kind === 'broadcast' ? 'was not claimed' : 'is not connected';
  const first = `exten => s,1,NoOp(Voxtra app ${app.app} ${why}: ${describeFallback(f).replace(/[,()]/g, ' ')})`;
  switch (f.kind) {
    case 'sound':
      return [first, ' same => n,Answer()', ` same => n,Playback(${f.sound})`, ' same => n,Hangup()'];
    case 'hangup':
      return [first, ' same => n,Hangup()'];
    case 'queue':
      return [first, ` same => n,Goto(${app.queuesContext},${f.queue},1)`];
    case 'dialplan':
      return [first, ` same => n,Goto(${f.context},${f.extension},${f.priority})`];
  }
}

/** What the comment above an app's inbound context says about how calls enter it and when they fall back. */
function entryComment(app: AppPlan): string[] {
  const fallback = `the call goes to ${app.fallbackContext} (${describeFallback(app.fallback)}).`;
  const e = app.entry;
  if (e.kind === 'broadcast') {
    return [
      `Calls to the DIDs of app "${app.app}" are offered with StasisBroadcast to every replica of its pool`,
      `(Stasis apps matching ${e.filter}: each replica registers ${app.app}-<instance>). The first claim wins,`,
      'and the call enters Stasis with the dialled extension as argument. When nobody claims it within',
      `${e.timeoutMs} ms (STASISSTATUS=TIMEOUT) or the winner cannot take it (FAILED),`,
      fallback,
    ];
  }
  const enter = `Calls to the DIDs of app "${app.app}" enter Stasis(${app.app}) with the dialled extension as argument.`;
  switch (e.connection) {
    case 'inbound':
      return [enter, 'When Voxtra is not connected, Stasis() fails at once (STASISSTATUS=FAILED) and the call', `goes to ${app.fallbackContext} (${describeFallback(app.fallback)}).`];
    case 'per_call':
      return [
        enter,
        `Each call opens its own WebSocket to Voxtra (ari.conf [${app.app}], connection_type per_call_config).`,
        'When no Voxtra replica answers, Stasis() returns STASISSTATUS=FAILED once Asterisk has',
        'given up connecting (about 2.5 s with the websocket_client.conf beside this file) and',
        fallback,
      ];
    case 'persistent':
      return [
        enter,
        `They travel on Asterisk's one WebSocket to Voxtra (ari.conf [${app.app}], connection_type persistent):`,
        'while Voxtra is away they wait in Stasis until it is back. Stasis() fails (STASISSTATUS=FAILED)',
        `only when app ${app.app} is not registered (ari.conf not loaded), and`,
        fallback,
      ];
  }
}

function appSection(app: AppPlan): string[] {
  const out: string[] = [
    `; ---- app ${confComment(app.app)} `.padEnd(78, '-'),
    ...commentLines([...entryComment(app), `Point the app's trunks or endpoints here: context=${app.inboundContext} in pjsip.conf.`]),
    `[${app.inboundContext}]`,
  ];
  for (const did of app.dids) {
    out.push(`; route${did.routes.length > 1 ? 's' : ''} ${confComment(did.routes.join(', '))}`);
    out.push(...stasisLines(did.extension, app));
  }
  if (app.catchAll) {
    const why = app.viaCatchAll.length > 0 ? `for ${app.viaCatchAll.join(', ')}` : 'requested with --catch-all';
    out.push(`; catch-all (any number, optionally with +): ${confComment(why)}`);
    for (const exten of CATCH_ALL_EXTENSIONS) out.push(...stasisLines(exten, app));
  }
  if (app.dids.length === 0 && !app.catchAll) out.push('; no extension: no route names a DID, and --no-catch-all was given');
  out.push('', `[${app.fallbackContext}]`, ...fallbackLines(app.fallback, app), '');
  return out;
}

function queueLines(exten: string): string[] {
  return [
    `exten => ${exten},1,NoOp(Voxtra queue \${EXTEN} for \${CALLERID(num)})`,
    ' same => n,Queue(${EXTEN})',
    ' same => n,Hangup()',
  ];
}

function queuesSection(q: QueuesPlan): string[] {
  const out: string[] = [
    `; ---- queues: ${confComment(q.context)} `.padEnd(78, '-'),
    ...commentLines([
      'transfer_to_queue continues here with the queue name as extension, and the call',
      'carries VOXTRA_QUEUE and one VOXTRA_<KEY> channel variable per metadata entry.',
      'The queues themselves are defined in queues.conf.',
    ]),
    `[${q.context}]`,
  ];
  for (const name of q.queues) out.push(...queueLines(name));
  if (q.catchAll) {
    out.push('; any other queue name a template or the HTTP router may produce');
    for (const exten of QUEUE_CATCH_ALL) out.push(...queueLines(exten));
  }
  if (q.queues.length === 0 && !q.catchAll) out.push('; no flow transfers to a queue');
  out.push('');
  return out;
}

/** The extensions.conf Voxtra needs: per app an inbound and a fallback context, then the queues contexts. */
export function renderExtensionsConf(plan: ProvisionPlan, header: readonly string[]): string {
  const out: string[] = [...commentLines(header), ''];
  for (const app of plan.apps) out.push(...appSection(app));
  for (const q of plan.queues) out.push(...queuesSection(q));
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
