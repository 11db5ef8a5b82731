import { StasisAppNames } from '../../../src/ari/listen/stasis-app-names';

describe('StasisAppNames', () => {
  const names = StasisAppNames.of(['voxtra-pc', 'voxtra-out'], new Map([['sales-pod-7', 'sales']]));

  it('tells persistent from per-call names and maps both back to the app (traces outbound-persistent, outbound-per-call)', () => {
    expect(names.classify('voxtra-out')).toEqual({ app: 'voxtra-out', kind: 'persistent' });
    expect(names.classify('voxtra-pc:PJSIP/sipp-0001c16d')).toEqual({ app: 'voxtra-pc', kind: 'per_call' });
    expect(names.classify('voxtra-pc:Local/1000@voxtra-in-00000006;2')).toEqual({ app: 'voxtra-pc', kind: 'per_call' });
  });

  it('maps aliases such as a broadcast pool name', () => {
    expect(names.appOf('sales-pod-7')).toBe('sales');
    expect(names.classify('sales-pod-7')).toEqual({ app: 'sales', kind: 'persistent' });
  });

  it('knows nothing else', () => {
    for (const unknown of ['voxtra', 'voxtra-pcx', 'voxtra-pcx:PJSIP/a', ':PJSIP/a', '']) expect(names.classify(unknown)).toBeUndefined();
  });
});
