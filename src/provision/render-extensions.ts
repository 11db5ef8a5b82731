import { commentLines, confComment } from './conf-text';
import { CATCH_ALL_EXTENSIONS, QUEUE_CATCH_ALL } from './dialplan-extension';
import { describeFallback, type Fallback } from './fallback';
import type { AppPlan, ProvisionPlan, QueuesPlan } from './provision-plan';

/** Lines of one extension that enters the app: Stasis, then the fallback when the app is not there. */
function stasisLines(exten: string, app: AppPlan): string[] {
  return [
    `exten => ${exten},1,Stasis(${app.app},\${EXTEN})`,
    ` same => n,GotoIf($["\${STASISSTATUS}" = "FAILED"]?${app.fallbackContext},s,1)`,
    ' same => n,Hangup()',
  ];
}

function fallbackLines(f: Fallback, app: AppPlan): string[] {
  const first = `exten => s,1,NoOp(Voxtra app ${app.app} is not connected: ${describeFallback(f).replace(/[,()]/g, ' ')})`;
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

function appSection(app: AppPlan): string[] {
  const out: string[] = [
    `; ---- app ${confComment(app.app)} `.padEnd(78, '-'),
    ...commentLines([
      `Calls to the DIDs of app "${app.app}" enter Stasis(${app.app}) with the dialled extension as argument.`,
      `When Voxtra is not connected, Stasis() fails at once (STASISSTATUS=FAILED) and the call`,
      `goes to ${app.fallbackContext} (${describeFallback(app.fallback)}).`,
      `Point the app's trunks or endpoints here: context=${app.inboundContext} in pjsip.conf.`,
    ]),
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
