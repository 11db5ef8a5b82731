/** Patterns for names users choose; shared by the schemas and the compiler. */
export const NAME_PATTERNS = {
  /** Flow ids (`call: menu`, `flow: menu`). `@` is kept for synthetic flows such as `@route/support`. */
  flowId: '^[A-Za-z0-9_][A-Za-z0-9_.-]*$',
  /** Channel variables a route can match on. */
  channelVar: '^[A-Za-z_][A-Za-z0-9_]*$',
  /** SIP header names (RFC 3261 token characters). */
  header: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$",
  /** Stasis app names. */
  app: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
  /** Dialplan contexts. */
  context: '^[A-Za-z0-9_][A-Za-z0-9_.-]*$',
  /** Calendar names. */
  calendar: '^[A-Za-z0-9_][A-Za-z0-9_.-]*$',
  /** ARI server names. */
  server: '^[A-Za-z0-9_][A-Za-z0-9_.-]*$',
} as const;
