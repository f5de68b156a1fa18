/**
 * One Jest run for the whole workspace. Test files are ESM TypeScript,
 * transformed by SWC (type-checking is `pnpm typecheck`'s job).
 * Every test file gets its own PostgreSQL database cloned from a template
 * that globalSetup migrates once (see packages/engine/test/support).
 * @type {import('jest').Config}
 */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages'],
  testMatch: ['**/test/**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      },
    ],
  },
  globalSetup: '<rootDir>/packages/engine/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/packages/engine/test/support/global-teardown.ts',
  // only to stop a hung test: nothing here asserts speed (benches do), and a loaded machine may be slow
  testTimeout: 600_000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
};
