/** Limits that keep node labels readable when a menu has dozens of options. */
export interface WrapLimits {
  /** Characters per line. */
  readonly width: number;
  /** Lines per logical line; the rest is cut with "...". */
  readonly maxLines: number;
}

export const DEFAULT_WRAP: WrapLimits = { width: 28, maxLines: 2 };

/** ASCII, like every generated label: Graphviz measures only ASCII text reliably. */
const ELLIPSIS = '...';

/**
 * Wraps one line of text at word boundaries (breaking words longer than a
 * line), collapses runs of whitespace, and cuts what does not fit with "...".
 */
export function wrapText(text: string, limits: WrapLimits = DEFAULT_WRAP): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter((w) => w !== '');
  const lines: string[] = [];
  let current = '';
  const push = (): void => {
    lines.push(current);
    current = '';
  };
  for (let word of words) {
    while (word.length > limits.width) {
      if (current !== '') push();
      lines.push(word.slice(0, limits.width));
      word = word.slice(limits.width);
    }
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= limits.width) current += ` ${word}`;
    else {
      push();
      current = word;
    }
  }
  if (current !== '' || lines.length === 0) push();
  if (lines.length <= limits.maxLines) return lines;
  const kept = lines.slice(0, limits.maxLines);
  const last = kept[kept.length - 1];
  kept[kept.length - 1] = `${last.length > limits.width - ELLIPSIS.length ? last.slice(0, limits.width - ELLIPSIS.length) : last}${ELLIPSIS}`;
  return kept;
}

/** Wraps each logical line and joins the results. */
export function wrapLines(lines: readonly string[], limits: WrapLimits = DEFAULT_WRAP): string[] {
  return lines.flatMap((l) => wrapText(l, limits));
}
