import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the runtime POSTed to the router. */
export interface RouterRequest {
  readonly call_id: string;
  readonly from: string;
  readonly to: string;
  readonly extension: string;
  readonly number: string;
  readonly app: string;
  readonly args: string[];
  readonly [key: string]: unknown;
}

/** How the test router answers one request: a JSON body, optionally late. */
export interface RouterReply {
  readonly body: unknown;
  readonly delayMs?: number;
}

/** A test HTTP router (the RustPBX protocol) on 127.0.0.1, port 0. */
export interface TestRouter {
  readonly url: string;
  readonly requests: RouterRequest[];
  close(): Promise<void>;
}

export async function startTestRouter(reply: (req: RouterRequest) => RouterReply): Promise<TestRouter> {
  const requests: RouterRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8').on('data', (t: string) => (text += t));
    req.on('end', () => {
      const body = JSON.parse(text) as RouterRequest;
      requests.push(body);
      const answer = reply(body);
      const send = (): void => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      };
      if (!answer.delayMs) return send();
      const t = setTimeout(() => {
        timers.delete(t);
        send();
      }, answer.delayMs);
      timers.add(t);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/decision`,
    requests,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
