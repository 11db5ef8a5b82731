import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DialplanConfig, DialplanStep } from '../../../src/simulator';
import { SHARED_ARI } from './trace-file';

/**
 * The `[voxtra-traces]` context of the extensions.conf the newer traces
 * were recorded with, read from ../shared/ari/README.md (`exten =>
 * name,1,App(data)` and `same => n[(label)],App(data)` lines), as the
 * simulator's dialplan: its extensions go into `voxtra-in`, which includes
 * it on the recording rig.
 */
export function tracesDialplan(): DialplanConfig {
  const readme = readFileSync(path.join(SHARED_ARI, 'README.md'), 'utf8');
  const start = readme.indexOf('[voxtra-traces]');
  const end = readme.indexOf('[voxtra-in]', start);
  if (start < 0 || end < 0) throw new Error('README.md has no [voxtra-traces] context');
  const extens: Record<string, DialplanStep[]> = {};
  let current: DialplanStep[] | undefined;
  for (const raw of readme.slice(start, end).split('\n')) {
    const line = raw.replace(/;.*$/, '').trim();
    const exten = /^exten\s*=>\s*([^,]+),1,(.*)$/.exec(line);
    const same = /^same\s*=>\s*n(?:\(([^)]+)\))?,(.*)$/.exec(line);
    const app = exten?.[2] ?? same?.[2];
    if (app === undefined) continue;
    const m = /^([A-Za-z]+)\((.*)\)$/.exec(app.trim());
    if (!m) throw new Error(`cannot read dialplan line ${raw}`);
    const step: DialplanStep = { app: m[1], data: m[2], ...(same?.[1] ? { label: same[1] } : {}) };
    if (exten) {
      current = [step];
      extens[exten[1].trim()] = current;
    } else current?.push(step);
  }
  return { 'voxtra-in': extens };
}
