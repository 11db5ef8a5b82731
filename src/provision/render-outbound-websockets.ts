import { commentLines } from './conf-text';
import type { OutboundPlan } from './outbound-plan';

function why(plan: OutboundPlan, app: string, client: string): string[] {
  if (plan.connection === 'per_call') {
    return [
      `app ${app}: each call that reaches Stasis(${app}) opens its own WebSocket to Voxtra (websocket_client ${client}),`,
      `named ${app}:<channel name>. res_ari registers app ${app} from this section and creates the dialplan`,
      `context stasis-${app} (_. runs Stasis(${app})) itself. extensions.conf does not use it: it has no fallback.`,
    ];
  }
  return [
    `app ${app}: Asterisk keeps one WebSocket open to Voxtra (websocket_client ${client}) and registers app ${app}`,
    'on it. While it is down, calls wait in Stasis and their events are queued for the next connection.',
  ];
}

/**
 * ari.conf sections for a `listen` server: one `type = outbound_websocket`
 * per app, each with its own websocket_client (Asterisk lets one section
 * serve an app name, and a persistent section holds one socket), acting as
 * the plan's ARI user. `subscribe_all = no`: each socket gets only its
 * app's events.
 */
export function renderOutboundWebsockets(plan: OutboundPlan): string[] {
  const lines: string[] = [];
  for (const { app, websocketClientId } of plan.apps) {
    lines.push(
      ...commentLines(why(plan, app, websocketClientId)),
      `[${app}]`,
      'type = outbound_websocket',
      `websocket_client_id = ${websocketClientId}`,
      `apps = ${app}`,
      `local_ari_user = ${plan.ariUser}`,
      'subscribe_all = no',
      '',
    );
  }
  return lines;
}
