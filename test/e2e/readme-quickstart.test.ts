/**
 * The README's first minutes, as a new user runs them: the quick-start
 * commands are read from README.md itself, `voxtra run flows/ --simulator`
 * is started on the shipped project (on a free port, in real time) and each
 * `voxtra call` runs with the README's own arguments. Each command's README
 * comment must say what its check below checks, so README and test move together.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { copyShippedProject, ROOT, runVoxtra, VoxtraRun } from './helpers/voxtra-process';

interface QuickStartCommand {
  /** `voxtra ...` as the README writes it after `npx`. */
  readonly command: string;
  readonly comment: string;
}

/** The `npx voxtra ...` commands of the sh blocks before the README's first section, with their comments. */
function quickStart(readme: string): QuickStartCommand[] {
  const intro = readme.slice(0, readme.indexOf('\n## '));
  const out: QuickStartCommand[] = [];
  for (const block of intro.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of block[1].split('\n')) {
      const hash = commentStart(line);
      const comment = hash < 0 ? '' : line.slice(hash + 1).trim();
      for (const part of (hash < 0 ? line : line.slice(0, hash)).split('&&')) {
        const m = /^\s*npx (voxtra .*?)\s*$/.exec(part);
        if (m) out.push({ command: m[1], comment });
      }
    }
  }
  return out;
}

/** Where a `#` comment starts on a shell line (outside quotes), or -1. */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return i;
  }
  return -1;
}

/** Splits a shell command into arguments (plain words and quoted strings). */
function argv(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** `voxtra call` output lines as [seconds, text]. */
function transcript(stdout: string): [number, string][] {
  return stdout
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => /^\s*(\d+\.\d\d)s\s{2}(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [Number(m[1]), m[2]]);
}

const MENU_PROMPT = 'Press 1 for sales, 2 for support, 0 for an agent.';

/** What each README command's comment promises, and how its transcript shows it. */
const CHECKS: Record<string, { comment: RegExp; check: (lines: [number, string][]) => void }> = {
  'voxtra call 1000': {
    comment: /^extension 1000: greeting, then queue "support" with its metadata$/,
    check(lines) {
      const text = lines.map(([, t]) => t);
      expect(text).toContain('heard sound:hello-world');
      expect(text).toEqual(expect.arrayContaining(['variable VOXTRA_QUEUE = "support"', 'variable VOXTRA_PRIORITY = "high"', 'transferred to queue support']));
      expect(text.indexOf('heard sound:hello-world')).toBeLessThan(text.indexOf('transferred to queue support'));
    },
  },
  'voxtra call 5555 --dtmf "4s:2"': {
    comment: /^the IVR menu: press 2 four seconds into the call$/,
    check(lines) {
      const text = lines.map(([, t]) => t);
      const prompt = text.findIndex((t) => t === `said "${MENU_PROMPT}"` || t === `said part of "${MENU_PROMPT}" (stopped by app)`);
      const pressed = lines.find(([, t]) => t === 'pressed 2');
      expect(prompt).toBeGreaterThanOrEqual(0);
      expect(pressed?.[0]).toBeGreaterThanOrEqual(4);
      // Option 2 transfers to the queue the metadata names, "support" by default.
      expect(text.slice(text.indexOf('pressed 2'))).toEqual(expect.arrayContaining(['variable VOXTRA_QUEUE = "support"', 'transferred to queue support']));
      expect(text).not.toContain('transferred to queue sales');
    },
  },
};

describe('the README quick start, as written', () => {
  const commands = quickStart(readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  let vx: VoxtraRun | undefined;

  afterAll(async () => {
    await vx?.dispose();
  });

  it('starts with `voxtra run flows/ --simulator`, then places the calls the comments describe', () => {
    expect(commands[0]?.command).toBe('voxtra run flows/ --simulator');
    const calls = commands.slice(1);
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) {
      expect(Object.keys(CHECKS)).toContain(c.command);
      expect(c.comment).toMatch(CHECKS[c.command].comment);
    }
  });

  it('each call shows what its README comment says', async () => {
    // The README's run command on the shipped project, on a free port, in real time (the user's scale).
    const [, run, ...runArgs] = argv(commands[0].command);
    expect(run).toBe('run');
    // VoxtraRun adds `run --simulator --sim-port 0 --log-format json`; the README's own flow paths follow.
    vx = await VoxtraRun.start(copyShippedProject(), { timeScale: 1, args: runArgs.filter((a) => a !== '--simulator') });
    for (const c of commands.slice(1)) {
      const [, call, ...args] = argv(c.command);
      expect(call).toBe('call');
      // Real time: the calls last 5 and 8 s, plus the CLI's start on a busy machine.
      const res = await runVoxtra(['call', ...args], vx.dir, 40_000);
      expect({ command: c.command, code: res.code, stderr: res.stderr }).toEqual({ command: c.command, code: 0, stderr: '' });
      CHECKS[c.command].check(transcript(res.stdout));
    }
  }, 120_000);
});
