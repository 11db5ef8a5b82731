/** A Swagger 1.1 parameter as ARI's API documents declare it. */
export interface ParamSpec {
  readonly name: string;
  readonly description: string;
  readonly paramType: 'path' | 'query' | 'body';
  readonly required: boolean;
  readonly allowMultiple: boolean;
  /** string, int, long, boolean, containers, object. */
  readonly dataType: string;
  readonly defaultValue?: string | number | boolean;
  readonly allowableValues?: { readonly valueType: 'LIST'; readonly values: readonly string[] } | { readonly valueType: 'RANGE'; readonly min: number };
}

interface Extra {
  readonly required?: boolean;
  readonly multi?: boolean;
  readonly dflt?: string | number | boolean;
  readonly list?: readonly string[];
  readonly min?: number;
}

/** A path parameter (always required). */
export const path = (name: string, description: string): ParamSpec => ({ name, description, paramType: 'path', required: true, allowMultiple: false, dataType: 'string' });

/** A query parameter. */
export function query(name: string, dataType: string, description: string, extra: Extra = {}): ParamSpec {
  return {
    name,
    description,
    paramType: 'query',
    required: extra.required ?? false,
    allowMultiple: extra.multi ?? false,
    dataType,
    ...(extra.dflt !== undefined ? { defaultValue: extra.dflt } : {}),
    ...(extra.list ? { allowableValues: { valueType: 'LIST' as const, values: extra.list } } : {}),
    ...(extra.min !== undefined ? { allowableValues: { valueType: 'RANGE' as const, min: extra.min } } : {}),
  };
}

/** The `variables` JSON body (`{"variables": {"NAME": "value"}}`). */
export const variablesBody = (description: string): ParamSpec => ({ name: 'variables', description, paramType: 'body', required: false, allowMultiple: false, dataType: 'containers' });
