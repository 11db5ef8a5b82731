import { commentLines } from './conf-text';
import type { OutboundPlan } from './outbound-plan';

const CONNECTION_TYPE = { per_call: 'per_call_config', persistent: 'persistent' } as const;

function tlsLines(plan: OutboundPlan): string[] {
  if (!plan.tls) return [];
  return [
    'tls_enabled = yes',
    plan.caFile !== undefined
      ? `ca_list_file = ${plan.caFile}`
      : "; ca_list_file = /etc/asterisk/keys/voxtra-ca.pem   ; when Voxtra's certificate is not from a CA Asterisk trusts (--ca-file)",
    'verify_server_cert = yes',
    'verify_server_hostname = yes',
  ];
}

/**
 * websocket_client.conf: per app, how Asterisk reaches Voxtra's listener
 * (res_websocket_client; the option names of Asterisk 22.10.1's
 * websocket_client.conf.sample). Every section presents the same
 * credentials; the timings are explained in the file.
 */
export function renderWebsocketClientConf(plan: OutboundPlan, password: string, header: readonly string[]): string {
  const t = plan.timings;
  const lines = [...commentLines(header), '', ...commentLines(t.why)];
  if (plan.tls) {
    lines.push(
      ...commentLines([
        'TLS: Asterisk checks that Voxtra\'s certificate comes from a CA it trusts and names the',
        "uri's host. Set ca_list_file for a private CA or a self-signed certificate.",
      ]),
    );
  }
  for (const { app, websocketClientId } of plan.apps) {
    lines.push(
      '',
      `; app ${app} (ari.conf [${app}])`,
      `[${websocketClientId}]`,
      'type = websocket_client',
      `connection_type = ${CONNECTION_TYPE[plan.connection]}`,
      `uri = ${plan.uri}`,
      'protocols = ari',
      `username = ${plan.username}`,
      `password = ${password}`,
      `connection_timeout = ${t.connectionTimeoutMs}`,
      `reconnect_interval = ${t.reconnectIntervalMs}`,
      `reconnect_attempts = ${t.reconnectAttempts}`,
      ...tlsLines(plan),
    );
  }
  lines.push('');
  return lines.join('\n');
}
