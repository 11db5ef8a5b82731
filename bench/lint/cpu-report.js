// Preloaded into the CLI by the lint bench (`node -r bench/lint/cpu-report.js bin/voxtra ...`):
// writes the process's CPU time (user + system, ms) as the last stderr line when it exits, so a
// loaded machine's waiting time can be told apart from the work.
'use strict';

const { writeSync } = require('node:fs');

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeSync(2, `\nvoxtra-bench-cpu-ms ${((user + system) / 1000).toFixed(1)}\n`);
});
