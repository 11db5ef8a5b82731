import { asteriskCommand, headerParts, type HeaderContext } from './file-header';
import type { OutboundPlan } from './outbound-plan';
import { PROVISION_FILES, type GeneratedFile } from './provision-files';
import type { ProvisionPlan } from './provision-plan';
import { renderAriConf, renderEnvFile, type AriUser } from './render-ari-http';
import { renderExtensionsConf } from './render-extensions';
import { renderOutboundWebsockets } from './render-outbound-websockets';
import { renderWebsocketClientConf } from './render-websocket-client';
import { httpFile, loadEnvHint } from './render-inbound-files';

const KIND = { per_call: 'one WebSocket per call', persistent: 'one persistent WebSocket per app' } as const;

/**
 * The files for Asterisk connecting to Voxtra (a server with `listen`):
 * websocket_client.conf, ari.conf (outbound_websocket sections and the ARI
 * user they act as), the dialplan, http.conf when the server also has
 * `url`, and Voxtra's credentials. Pure.
 */
export function renderOutboundFiles(plan: ProvisionPlan, outbound: OutboundPlan, user: AriUser, wsPassword: string, ctx: HeaderContext): GeneratedFile[] {
  const h = headerParts(ctx);
  const reloadClient = `  ${asteriskCommand('module reload res_websocket_client.so')}`;
  const reloadAri = `  ${asteriskCommand('module reload res_ari.so')}`;
  const files: GeneratedFile[] = [
    {
      name: PROVISION_FILES.extensions,
      mode: 0o644,
      text: renderExtensionsConf(plan, [
        `Voxtra dialplan (ARI server ${outbound.server}: Asterisk connects to Voxtra, ${KIND[outbound.connection]}). ${h.from}`,
        h.regen,
        '',
        `Include it from /etc/asterisk/extensions.conf (at the end) and reload, after ${PROVISION_FILES.websocketClient}`,
        `and ${PROVISION_FILES.ari} (a call reaching Stasis() before they are loaded gets the fallback):`,
        `  ${h.include(PROVISION_FILES.extensions)}`,
        `  ${asteriskCommand('dialplan reload')}`,
      ]),
    },
    {
      name: PROVISION_FILES.websocketClient,
      mode: 0o640,
      text: renderWebsocketClientConf(outbound, wsPassword, [
        `How Asterisk connects to Voxtra (ARI server ${outbound.server}, ${KIND[outbound.connection]}). ${h.from}`,
        h.regen,
        'The password was generated once and is kept on later runs. Voxtra reads it',
        `from VOXTRA_WS_PASSWORD (see ${PROVISION_FILES.env} beside this file).`,
        'Needs Asterisk 20.15, 21.10, 22.5 or later (res_websocket_client, outbound WebSockets).',
        '',
        'Include it from /etc/asterisk/websocket_client.conf (at the end, creating that file',
        'when it is missing) and reload:',
        `  ${h.include(PROVISION_FILES.websocketClient)}`,
        reloadClient,
        'Asterisk must be able to read this file (chown root:asterisk, mode 0640).',
      ]),
    },
    {
      name: PROVISION_FILES.ari,
      mode: 0o640,
      text: renderAriConf(
        user,
        [
          `Voxtra's outbound WebSockets (ARI server ${outbound.server}) and the ARI user their requests act as. ${h.from}`,
          h.regen,
          'One type = outbound_websocket section per app, each using the websocket_client of the',
          `same name plus "-ws" in ${PROVISION_FILES.websocketClient}. Requests over the sockets act as the`,
          `ARI user ${outbound.ariUser} (local_ari_user). Its password was generated once and is kept on later`,
          `runs (ARI_PASSWORD in ${PROVISION_FILES.env}). ${outbound.url !== undefined ? `Voxtra also uses it for Asterisk's HTTP ARI` : 'Voxtra does not use it, but res_ari needs'}`,
          outbound.url !== undefined ? `at ${outbound.url}.` : 'the user to exist, with a plain-text password.',
          '',
          'Include it from /etc/asterisk/ari.conf (at the end. [general] must keep',
          `enabled = yes, the default) and reload, after ${PROVISION_FILES.websocketClient}:`,
          `  ${h.include(PROVISION_FILES.ari)}`,
          reloadClient,
          reloadAri,
          'Asterisk must be able to read this file (chown root:asterisk, mode 0640).',
        ],
        renderOutboundWebsockets(outbound),
      ),
    },
  ];
  if (outbound.url !== undefined) files.push(httpFile(outbound.url, ctx));
  files.push({
    name: PROVISION_FILES.env,
    mode: 0o600,
    text: renderEnvFile(
      [
        ...(outbound.url !== undefined ? ([['ARI_URL', outbound.url]] as const) : []),
        ['ARI_USERNAME', user.username],
        ['ARI_PASSWORD', user.password],
        ['VOXTRA_WS_PASSWORD', wsPassword],
      ],
      [
        `Voxtra's credentials for this Asterisk: the password its websocket_client.conf presents to`,
        `Voxtra (VOXTRA_WS_PASSWORD) and the ARI user (ARI_*). ${h.from}`,
        h.regen,
        ...loadEnvHint(ctx),
      ],
    ),
  });
  return files;
}
