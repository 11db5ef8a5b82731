import type { MatchField } from '../ir/types';

/**
 * What the router knows about a new call. `vars` and `headers` hold only the
 * channel variables and SIP headers the app's routes read (the snapshot's
 * `lazyFacts`); a missing entry means "not set".
 */
export interface CallFacts {
  /** Dialled extension (channel.dialplan.exten). */
  readonly extension: string;
  /** Calling number (channel.caller.number). */
  readonly number: string;
  readonly callerName: string;
  /** Stasis arguments. */
  readonly args: readonly string[];
  readonly vars: Readonly<Record<string, string | undefined>>;
  /** SIP headers by name; looked up case-insensitively. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** Builds facts with empty defaults for whatever is not given. */
export function callFacts(init: Partial<CallFacts> = {}): CallFacts {
  return {
    extension: init.extension ?? '',
    number: init.number ?? '',
    callerName: init.callerName ?? '',
    args: init.args ?? [],
    vars: init.vars ?? {},
    headers: init.headers ?? {},
  };
}

/**
 * The value(s) a match field reads: one string, the list of Stasis args (a
 * clause on `args` matches when any of them does), or undefined when the
 * variable or header is not set (no matcher matches a missing fact).
 */
export function factValue(facts: CallFacts, field: MatchField): string | readonly string[] | undefined {
  switch (field) {
    case 'extension':
      return facts.extension;
    case 'number':
      return facts.number;
    case 'caller_name':
      return facts.callerName;
    case 'args':
      return facts.args;
  }
  if (field.startsWith('var.')) {
    const name = field.slice(4);
    return Object.hasOwn(facts.vars, name) ? facts.vars[name] : undefined;
  }
  return headerValue(facts.headers, field.slice(7));
}

/** SIP header names are case-insensitive (RFC 3261 §7.3.1). */
export function headerValue(headers: CallFacts['headers'], name: string): string | undefined {
  if (Object.hasOwn(headers, name)) return headers[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) return headers[key];
  return undefined;
}

/** A field's identity for comparisons: header names fold case, variable names do not. */
export function fieldKey(field: MatchField): string {
  return field.startsWith('header.') ? `header.${field.slice(7).toLowerCase()}` : field;
}
