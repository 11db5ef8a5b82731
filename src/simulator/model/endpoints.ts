/**
 * How a simulated far end answers an originate or dial:
 * - `answer`: rings `ringMs`, answers; hangs up after `hangupAfterMs` if set;
 * - `busy`: rejects with 486 after `ringMs` (cause 17);
 * - `no-answer`: rings until the originate timeout (cause 19);
 * - `unavailable`: fails at once (CHANUNAVAIL, cause 20).
 */
export interface EndpointBehaviour {
  readonly kind: 'answer' | 'busy' | 'no-answer' | 'unavailable';
  readonly ringMs?: number;
  readonly hangupAfterMs?: number;
}

/** A PJSIP dial target, split the ways chan_pjsip accepts it. */
export interface PjsipTarget {
  /** Endpoint name (`1001` in `PJSIP/1001`, `trunk` in `PJSIP/1001@trunk`). */
  readonly endpoint: string;
  /** What Dial events show as `dialstring` (the part after `PJSIP/`). */
  readonly device: string;
}

export function parsePjsipDevice(device: string): PjsipTarget {
  const beforeSlash = device.split('/')[0];
  const at = beforeSlash.lastIndexOf('@');
  return { endpoint: at >= 0 ? beforeSlash.slice(at + 1) : beforeSlash, device };
}

/** Known PJSIP endpoints and their behaviours. The inbound endpoint exists too. */
export class EndpointRegistry {
  private readonly byKey = new Map<string, EndpointBehaviour>();
  /** Configured endpoints with no reachable contact (Asterisk's default `anonymous`): listed offline, originate fails. */
  private readonly offline = new Set<string>(['anonymous']);

  constructor(
    readonly inboundEndpoint: string,
    initial: Readonly<Record<string, EndpointBehaviour>>,
  ) {
    this.byKey.set(`PJSIP/${inboundEndpoint}`, { kind: 'answer', ringMs: 0 });
    for (const [k, v] of Object.entries(initial)) this.set(k, v);
  }

  isOnline(endpoint: string): boolean {
    return !this.offline.has(endpoint) || [...this.byKey.keys()].some((k) => parsePjsipDevice(k.slice('PJSIP/'.length)).endpoint === endpoint);
  }

  /** `key` is `PJSIP/1001` (or a full dial string such as `PJSIP/1001@trunk`). */
  set(key: string, behaviour: EndpointBehaviour): void {
    this.byKey.set(normalizeKey(key), behaviour);
  }

  /** Behaviour for a dial string, or undefined when the endpoint does not exist. */
  resolve(target: PjsipTarget): EndpointBehaviour | undefined {
    return this.byKey.get(`PJSIP/${target.device}`) ?? this.byKey.get(`PJSIP/${target.endpoint}`);
  }

  /** Endpoint names for GET /endpoints (`sipp`, `1001`, ...). */
  names(): string[] {
    const out = new Set<string>();
    for (const key of this.byKey.keys()) out.add(parsePjsipDevice(key.slice('PJSIP/'.length)).endpoint);
    for (const name of this.offline) out.add(name);
    return [...out];
  }
}

function normalizeKey(key: string): string {
  const slash = key.indexOf('/');
  if (slash < 0) return `PJSIP/${key}`;
  return `PJSIP/${key.slice(slash + 1)}`;
}
