#!/usr/bin/env node
// `voxtra` from a given build: `node voxtra-cli.js <dist> run ...` runs <dist>/cli/main.js
// (bench/calls runs the current build and, as `voxtra-base`, an older one side by side).
'use strict';

const path = require('node:path');

const [dist] = process.argv.splice(2, 1);
require(path.resolve(dist, 'cli/main.js'))
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
