import net from 'node:net';

/**
 * A TCP relay on 127.0.0.1 (port 0) in front of `target`, standing for the
 * network between Asterisk and Voxtra: {@link drop} resets every connection
 * through it (both ends see the TCP connection reset, no close handshake);
 * {@link cut} does that and refuses new ones until {@link mend}.
 */
export class TcpGate {
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  private open = true;
  /** Connections relayed so far. */
  accepted = 0;
  /** Connections turned away while cut. */
  refused = 0;

  private constructor(private readonly server: net.Server) {}

  static async start(target: { host: string; port: number }): Promise<TcpGate> {
    const server = net.createServer();
    const gate = new TcpGate(server);
    server.on('connection', (client) => gate.relay(client, target));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return gate;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Connections relayed now. */
  get connections(): number {
    return this.pairs.size;
  }

  /** Resets every relayed connection and refuses new ones. */
  cut(): void {
    this.open = false;
    this.drop();
  }

  /** Resets every relayed connection; new ones are relayed (a blip: a network or load balancer resetting its connections). */
  drop(): number {
    const n = this.pairs.size;
    for (const [a, b] of this.pairs) {
      a.resetAndDestroy();
      b.resetAndDestroy();
    }
    this.pairs.clear();
    return n;
  }

  /** Relays new connections again. */
  mend(): void {
    this.open = true;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: net.Socket, target: { host: string; port: number }): void {
    if (!this.open) {
      this.refused++;
      client.resetAndDestroy();
      return;
    }
    this.accepted++;
    const upstream = net.connect(target.port, target.host);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    this.pairs.add(pair);
    const end = (): void => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
