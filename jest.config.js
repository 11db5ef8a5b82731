/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 20000,
  // A worker that has run a hundred suites holds a large heap, and its GC then bills CPU time to whatever runs
  // next: test/testing/performance.test.ts (a CPU-time bound, ~0.5 s alone) read over 2 s in such a worker.
  // Past this much memory after a suite, the worker is replaced by a fresh one.
  workerIdleMemoryLimit: '512MB',
};
