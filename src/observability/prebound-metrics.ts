import type { Metric, Registry } from 'prom-client';

/**
 * Counters, gauges and histograms whose series are bound once and then
 * updated without any label work: `series(...labelValues)` returns the
 * series of those label values (created on first use, as prom-client
 * creates a series on its first update), and the caller keeps it. A
 * prom-client update hashes its label object on every call (and a child from
 * `labels()` still does); on the call path (calls started and ended, every
 * step, every ARI request) that was ~60 µs a call at 200 calls/s (bench/calls
 * CPU profile). They register on a prom-client registry through its metric
 * interface (`get()`), and render exactly as prom-client's own types do
 * (test/observability/prebound-metrics.test.ts compares the text).
 */
abstract class PreboundMetric<S> {
  protected readonly series = new Map<string, { readonly labels: Readonly<Record<string, string>>; readonly state: S }>();

  constructor(
    registry: Registry,
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  /** The series of these label values, in `labelNames` order. */
  protected bind(values: readonly string[]): S {
    const key = values.length === 1 ? values[0] : values.join('\u0001');
    let entry = this.series.get(key);
    if (entry === undefined) {
      const labels: Record<string, string> = {};
      this.labelNames.forEach((name, i) => (labels[name] = values[i]));
      entry = { labels, state: this.create() };
      this.series.set(key, entry);
    }
    return entry.state;
  }

  /** Forgets the series of these label values. */
  remove(...values: string[]): void {
    this.series.delete(values.length === 1 ? values[0] : values.join('\u0001'));
  }

  /** Forgets every series. */
  reset(): void {
    this.series.clear();
  }

  protected abstract create(): S;
}

/** One counter or gauge series. */
export class ValueSeries {
  value = 0;

  inc(by = 1): void {
    this.value += by;
  }

  dec(by = 1): void {
    this.value -= by;
  }

  set(value: number): void {
    this.value = value;
  }
}

/** A counter (`type: 'counter'`) or gauge (`type: 'gauge'`) of pre-bound series. */
export class PreboundValue extends PreboundMetric<ValueSeries> {
  constructor(
    registry: Registry,
    readonly type: 'counter' | 'gauge',
    opts: { name: string; help: string; labelNames: readonly string[] },
  ) {
    super(registry, opts.name, opts.help, opts.labelNames);
  }

  with(...values: string[]): ValueSeries {
    return this.bind(values);
  }

  /** What prom-client's registry renders. */
  get(): Promise<unknown> {
    const values = [...this.series.values()].map(({ labels, state }) => ({ value: state.value, labels }));
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, values, aggregator: 'sum' });
  }

  protected create(): ValueSeries {
    return new ValueSeries();
  }
}

/** One histogram series: a count per bucket (not cumulated), the sum and the count. */
export class HistogramSeries {
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(private readonly bounds: readonly number[]) {
    this.counts = bounds.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count++;
    const bounds = this.bounds;
    for (let i = 0; i < bounds.length; i++) {
      if (value <= bounds[i]) {
        this.counts[i]++;
        return;
      }
    }
  }
}

/** A histogram of pre-bound series. */
export class PreboundHistogram extends PreboundMetric<HistogramSeries> {
  readonly type = 'histogram';
  private readonly buckets: readonly number[];

  /** `buckets`: upper bounds in increasing order. */
  constructor(registry: Registry, opts: { name: string; help: string; labelNames: readonly string[]; buckets: readonly number[] }) {
    super(registry, opts.name, opts.help, opts.labelNames);
    this.buckets = [...opts.buckets];
  }

  with(...values: string[]): HistogramSeries {
    return this.bind(values);
  }

  /** What prom-client's registry renders: cumulative buckets, `+Inf`, sum and count, as prom-client's Histogram. */
  get(): Promise<unknown> {
    const bucket = `${this.name}_bucket`;
    const values: unknown[] = [];
    for (const { labels, state } of this.series.values()) {
      let acc = 0;
      this.buckets.forEach((le, i) => {
        acc += state.counts[i];
        values.push({ labels: { le }, sharedLabels: labels, value: acc, metricName: bucket });
      });
      values.push({ labels: { le: '+Inf' }, sharedLabels: labels, value: state.count, metricName: bucket });
      values.push({ labels: {}, sharedLabels: labels, value: state.sum, metricName: `${this.name}_sum` });
      values.push({ labels: {}, sharedLabels: labels, value: state.count, metricName: `${this.name}_count` });
    }
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, values, aggregator: 'sum' });
  }

  protected create(): HistogramSeries {
    return new HistogramSeries(this.buckets);
  }
}
