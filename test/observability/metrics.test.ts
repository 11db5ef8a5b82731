import { createMetrics, STEP_BUCKETS } from '../../src/observability/metrics';
import { LabelValues, NONE, OTHER } from '../../src/observability/label-values';

/** The value of one sample line, e.g. `voxtra_calls_total{app="a",route="r",outcome="completed"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('createMetrics', () => {
  it('counts active and finished calls by app, route and outcome', async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.callStarted('voxtra');
    m.callStarted('voxtra');
    m.callStarted('sales');
    m.callEnded({ app: 'voxtra', route: 'support', outcome: 'completed' });
    m.callEnded({ app: 'sales', outcome: 'no_route' });
    const text = await m.render();
    expect(text).toContain('# TYPE voxtra_calls_active gauge');
    expect(sample(text, 'voxtra_calls_active{app="voxtra"}')).toBe(1);
    expect(sample(text, 'voxtra_calls_active{app="sales"}')).toBe(0);
    expect(text).toContain('# TYPE voxtra_calls_total counter');
    expect(sample(text, 'voxtra_calls_total{app="voxtra",route="support",outcome="completed"}')).toBe(1);
    expect(sample(text, 'voxtra_calls_total{app="sales",route="none",outcome="no_route"}')).toBe(1);
  });

  it('records step durations in seconds with buckets from 1 ms to 60 s', async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.observeStep('say', 1500);
    m.observeStep('say', 0.5);
    m.observeStep('set', Number.NaN);
    const text = await m.render();
    expect(STEP_BUCKETS[0]).toBe(0.001);
    expect(STEP_BUCKETS[STEP_BUCKETS.length - 1]).toBe(60);
    expect(sample(text, 'voxtra_step_duration_seconds_bucket{le="0.001",step="say"}')).toBe(1);
    expect(sample(text, 'voxtra_step_duration_seconds_bucket{le="1",step="say"}')).toBe(1);
    expect(sample(text, 'voxtra_step_duration_seconds_bucket{le="2.5",step="say"}')).toBe(2);
    expect(sample(text, 'voxtra_step_duration_seconds_bucket{le="60",step="say"}')).toBe(2);
    expect(sample(text, 'voxtra_step_duration_seconds_sum{step="say"}')).toBeCloseTo(1.5005);
    expect(sample(text, 'voxtra_step_duration_seconds_count{step="say"}')).toBe(2);
    // A non-finite duration is dropped rather than poisoning the sum.
    expect(text).not.toContain('step="set"');
  });

  it('records ARI latency, errors by status or code, connection state and reconnects', async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.observeAriRequest({ server: 'pbx1', operation: 'channels.answer', durationMs: 3 });
    m.observeAriRequest({ server: 'pbx1', operation: 'channels.answer', durationMs: 4, error: 404 });
    m.observeAriRequest({ server: 'pbx1', operation: 'channels.play', durationMs: 10000, error: 'ARI_TIMEOUT' });
    m.setAriConnected('pbx1', true);
    m.setAriConnected('pbx2', false);
    m.countAriReconnect('pbx2');
    m.countAriReconnect('pbx2');
    const text = await m.render();
    expect(sample(text, 'voxtra_ari_request_duration_seconds_count{server="pbx1",operation="channels.answer"}')).toBe(2);
    expect(sample(text, 'voxtra_ari_request_duration_seconds_bucket{le="0.005",server="pbx1",operation="channels.answer"}')).toBe(2);
    expect(sample(text, 'voxtra_ari_request_errors_total{server="pbx1",operation="channels.answer",code="404"}')).toBe(1);
    expect(sample(text, 'voxtra_ari_request_errors_total{server="pbx1",operation="channels.play",code="ARI_TIMEOUT"}')).toBe(1);
    expect(sample(text, 'voxtra_ari_connection_up{server="pbx1"}')).toBe(1);
    expect(sample(text, 'voxtra_ari_connection_up{server="pbx2"}')).toBe(0);
    expect(sample(text, 'voxtra_ari_reconnects_total{server="pbx2"}')).toBe(2);
  });

  it('counts reloads by result and times them', async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.observeReload('accepted', 40);
    m.observeReload('rejected', 12);
    m.observeReload('accepted', 60);
    const text = await m.render();
    expect(sample(text, 'voxtra_reloads_total{result="accepted"}')).toBe(2);
    expect(sample(text, 'voxtra_reloads_total{result="rejected"}')).toBe(1);
    expect(sample(text, 'voxtra_reload_duration_seconds_sum{result="accepted"}')).toBeCloseTo(0.1);
  });

  it('keeps one snapshot_info series per app and drops the old version on swap', async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.setSnapshot('voxtra', 'v1');
    m.setSnapshot('sales', 's1');
    m.setSnapshot('voxtra', 'v2');
    let text = await m.render();
    expect(sample(text, 'voxtra_snapshot_info{app="voxtra",version="v2"}')).toBe(1);
    expect(sample(text, 'voxtra_snapshot_info{app="sales",version="s1"}')).toBe(1);
    expect(text).not.toContain('version="v1"');
    m.removeApp('sales');
    text = await m.render();
    expect(text).not.toContain('app="sales"');
  });

  it('uses its own registry, so two runtimes in one process do not collide', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.callStarted('x');
    expect(a.registry).not.toBe(b.registry);
    expect(sample(await a.render(), 'voxtra_calls_active{app="x"}')).toBe(1);
    expect(sample(await b.render(), 'voxtra_calls_active{app="x"}')).toBeUndefined();
    const text = await b.render();
    // Process metrics live on the same registry.
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    expect(a.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
  });

  it('bounds label cardinality', async () => {
    const m = createMetrics({ defaultMetrics: false });
    for (let i = 0; i < 1005; i++) m.callEnded({ app: 'voxtra', route: `r${i}`, outcome: 'completed' });
    const text = await m.render();
    const routes = text.split('\n').filter((l) => l.startsWith('voxtra_calls_total{'));
    expect(routes).toHaveLength(1001);
    expect(sample(text, 'voxtra_calls_total{app="voxtra",route="other",outcome="completed"}')).toBe(5);
  });
});

describe('LabelValues', () => {
  it('maps missing values to none, cuts long ones and caps distinct values', () => {
    const labels = new LabelValues(2);
    expect(labels.value(undefined)).toBe(NONE);
    expect(labels.value('')).toBe(NONE);
    expect(labels.value('a'.repeat(100))).toBe('a'.repeat(64));
    expect(labels.value(404)).toBe('404');
    expect(labels.value('third')).toBe(OTHER);
    expect(labels.value(404)).toBe('404');
  });
});
