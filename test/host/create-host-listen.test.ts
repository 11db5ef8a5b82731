/** The host with a listen server: it binds before taking calls, and refuses to start when it cannot listen or read its TLS files. */
import * as net from 'node:net';
import { createHost } from '../../src/host';
import { memoryLogger } from '../../src/core/logger';
import { tempProject } from '../config/temp-project';
import { compileFolder } from '../runtime/helpers/runtime-harness';

const FLOWS = 'default: [answer, hangup]\n';

async function project(ari: string): Promise<Awaited<ReturnType<typeof compileFolder>>> {
  return compileFolder(tempProject({ 'voxtra.config.yaml': `app: shop\nflows: flows/\nari:\n${ari}`, 'flows/main.yaml': FLOWS }), { WS_PW: 'pw' });
}

describe('createHost with a listen server', () => {
  it('refuses to start when the address is taken', async () => {
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const { config, snapshots } = await project(`  listen: 127.0.0.1:${port}\n  username: asterisk\n  password: \${WS_PW}\n`);
      const created = await createHost({ config, snapshots, logger: memoryLogger(), metrics: false });
      expect(created.refused?.reason).toMatch(/^cannot listen for Asterisk connections: .*EADDRINUSE/);
    } finally {
      taken.close();
    }
  });

  it('refuses to start when a TLS file cannot be read', async () => {
    const { config, snapshots } = await project('  listen: 127.0.0.1:0\n  username: asterisk\n  password: pw\n  tls: { cert: missing.crt, key: missing.key }\n');
    const created = await createHost({ config, snapshots, logger: memoryLogger(), metrics: false });
    expect(created.refused?.reason).toMatch(/ENOENT.*missing\.crt/);
  });

  it('binds at creation and accepts once started; stop closes it', async () => {
    const { config, snapshots } = await project('  listen: 127.0.0.1:0\n  path: /voxtra\n  username: asterisk\n  password: pw\n');
    const created = await createHost({ config, snapshots, logger: memoryLogger(), metrics: false });
    const host = created.host;
    if (!host) throw new Error(created.refused?.reason);
    const listener = host.runtime.listenServers[0];
    expect(listener.address.port).toBeGreaterThan(0);
    expect(listener.isListening).toBe(false);
    await host.start();
    await host.waitUntilConnected(3000);
    expect(host.runtime.readiness()).toMatchObject({ ready: true, servers: [{ name: 'default', state: 'listening' }] });
    await host.stop({ drain: false });
    expect(listener.isListening).toBe(false);
  });
});
