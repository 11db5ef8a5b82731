import { transferToQueueStep } from '../../src/steps/transfer-to-queue';
import { harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStepValue } from './support/schema';

describe('transfer_to_queue: schema and normalize', () => {
  it('accepts a queue name, a template, or { queue, variables }', () => {
    for (const ok of ['sales', 'acme-support', 'q.1', '{{ metadata.queue }}', { queue: 'vip', variables: { tier: 'gold', n: 2 } }]) {
      expect(validateStepValue(transferToQueueStep, ok).valid).toBe(true);
    }
    for (const bad of ['-sales', 'sales queue', 'a/b', '', { variables: {} }, { queue: 'x', vars: {} }]) {
      expect(validateStepValue(transferToQueueStep, bad).valid).toBe(false);
    }
    expect(paramsOf({ transfer_to_queue: 'sales' })).toEqual({ queue: 'sales' });
    expect(paramsOf({ transfer_to_queue: { queue: 'vip', variables: { tier: 'gold' } } })).toEqual({ queue: 'vip', variables: { tier: 'gold' } });
    expect(transferToQueueStep.endsList?.({ queue: 'x' })).toBe(true);
  });
});

describe('transfer_to_queue: execute', () => {
  it('sets VOXTRA_QUEUE and the metadata as channel variables, then continues into the queues context; the flow ends', async () => {
    const h = harness({
      flows: { main: ['answer', { transfer_to_queue: '{{ metadata.queue }}' }, { play: 'sound:never' }] },
      metadata: { queue: 'support', priority: 'high', 'caller-type': 'vip', retries: 2, info: { a: 1 }, note: 'line1\nline2' },
    });
    const result = await h.run();
    expect(result.outcome).toBe('transferred');
    expect(h.port.calls.map((c) => [c.op, ...c.args])).toEqual([
      ['answer'],
      ['setVariable', 'VOXTRA_QUEUE', 'support'],
      ['setVariable', 'VOXTRA_PRIORITY', 'high'],
      ['setVariable', 'VOXTRA_CALLER_TYPE', 'vip'],
      ['setVariable', 'VOXTRA_RETRIES', '2'],
      ['setVariable', 'VOXTRA_INFO', '{"a":1}'],
      ['setVariable', 'VOXTRA_NOTE', 'line1 line2'],
      ['continueInDialplan', { context: 'voxtra-queues', extension: 'support', priority: 1 }],
    ]);
    expect(h.call.ended).toBe(true);
    expect(h.events.find((e) => e.kind === 'callAction' && e.action === 'transfer_to_queue')).toMatchObject({ detail: { queue: 'support', context: 'voxtra-queues' } });
  });

  it('`variables` replace the metadata and are rendered', async () => {
    const h = harness({ flows: { main: [{ transfer_to_queue: { queue: 'vip', variables: { tier: '{{ metadata.tier }}', ext: '{{ call.extension }}' } } }] }, metadata: { tier: 'gold', secret: 'x' } });
    await h.run();
    expect(h.port.calls.filter((c) => c.op === 'setVariable').map((c) => c.args)).toEqual([
      ['VOXTRA_QUEUE', 'vip'],
      ['VOXTRA_TIER', 'gold'],
      ['VOXTRA_EXT', '1000'],
    ]);
  });

  it('a metadata key named queue never overrides the queue the step names', async () => {
    const h = harness({ flows: { main: [{ transfer_to_queue: 'sales' }] }, metadata: { queue: 'support' } });
    await h.run();
    expect(h.port.calls.filter((c) => c.op === 'setVariable').map((c) => c.args)).toEqual([['VOXTRA_QUEUE', 'sales']]);
    expect(h.port.calls.at(-1)?.args[0]).toMatchObject({ extension: 'sales' });
  });

  it('refuses a rendered queue name that is not a queue name, sending nothing', async () => {
    const h = harness({ flows: { main: [{ transfer_to_queue: '{{ metadata.queue }}' }] }, metadata: { queue: 'sales,evil' } });
    await expect(h.run()).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    expect(h.port.calls).toEqual([]);
  });

  it('stops music on hold before leaving', async () => {
    const h = harness({ flows: { main: ['hold', { transfer_to_queue: 'sales' }] } });
    await h.run();
    expect(h.port.ops).toEqual(['startMoh', 'stopMoh', 'setVariable', 'continueInDialplan']);
  });
});
