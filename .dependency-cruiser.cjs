/**
 * Module boundaries, checked by `pnpm test` (`pnpm run check:deps`).
 *
 * No cycle anywhere in the workspace's sources (type-only imports count too).
 * That only the engine talks to the database is an ESLint rule (eslint.config.js).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle between modules: move what both need into a module of its own.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
