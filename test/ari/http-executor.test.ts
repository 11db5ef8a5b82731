import http from 'node:http';
import { CancelSource } from '../../src/core/cancel-source';
import { executeHttpRequest } from '../../src/ari/http-executor';
import { LocalHttpServer } from '../helpers/local-http-server';

describe('executeHttpRequest', () => {
  let server: LocalHttpServer;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  beforeAll(async () => {
    server = await LocalHttpServer.start();
  });
  afterAll(async () => {
    agent.destroy();
    await server.close();
  });

  const get = (path: string) => {
    const { port } = new URL(server.url);
    return executeHttpRequest({ protocol: 'http:', hostname: '127.0.0.1', port, method: 'GET', path, headers: {} }, agent, new CancelSource());
  };

  it('reads a body sent in several chunks whole, a character split between two chunks included', async () => {
    const bytes = Buffer.from('{"name":"Zoë ☎"}');
    const split = bytes.indexOf(Buffer.from('☎')) + 1; // inside the three bytes of ☎
    server.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(bytes.subarray(0, split));
      setTimeout(() => res.end(bytes.subarray(split)), 20);
    };
    await expect(get('/split')).resolves.toEqual({ status: 200, body: '{"name":"Zoë ☎"}' });
  });

  it('gives an empty body for an answer without one', async () => {
    server.handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    await expect(get('/empty')).resolves.toEqual({ status: 204, body: '' });
  });
});
