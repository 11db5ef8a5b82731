import type { Diagnostic } from './diagnostic';

const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

// GitHub's workflow-command escaping: data escapes %, CR and LF; properties also : and ,.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `--format github`: one workflow command per diagnostic, so GitHub annotates the files in a pull request. */
export function formatGithub(diags: readonly Diagnostic[]): string {
  return diags
    .map((d) => {
      const props: string[] = [];
      if (d.file !== undefined) props.push(`file=${escapeProperty(d.file)}`);
      if (d.line !== undefined) props.push(`line=${d.line}`);
      if (d.column !== undefined) props.push(`col=${d.column}`);
      props.push(`title=${escapeProperty(d.code)}`);
      return `::${LEVEL[d.severity]} ${props.join(',')}::${escapeData(d.message)}\n`;
    })
    .join('');
}
