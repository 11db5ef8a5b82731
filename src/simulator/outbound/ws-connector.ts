import { randomBytes } from 'node:crypto';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { WebSocket } from 'ws';
import type { ConnectFailure, ConnectHandlers, OutboundConnector, OutboundLink } from './connector';
import type { ResolvedOutboundConfig } from './outbound-config';

/**
 * The upgrade request res_websocket_client writes, header for header and in
 * its order: Sec-WebSocket-Version, Upgrade, Connection, Host,
 * Authorization (with a username), Sec-WebSocket-Protocol (with protocols),
 * Sec-WebSocket-Key. `ws` fills in Version, Key, Connection and Upgrade
 * itself; assigning keys that already exist keeps their place.
 */
function upgradeHeaders(cfg: ResolvedOutboundConfig): Record<string, string> {
  const url = new URL(cfg.uri);
  const headers: Record<string, string> = {
    'Sec-WebSocket-Version': '13',
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    Host: url.host,
  };
  if (cfg.username !== '') headers.Authorization = `Basic ${Buffer.from(`${cfg.username}:${cfg.password}`).toString('base64')}`;
  if (cfg.protocols !== '') headers['Sec-WebSocket-Protocol'] = cfg.protocols;
  headers['Sec-WebSocket-Key'] = randomBytes(16).toString('base64');
  return headers;
}

const refused = (detail: string): ConnectFailure => ({ kind: 'refused', asteriskResult: 'Client start error (Transport endpoint is not connected)', detail });

/** Connects with `ws` (TLS for wss://, with the configured CA and verification). */
export const wsConnector: OutboundConnector = {
  connect(cfg: ResolvedOutboundConfig, h: ConnectHandlers) {
    let settled = false;
    let opened = false;
    const protocols = cfg.protocols === '' ? [] : cfg.protocols.split(',').map((p) => p.trim());
    const ws = new WebSocket(cfg.uri, protocols, {
      headers: upgradeHeaders(cfg),
      perMessageDeflate: false,
      handshakeTimeout: cfg.connectionTimeoutMs,
      followRedirects: false,
      ...(cfg.tls?.ca !== undefined ? { ca: cfg.tls.ca as string | string[] } : {}),
      ...(cfg.tls?.rejectUnauthorized !== undefined ? { rejectUnauthorized: cfg.tls.rejectUnauthorized } : {}),
    });
    const fail = (f: ConnectFailure): void => {
      if (settled) return;
      settled = true;
      h.onFail(f);
    };
    ws.on('unexpected-response', (req: ClientRequest, res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      res.resume();
      req.destroy();
      fail({ kind: 'status', status, asteriskResult: status === 401 ? 'Unauthorized (Operation now in progress)' : 'Invalid response code (Operation now in progress)', detail: `HTTP ${status}` });
    });
    ws.on('error', (err: Error & { code?: string }) => {
      if (opened) return;
      if (/handshake has timed out/i.test(err.message)) fail({ kind: 'timeout', asteriskResult: 'Client start error (Connection timed out)', detail: err.message });
      else if (err.code === 'ECONNREFUSED' || err.code === 'ECONNRESET') fail(refused(err.message));
      else fail({ kind: 'error', asteriskResult: `Client start error (${err.message})`, detail: err.message });
    });
    ws.on('open', () => {
      if (settled) {
        ws.terminate();
        return;
      }
      settled = true;
      opened = true;
      const link: OutboundLink = {
        send: (text) => {
          if (ws.readyState === WebSocket.OPEN) ws.send(text);
        },
        close: (code) => ws.close(code),
        terminate: () => ws.terminate(),
      };
      h.onOpen(link);
    });
    ws.on('message', (data, isBinary) => h.onMessage(String(data), isBinary));
    ws.on('close', (code) => {
      if (opened) h.onClose(code, code === 1006);
      else fail(refused(`closed before the upgrade (${code})`));
    });
    return {
      cancel: () => {
        settled = true;
        if (ws.readyState === WebSocket.OPEN) ws.close(1000);
        else ws.terminate();
      },
    };
  },
};
