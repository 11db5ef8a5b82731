import { compileOnThisThread } from '../../src/reload/project-compiler';
import { decodeResult, encodeResult } from '../../src/reload/result-transfer';
import { tempProject } from '../config/temp-project';

describe('compile results across the worker boundary', () => {
  it('round-trips apps, routes and diagnostics in slices, frozen', async () => {
    let routes = 'routes:\n';
    for (let i = 0; i < 1234; i++) routes += `  - { name: r${i}, extension: "${10000 + i}", flow: main }\n`;
    const cwd = tempProject({
      'voxtra.config.yaml': 'apps:\n  - { name: big, flows: big/ }\n  - { name: bad, flows: bad/ }\n',
      'big/main.yaml': `${routes}default: main\nflows:\n  main: { steps: [answer, hangup] }\n`,
      'bad/main.yaml': 'default: nowhere\n',
    });
    const result = await compileOnThisThread({ cwd, env: {} });
    const encoded = encodeResult(result);
    // The routes travel as several small texts, not one big object graph.
    expect(encoded.chunks.filter((c) => c.field === 'routes')).toHaveLength(3);
    const decoded = await decodeResult(JSON.parse(JSON.stringify(encoded)) as typeof encoded);
    expect(decoded.apps.map((a) => [a.name, a.snapshot?.version, a.snapshot?.routes.length, a.diagnostics.map((d) => d.code)])).toEqual([
      ['big', result.apps[0].snapshot?.version, 1234, []],
      ['bad', undefined, undefined, ['UNKNOWN_FLOW']],
    ]);
    expect(decoded.apps[0].snapshot).toEqual(result.apps[0].snapshot);
    expect(Object.isFrozen(decoded.apps[0].snapshot)).toBe(true);
    expect(Object.isFrozen(decoded.apps[0].snapshot?.routes[1233].match[0])).toBe(true);
    expect(decoded.config?.apps.map((a) => a.name)).toEqual(['big', 'bad']);
  });
});
