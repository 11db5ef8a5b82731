/** A path into a parsed document: object keys and array indexes, outermost first. */
export type JsonPath = ReadonlyArray<string | number>;

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Formats a path the way users read it: `flows.menu.steps[1].menu.options["1"]`. */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '$' : out;
}

/** Converts an RFC 6901 JSON pointer (as ajv reports `instancePath`) into a path. */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((seg) => (/^(0|[1-9][0-9]*)$/.test(seg) ? Number(seg) : seg));
}
