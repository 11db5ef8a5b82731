import { isIPv4, isIPv6 } from 'node:net';
import { VoxtraError } from '../core/errors';

/** A parsed `host:port` listen setting. */
export interface ListenAddress {
  /** An IPv4 or IPv6 literal (IPv6 without brackets). */
  host: string;
  /** 0 asks the OS for a free port. */
  port: number;
}

const IPV4_FORM = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/;
const IPV6_FORM = /^\[([0-9A-Fa-f:.]+)\]:(\d{1,5})$/;

/**
 * Parses `127.0.0.1:9464` or `[::1]:9464`. Host names are refused on purpose:
 * `localhost` may resolve to either family, and the ops port should bind
 * exactly where the config says. Throws `VoxtraError('CONFIG_INVALID')`.
 */
export function parseListen(text: string): ListenAddress {
  const v4 = IPV4_FORM.exec(text);
  const v6 = v4 ? null : IPV6_FORM.exec(text);
  const host = v4?.[1] ?? v6?.[1];
  const port = Number((v4 ?? v6)?.[2]);
  if (host === undefined || (v4 ? !isIPv4(host) : !isIPv6(host))) {
    throw new VoxtraError('CONFIG_INVALID', `invalid listen address "${text}": expected IPv4:port (127.0.0.1:9464) or [IPv6]:port ([::1]:9464)`, { listen: text });
  }
  if (port > 65535) throw new VoxtraError('CONFIG_INVALID', `invalid listen address "${text}": port must be 0-65535`, { listen: text });
  return { host, port };
}

/** Formats an address back to `host:port`, bracketing IPv6. */
export function formatListen({ host, port }: ListenAddress): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
