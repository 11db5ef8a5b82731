import { randomUUID } from 'node:crypto';

/**
 * Identifier factory. Channel ids follow Asterisk's `<epoch seconds>.<sequence>`
 * shape; channel names use one 8-hex-digit counter per technology, like
 * `PJSIP/sipp-00000001` and `Local/1000@voxtra-in-00000006;2`.
 */
export class IdFactory {
  private channelSeq = 0;
  private readonly nameCounters = new Map<string, number>();
  private protocolSeq = 0;

  constructor(private readonly pid = 19000 + Math.floor(Math.random() * 1000)) {}

  channelId(nowMs: number): string {
    return `${Math.floor(nowMs / 1000)}.${this.channelSeq++}`;
  }

  /** Next name suffix for a technology (`PJSIP`, `Local`). */
  nameSuffix(technology: string): string {
    const n = this.nameCounters.get(technology) ?? 0;
    this.nameCounters.set(technology, n + 1);
    return n.toString(16).padStart(8, '0');
  }

  /** A SIP Call-ID as sipp sends it (`1-19329@127.0.0.1`). */
  inboundCallId(): string {
    return `${++this.protocolSeq}-${this.pid}@127.0.0.1`;
  }

  uuid(): string {
    return randomUUID();
  }
}
