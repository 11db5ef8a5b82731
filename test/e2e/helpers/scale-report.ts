/**
 * Prints what a scale test measured (counts, delays) on stderr when
 * `VOXTRA_SCALE_REPORT=1`: docs/scaling.md quotes these numbers, and this
 * is the command that shows them (`VOXTRA_SCALE_REPORT=1 npx jest test/e2e/scale-`).
 */
export function scaleReport(what: string, data: Record<string, unknown>): void {
  if (process.env.VOXTRA_SCALE_REPORT !== '1') return;
  process.stderr.write(`[scale] ${what}: ${JSON.stringify(data)}\n`);
}
