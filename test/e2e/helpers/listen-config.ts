/** The credentials the simulator presents to the replicas' listen servers (websocket_client.conf username/password). */
export const WS_AUTH = { username: 'asterisk', password: 'ws-secret' } as const;

/** The environment the replicas read their listen password from (`${VOXTRA_WS_PASSWORD}` in the config). */
export const LISTEN_ENV = { VOXTRA_WS_PASSWORD: WS_AUTH.password } as const;

/**
 * A replica's voxtra.config.yaml with one `listen` server `edge` (path
 * `/voxtra`) for app `shop`, its ops server on `opsPort`, everything on the
 * loopback. A persistent connection needs Asterisk's HTTP ARI (`url`, user
 * voxtra/voxtra: the simulator's).
 */
export function listenConfig(o: { listenPort: number; opsPort: number; flows: string; connection: 'per_call' | 'persistent'; url?: string }): string {
  return [
    'app: shop',
    `flows: ${o.flows}`,
    `http: { listen: 127.0.0.1:${o.opsPort} }`,
    'ari:',
    '  - name: edge',
    `    listen: 127.0.0.1:${o.listenPort}`,
    '    path: /voxtra',
    `    username: ${WS_AUTH.username}`,
    '    password: ${VOXTRA_WS_PASSWORD}',
    `    connection: ${o.connection}`,
    ...(o.url ? [`    url: ${o.url}`, '    ari_username: voxtra', '    ari_password: voxtra'] : []),
    'runtime: { shutdown: { grace: 20s } }',
    '',
  ].join('\n');
}
