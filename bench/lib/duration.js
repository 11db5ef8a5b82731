// Duration arguments of the bench drivers: `500ms`, `10s`, `2m`, or a bare number of seconds.
'use strict';

function parseDuration(text) {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text);
  if (!m) throw new Error(`not a duration: ${text}`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000 }[m[2] || 's'];
}

module.exports = { parseDuration };
