import type { Severity } from './diagnostic';

interface CodeEntry {
  severity: Severity;
  /** What the code means, for docs and `--format json` consumers. */
  title: string;
  /** One-line advice shown under the message. */
  hint: string;
}

/**
 * Every diagnostic code Voxtra can report. Codes are stable: tools and CI
 * scripts match on them, so never rename one; retire it instead.
 * docs/diagnostics.md is generated from this table (see test/diagnostics).
 */
export const DIAGNOSTIC_CODES = {
  // -- loading and parsing ---------------------------------------------------
  FILE_NOT_FOUND: { severity: 'error', title: 'A path named on the command line or in the config does not exist.', hint: 'Check the path; relative paths are resolved against the config file\'s folder.' },
  FILE_READ_ERROR: { severity: 'error', title: 'A file could not be read.', hint: 'Check the file\'s permissions.' },
  NO_FLOW_FILES: { severity: 'error', title: 'An app\'s flows path matched no .yaml, .yml, .toml or .json file.', hint: 'Point `flows` at a folder, file or glob that holds flow files.' },
  YAML_SYNTAX: { severity: 'error', title: 'The YAML parser rejected the file.', hint: 'Fix the YAML syntax at the position shown (indentation, quotes, colons).' },
  TOML_SYNTAX: { severity: 'error', title: 'The TOML parser rejected the file.', hint: 'Fix the TOML syntax at the position shown.' },
  JSON_SYNTAX: { severity: 'error', title: 'The JSON parser rejected the file.', hint: 'Fix the JSON syntax at the position shown (commas, quotes, brackets).' },
  DUPLICATE_KEY: { severity: 'error', title: 'A mapping has the same key twice.', hint: 'Remove or rename one of the two keys; only one can take effect.' },
  ENV_UNDEFINED: { severity: 'error', title: 'The config uses ${NAME} but NAME is not set and has no default.', hint: 'Export the variable or write ${NAME:-default}.' },
  ENV_SYNTAX: { severity: 'error', title: 'A ${...} reference in the config is malformed.', hint: 'Write ${NAME} or ${NAME:-default}; use $$ for a literal dollar sign.' },
  // -- schema ----------------------------------------------------------------
  SCHEMA_UNKNOWN_PROPERTY: { severity: 'error', title: 'A key that the schema does not allow here.', hint: 'Check the spelling; your editor lists the allowed keys when the schema is bound.' },
  SCHEMA_MISSING_PROPERTY: { severity: 'error', title: 'A required key is missing.', hint: 'Add the key named in the message.' },
  SCHEMA_TYPE: { severity: 'error', title: 'A value has the wrong type.', hint: 'Use the type named in the message (quote digit strings such as "1000").' },
  SCHEMA_VALUE: { severity: 'error', title: 'A value is outside what the schema allows (enum, range, pattern, length).', hint: 'Use one of the values named in the message.' },
  SCHEMA_INVALID: { severity: 'error', title: 'A value does not match any allowed form.', hint: 'Compare with the examples in docs/flows.md.' },
  UNKNOWN_STEP: { severity: 'error', title: 'A step name that is not in the step catalogue.', hint: 'See docs/steps.md for the list of steps.' },
  INVALID_DURATION: { severity: 'error', title: 'A duration that is not `500ms`, `5s`, `2m` or a number of seconds.', hint: 'Write durations like 500ms, 5s, 2m or 1.5.' },
  // -- merging many files ----------------------------------------------------
  DUPLICATE_DEFAULT: { severity: 'error', title: 'Two files of one app both set `default`.', hint: 'Keep one `default`; the other location is listed below.' },
  DUPLICATE_FLOW: { severity: 'error', title: 'Two flows with one id in one app.', hint: 'Rename one of the flows; the other location is listed below.' },
  DUPLICATE_ROUTE_NAME: { severity: 'error', title: 'Two routes with one name in one app.', hint: 'Route names must be unique within an app.' },
  DUPLICATE_APP: { severity: 'error', title: 'Two apps with one name in the config.', hint: 'Stasis app names must be unique.' },
  // -- semantic rules --------------------------------------------------------
  UNKNOWN_FLOW: { severity: 'error', title: 'A route, rule, default or call step names a flow that does not exist.', hint: 'Define the flow under `flows:` or fix the id.' },
  UNKNOWN_LABEL: { severity: 'error', title: 'A goto names a label that is not in scope.', hint: 'A goto may jump to a label in its own step list or an enclosing one.' },
  DUPLICATE_LABEL: { severity: 'error', title: 'Two labels with one name in one flow.', hint: 'Label names must be unique within a flow.' },
  UNREACHABLE_STEP: { severity: 'warning', title: 'A step can never run because the step before it always ends, jumps or leaves.', hint: 'Remove the step or move it before the step that ends the list.' },
  GOTO_UNBOUNDED: { severity: 'error', title: 'A goto jumps backwards with no `max`, so the loop has no bound.', hint: 'Write `goto: { label: NAME, max: N }`; after N jumps the goto falls through.' },
  DUPLICATE_ROUTE: { severity: 'error', title: 'Two routes match exactly the same calls at the same priority.', hint: 'Remove one, or give one a different priority or match.' },
  SHADOWED_ROUTE: { severity: 'warning', title: 'A route can never match because an earlier route matches every call it would.', hint: 'Raise its priority or narrow the earlier route.' },
  INVALID_REGEX: { severity: 'error', title: 'A regular expression that does not compile.', hint: 'Fix the expression; it is a JavaScript regex.' },
  INVALID_PATTERN: { severity: 'error', title: 'An Asterisk pattern (`_1XXX`) that is malformed.', hint: 'Patterns start with _ and use X, Z, N, [a-b], . and !.' },
  TEMPLATE_SYNTAX: { severity: 'error', title: 'A template that does not parse.', hint: 'Templates look like {{ vars.name }} or {{ metadata.queue | default: "sales" }}.' },
  UNKNOWN_TEMPLATE_VARIABLE: { severity: 'error', title: 'A template or condition reads a variable that does not exist.', hint: 'Templates can read call.*, metadata.* and vars.*; vars must be set by a step first.' },
  UNSET_VARIABLE: { severity: 'warning', title: 'A template reads vars.NAME but no step ever sets NAME.', hint: 'Set it with `set`, `listen_dtmf into`, `http save` or `record into`, or fix the name.' },
  UNKNOWN_METADATA: { severity: 'warning', title: 'A template reads metadata.NAME but no route of this app sets NAME.', hint: 'Add it to the route\'s metadata, or use `| default:` in the template.' },
  MENU_NO_EXIT: { severity: 'error', title: 'A menu offers the caller no way out.', hint: 'Give the menu at least one option, and make sure some branch leaves it.' },
  NO_DEFAULT: { severity: 'warning', title: 'The app has no `default`, so unmatched calls are hung up.', hint: 'Add `default: <flow>` to send unmatched calls somewhere.' },
  UNUSED_FLOW: { severity: 'warning', title: 'A flow that no route, rule, default or call step uses.', hint: 'Remove it or route calls to it.' },
  UNKNOWN_CALENDAR: { severity: 'error', title: 'A condition names a calendar the config does not declare.', hint: 'Declare it under `calendars:` in voxtra.config.yaml.' },
  RECURSIVE_CALL: { severity: 'error', title: 'A flow calls itself through `call` with no way to stop.', hint: 'Sub-flows may not call themselves, directly or through others.' },
  EMPTY_APP: { severity: 'error', title: 'An app has no routes, dispatch rules or default, so it can take no call.', hint: 'Add routes or a `default`.' },
  UNTRUSTED_TEMPLATE: { severity: 'error', title: 'A template that builds a URL or a recording name reads values callers control (vars, caller id, ...).', hint: 'Build URLs and names from metadata (and, for names, call.id); pass caller input as a query parameter or in the body.' },
  UNKNOWN_HTTP_SERVICE: { severity: 'error', title: 'An http step names a service the config does not declare under `http_services`.', hint: 'Declare it under `http_services:` in voxtra.config.yaml, or fix the name.' },
  // -- voxtra test scenario files -------------------------------------------
  NO_SCENARIO_FILES: { severity: 'error', title: '`voxtra test` found no scenario file (*.test.yaml, *.test.yml).', hint: 'Write scenarios in a file named like menu.test.yaml next to the flows (see docs/testing.md).' },
  SCENARIO_INVALID: { severity: 'error', title: 'A scenario value the schema allows but that cannot work (two timings on one action, a bad date, no extension).', hint: 'Fix the value as the message says; docs/testing.md describes every key.' },
  DUPLICATE_SCENARIO: { severity: 'error', title: 'Two scenarios with one name in one file.', hint: 'Scenario names must be unique within a file, so reports can name them.' },
  SCENARIO_UNKNOWN_APP: { severity: 'error', title: 'A scenario names a Stasis app the config does not declare.', hint: 'Use one of the apps listed in the message, or leave `app` out.' },
  SCENARIO_UNKNOWN_ROUTE: { severity: 'error', title: 'A scenario expects a route or dispatch rule the app does not have.', hint: 'Use a route or rule name from the flows, `default`, or null for no route.' },
  SCENARIO_UNKNOWN_FLOW: { severity: 'error', title: 'A scenario expects a flow the app does not have.', hint: 'Use a flow id from the flows (inline steps run as @route/NAME or @dispatch/NAME).' },
  SCENARIO_UNKNOWN_HTTP: { severity: 'error', title: 'A canned HTTP answer or expected request names something that is neither an http(s) URL nor an HTTP dispatch rule or HTTP service of the app.', hint: 'Use the URL the flows call, or the name of an http dispatch rule or of an http_services entry.' },
} as const satisfies Record<string, CodeEntry>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
