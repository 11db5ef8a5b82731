import { parseDuration } from '../core/duration';
import type { ScriptStep } from '../simulator';

/** Gap before an item that names no delay, like a person pressing keys one after another. */
const DEFAULT_GAP_MS = 400;
const DIGITS = /^[0-9A-D*#]+$/;

/**
 * Parses `voxtra call --dtmf`: comma-separated items, each `[delay:]digits`
 * or `[delay:]hangup`, the delay counted from the previous item (from the
 * moment the call enters the app for the first). `1500ms:2,#` presses 2 after
 * 1.5 s, then # 400 ms later; `3s:12#,10s:hangup` hangs up 10 s after that.
 */
export function parseDtmfScript(text: string): { steps: ScriptStep[] } | { error: string } {
  const steps: ScriptStep[] = [];
  for (const [i, rawItem] of text.split(',').entries()) {
    const item = rawItem.trim();
    if (item === '') return { error: `item ${i + 1} is empty` };
    const colon = item.lastIndexOf(':');
    let afterMs = i === 0 ? 0 : DEFAULT_GAP_MS;
    let action = item;
    if (colon !== -1) {
      const delay = parseDuration(item.slice(0, colon).trim());
      if (delay === undefined) return { error: `"${item.slice(0, colon)}" is not a duration (write 500ms, 2s or 1.5)` };
      afterMs = delay;
      action = item.slice(colon + 1).trim();
    }
    if (action.toLowerCase() === 'hangup') steps.push({ afterMs, hangup: true });
    else if (DIGITS.test(action)) steps.push({ afterMs, dtmf: action });
    else return { error: `"${action}" is neither digits (0-9, A-D, *, #) nor "hangup"` };
  }
  return { steps };
}
