/** Plain JSON values as they travel over ARI. */
export type Json = string | number | boolean | null | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** Deep copy through JSON text, the way a value looks after crossing the wire. */
export function wireCopy<T extends Json | undefined>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
