import path from 'node:path';
import { runCli } from './run-cli';

const root = path.resolve(__dirname, '../..');

describe('voxtra route', () => {
  it('names the winning route, its flow and merged metadata for the shipped examples', async () => {
    const run = await runCli(['route', '--extension', '1000', '--number', '+265888111111', '-f', 'json'], { cwd: root });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { decision: unknown; metadata: unknown };
    expect(out.decision).toMatchObject({ kind: 'route', name: 'support', target: { kind: 'flow', flow: 'support' } });
    expect(out.metadata).toEqual({ queue: 'support', priority: 'high' });
  });

  it('respects priority: a US number goes to the prioritised regex route', async () => {
    const run = await runCli(['route', '-e', '12125550123', '-n', '+265888111111'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/decision: route "us-numbers" → flow sales/);
  });

  it('falls through to dispatch rules and the default, and reports HTTP rules without calling them', async () => {
    const zero = await runCli(['route', '-e', '4930', '-n', '+15550100', '-f', 'json'], { cwd: root });
    expect(JSON.parse(zero.stdout).decision).toMatchObject({ kind: 'dispatch', name: 'ends-in-zero' });
    const fallback = await runCli(['route', '-e', '4930', '-n', '+15550101'], { cwd: root });
    expect(fallback.stdout).toMatch(/would ask http:\/\/127\.0\.0\.1:8099\/decision/);
    expect(fallback.stdout).toMatch(/decision: default → flow menu/);
  });

  it('matches SIP headers given on the command line', async () => {
    const run = await runCli(['route', '-e', '4931', '-n', '+15550101', '--header', 'X-Voxtra-Partner=acme-eu', '-f', 'json'], { cwd: root });
    expect(JSON.parse(run.stdout).decision).toMatchObject({ kind: 'route', name: 'partner-trunk' });
  });

  it('exits 2 on a malformed pair and on an unknown app', async () => {
    expect((await runCli(['route', '-e', '1000', '--header', 'oops'], { cwd: root })).code).toBe(2);
    expect((await runCli(['route', '-e', '1000', '--app', 'nope'], { cwd: root })).code).toBe(2);
  });
});
