/** Label value for "not known" (no route matched, no status...). */
export const NONE = 'none';
/** Label value once a label has seen too many distinct values. */
export const OTHER = 'other';

const MAX_LENGTH = 64;

/**
 * Keeps one metric label's cardinality bounded. Values come from the
 * configuration or the code (route names, step types, ARI operations), but a
 * bug or a long-running process with many reloads must still not grow the
 * series set without end: past `limit` distinct values, new ones become
 * `other`. Empty or missing values become `none`; long ones are cut.
 */
export class LabelValues {
  private readonly seen = new Set<string>();

  constructor(private readonly limit: number) {}

  value(raw: string | number | undefined | null): string {
    if (raw === undefined || raw === null || raw === '') return NONE;
    const text = String(raw).slice(0, MAX_LENGTH);
    if (this.seen.has(text)) return text;
    if (this.seen.size >= this.limit) return OTHER;
    this.seen.add(text);
    return text;
  }
}
