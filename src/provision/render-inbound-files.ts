import { asteriskCommand, headerParts, type HeaderContext } from './file-header';
import { PROVISION_FILES, type GeneratedFile } from './provision-files';
import type { ProvisionPlan } from './provision-plan';
import { httpBinding, renderAriConf, renderEnvFile, renderHttpConf, type AriUser } from './render-ari-http';
import { renderExtensionsConf } from './render-extensions';
import { broadcastHeader } from './render-broadcast-header';

/**
 * The files for Voxtra connecting to Asterisk (a server with `url`): the
 * dialplan, the ARI user, Asterisk's HTTP server and Voxtra's credentials.
 * Pure, so tests can read what a run would write.
 */
export function renderInboundFiles(plan: ProvisionPlan, user: AriUser, url: string, ctx: HeaderContext): GeneratedFile[] {
  const h = headerParts(ctx);
  return [
    {
      name: PROVISION_FILES.extensions,
      mode: 0o644,
      text: renderExtensionsConf(plan, [
        `Voxtra dialplan. ${h.from}`,
        h.regen,
        '',
        'Include it from /etc/asterisk/extensions.conf (at the end) and reload:',
        `  ${h.include(PROVISION_FILES.extensions)}`,
        `  ${asteriskCommand('dialplan reload')}`,
        ...broadcastHeader(plan),
      ]),
    },
    {
      name: PROVISION_FILES.ari,
      mode: 0o640,
      text: renderAriConf(user, [
        `Voxtra's ARI user. ${h.from}`,
        h.regen,
        'The password was generated once and is kept on later runs. Voxtra reads it',
        `from ARI_PASSWORD (see ${PROVISION_FILES.env} beside this file).`,
        '',
        'Include it from /etc/asterisk/ari.conf (at the end. [general] must keep',
        'enabled = yes, the default) and reload:',
        `  ${h.include(PROVISION_FILES.ari)}`,
        `  ${asteriskCommand('module reload res_ari.so')}`,
        'Asterisk must be able to read this file (chown root:asterisk, mode 0640).',
      ]),
    },
    httpFile(url, ctx),
    {
      name: PROVISION_FILES.env,
      mode: 0o600,
      text: renderEnvFile(
        [
          ['ARI_URL', url],
          ['ARI_USERNAME', user.username],
          ['ARI_PASSWORD', user.password],
        ],
        [`Voxtra's ARI credentials for this Asterisk. ${h.from}`, h.regen, ...loadEnvHint(ctx)],
      ),
    },
  ];
}

/** http.conf for Asterisk's HTTP ARI at `url`. */
export function httpFile(url: string, ctx: HeaderContext): GeneratedFile {
  const h = headerParts(ctx);
  return {
    name: PROVISION_FILES.http,
    mode: 0o644,
    text: renderHttpConf(httpBinding(url), [
      `Asterisk's HTTP server, which serves ARI to Voxtra. ${h.from}`,
      h.regen,
      '',
      'These are settings of the [general] section: include the file on the line',
      'right after [general] in /etc/asterisk/http.conf, and restart Asterisk',
      '(or "module reload http"):',
      '  [general]',
      `  ${h.include(PROVISION_FILES.http)}`,
    ]),
  };
}

/** How Voxtra loads voxtra.env. */
export function loadEnvHint(ctx: HeaderContext): string[] {
  return ['Load it before `voxtra run`: systemd EnvironmentFile=, or in a shell:', `  set -a; . ${headerParts(ctx).file(PROVISION_FILES.env)}; set +a`];
}
