/** Entry point of the `voxtra` command; returns the exit status. */
export async function main(_argv: string[]): Promise<number> {
  process.stderr.write('voxtra: not built yet\n');
  return 2;
}
