import type { AriEvent, AriOperation, AriParams, AriTransport, TransportState } from '../../../src/ari/transport';
import { requestFailed } from '../../../src/ari/ari-errors';

export interface SentRequest {
  readonly op: AriOperation;
  readonly params: AriParams;
}

type Reply = { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>;

/**
 * An AriTransport scripted by the test: records every request, answers with
 * `reply` (204 by default; error statuses reject like the real transport), and
 * delivers events the test feeds it.
 */
export class ScriptedTransport implements AriTransport {
  readonly name = 'scripted';
  state: TransportState = 'connected';
  readonly sent: SentRequest[] = [];
  reply: (op: AriOperation, params: AriParams) => Reply = () => ({ status: 204 });
  connects: Array<readonly string[]> = [];
  connectImpl: (apps: readonly string[]) => Promise<void> = async () => undefined;
  private readonly events = new Set<(event: AriEvent) => void>();
  private readonly states = new Set<(state: TransportState, detail?: { error?: Error }) => void>();

  async connect(apps: readonly string[]): Promise<void> {
    this.connects.push(apps);
    this.setState('connecting');
    try {
      await this.connectImpl(apps);
    } catch (err) {
      this.setState('disconnected', err as Error);
      throw err;
    }
    this.setState('connected');
  }

  async request<T = unknown>(op: AriOperation, params: AriParams = {}): Promise<T> {
    this.sent.push({ op, params });
    const { status, body } = await this.reply(op, params);
    if (status >= 400) {
      const message = typeof (body as { message?: unknown })?.message === 'string' ? (body as { message: string }).message : 'error';
      throw requestFailed(op, status, message);
    }
    return body as T;
  }

  onEvent(listener: (event: AriEvent) => void): () => void {
    this.events.add(listener);
    return () => this.events.delete(listener);
  }

  onState(listener: (state: TransportState, detail?: { error?: Error }) => void): () => void {
    this.states.add(listener);
    return () => this.states.delete(listener);
  }

  async close(): Promise<void> {
    this.setState('closed');
  }

  /** Delivers events as if they came on the socket. */
  emit(...events: AriEvent[]): void {
    for (const e of events) for (const l of [...this.events]) l(e);
  }

  setState(state: TransportState, error?: Error): void {
    this.state = state;
    for (const l of [...this.states]) l(state, error ? { error } : undefined);
  }

  ops(): AriOperation[] {
    return this.sent.map((s) => s.op);
  }
}
