import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Writes an executable Node script that stands in for espeak-ng: it records
 * its arguments and stdin to `<dir>/calls.jsonl`, then runs `behaviour`
 * (JavaScript source with `args`, `input` and `fs` in scope).
 */
export async function fakeProgram(dir: string, name: string, behaviour: string): Promise<string> {
  const file = path.join(dir, name);
  const log = path.join(dir, 'calls.jsonl');
  const source = `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const input = Buffer.concat(chunks).toString('utf8');
  fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args, input }) + '\\n');
  ${behaviour}
});
`;
  await fs.writeFile(file, source, { mode: 0o755 });
  return file;
}

/** The calls a fake program recorded. */
export async function fakeCalls(dir: string): Promise<Array<{ args: string[]; input: string }>> {
  const text = await fs.readFile(path.join(dir, 'calls.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { args: string[]; input: string });
}

/** Source for a fake that answers with a 22050 Hz WAV of `seconds` of a 440 Hz tone. */
export function toneWavBehaviour(seconds: number): string {
  return `
  const n = Math.round(22050 * ${seconds});
  const b = Buffer.alloc(44 + n * 2);
  b.write('RIFF', 0, 'latin1'); b.writeUInt32LE(0x7ffff024, 4); b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16); b.writeUInt16LE(1, 20); b.writeUInt16LE(1, 22); b.writeUInt32LE(22050, 24);
  b.writeUInt32LE(44100, 28); b.writeUInt16LE(2, 32); b.writeUInt16LE(16, 34); b.write('data', 36, 'latin1'); b.writeUInt32LE(0x7ffff000, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / 22050)), 44 + 2 * i);
  process.stdout.write(b);`;
}
