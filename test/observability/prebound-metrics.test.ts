import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { PreboundHistogram, PreboundValue } from '../../src/observability/prebound-metrics';

/** The same updates through prom-client's own types and through the pre-bound ones render the same text. */
describe('pre-bound metrics', () => {
  it('render exactly as prom-client renders the same updates', async () => {
    const theirs = new Registry();
    const ours = new Registry();
    const buckets = [0.001, 0.01, 0.1, 1];
    const h1 = new Histogram({ name: 'h_seconds', help: 'A histogram.', labelNames: ['server', 'operation'], buckets, registers: [theirs] });
    const h2 = new PreboundHistogram(ours, { name: 'h_seconds', help: 'A histogram.', labelNames: ['server', 'operation'], buckets });
    const c1 = new Counter({ name: 'c_total', help: 'A "counter".', labelNames: ['app', 'outcome'], registers: [theirs] });
    const c2 = new PreboundValue(ours, 'counter', { name: 'c_total', help: 'A "counter".', labelNames: ['app', 'outcome'] });
    const g1 = new Gauge({ name: 'g', help: 'A gauge\nof two lines.', labelNames: ['app'], registers: [theirs] });
    const g2 = new PreboundValue(ours, 'gauge', { name: 'g', help: 'A gauge\nof two lines.', labelNames: ['app'] });

    for (const [server, operation, seconds] of [['a', 'x', 0.0005], ['a', 'x', 0.05], ['b', 'y "q"\\', 3], ['a', 'x', 0.001], ['b', 'y "q"\\', 0.5]] as const) {
      h1.observe({ server, operation }, seconds);
      h2.with(server, operation).observe(seconds);
    }
    for (const [app, outcome] of [['shop', 'completed'], ['sales', 'failed'], ['shop', 'completed']]) {
      c1.inc({ app, outcome });
      c2.with(app, outcome).inc();
    }
    g1.inc({ app: 'shop' });
    g2.with('shop').inc();
    g1.inc({ app: 'sales' });
    g2.with('sales').inc();
    g1.dec({ app: 'shop' });
    g2.with('shop').dec();

    const text = await ours.metrics();
    expect(text).toBe(await theirs.metrics());
    expect(text).toContain('h_seconds_bucket{le="0.001",server="a",operation="x"} 2');
    expect(text).toContain('g{app="shop"} 0');
  });

  it('have no series before their first update, and forget one on remove', async () => {
    const registry = new Registry();
    const gauge = new PreboundValue(registry, 'gauge', { name: 'g', help: 'A gauge.', labelNames: ['app'] });
    expect(await registry.metrics()).toBe('# HELP g A gauge.\n# TYPE g gauge\n');
    gauge.with('shop').set(3);
    expect(await registry.metrics()).toContain('g{app="shop"} 3');
    gauge.remove('shop');
    expect(await registry.metrics()).not.toContain('shop');
  });
});
