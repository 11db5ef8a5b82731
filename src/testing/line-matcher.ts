import type { LineMatcher } from './scenario-types';

const REGEX = /^\/(.*)\/([dgimsuy]*)$/s;
const TIMED = /^\s*(\d+(?:\.\d+)?)s\s+(\S.*)$/s;

/** White space runs count as one space, so column alignment never matters. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Reads one written line: `/regex/flags`, `1.45s text` (a timed line, when
 * `timed`), or plain text. Throws for a regex that does not compile.
 */
export function parseLine(written: string, timed: boolean): LineMatcher {
  const re = REGEX.exec(written);
  if (re) return { kind: 'regex', regex: new RegExp(re[1], re[2].replace('g', '')), written };
  const t = timed ? TIMED.exec(written) : null;
  if (t) return { kind: 'text', text: squash(t[2]), atMs: Math.round(Number(t[1]) * 1000), written };
  return { kind: 'text', text: squash(written), written };
}

/** A line as produced by a run: its text and, for timed lines, when (ms since the call was placed). */
export interface ActualLine {
  readonly text: string;
  readonly atMs?: number;
}

/**
 * True when `line` satisfies `m`. Text compares whole (or as a substring with
 * `contains`, for log messages); a timed expectation also compares the time
 * as printed (two decimals of a second).
 */
export function lineMatches(m: LineMatcher, line: ActualLine, contains = false): boolean {
  if (m.kind === 'regex') return m.regex.test(line.text);
  const text = squash(line.text);
  if (!(contains ? text.includes(m.text) : text === m.text)) return false;
  if (m.atMs === undefined) return true;
  return line.atMs !== undefined && (line.atMs / 1000).toFixed(2) === (m.atMs / 1000).toFixed(2);
}
