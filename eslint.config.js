import tseslint from 'typescript-eslint';

const noFocusedTests = {
  selector: 'CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]',
  message: 'No focused or skipped tests.',
};
const noOwnTimeout =
  'A test has no timeout of its own: the one in jest.config.js (10 min) only stops a hung test, and a shorter one fails by chance on a loaded machine. See docs/testing.md';
const noWallClock =
  'Tests do not read the wall clock: how fast something is belongs in a bench (`pnpm bench`, docs/benchmarks.md); time in the code under test comes from an injected clock (ManualClock); to wait for another process use waitUntil (engine/test/support), a bounded wait for a condition. See docs/testing.md.';

const oneEnvironmentReader =
  'The environment is read in one place: processEnvironment() (packages/engine/src/config.ts), handed to the loaders (loadConfig, loadServerConfig, loadWorkerConfig, loadMailConfig), which validate it once and freeze it (docs/configuration.md). Take the setting from a loaded config, or an env parameter.';

const engineInternal =
  'The engine is the only door: product code holds an Engine and calls the main entry (@esa-flow/engine); @esa-flow/engine/internal (the database handle, the table types) is for the engine, tests, benches and scripts (docs/architecture.md, "The engine\'s door").';

const engineDoor =
  'Only the engine talks to the database: call an Engine command or read model instead of building SQL here (docs/architecture.md, "The engine\'s door").';
const engineDoorSyntax = [
  {
    selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)$/]',
    message: engineDoor,
  },
  { selector: "TaggedTemplateExpression[tag.name='sql']", message: engineDoor },
  { selector: "TaggedTemplateExpression[tag.object.name='sql']", message: engineDoor },
];

const webApiDoor =
  "The web calls the API through its typed client (packages/web/src/lib/api.ts): client.GET('/api/cases/{caseId}', { params: { path: { caseId } } }), useApiGet, useLoad, uploadSpreadsheet. The route, its parameters, its body and its answer are the OpenAPI document's (api.generated.ts), never a type written by hand (docs/web.md).";
const webTypedCall =
  'A call of the API names no type of its own: the answer is typed from the route (a type argument here would be a hand-written API type). See docs/web.md.';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'coverage/**', 'packages/web/src/lib/api.generated.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', noFocusedTests],
    },
  },
  {
    // Tests never time themselves (a loaded CI machine makes any wall-clock limit fail by chance).
    // This option replaces the one above for these files, so the focused-test rule is repeated.
    files: ['packages/*/test/**/*.{ts,tsx,js,mjs}'],
    ignores: ['packages/engine/test/support/wait-until.ts'], // the one bounded wait that reads the clock
    rules: {
      'no-restricted-syntax': [
        'error',
        noFocusedTests,
        { selector: "CallExpression[callee.object.name='performance'][callee.property.name='now']", message: noWallClock },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: noWallClock },
        { selector: "MemberExpression[object.name='process'][property.name='hrtime']", message: noWallClock },
        { selector: "CallExpression[callee.object.name='jest'][callee.property.name='setTimeout']", message: noOwnTimeout },
        { selector: 'CallExpression[callee.name=/^(it|test)$/][arguments.length=3]', message: noOwnTimeout },
        {
          selector: 'CallExpression[callee.name=/^(beforeAll|afterAll|beforeEach|afterEach)$/][arguments.length=2]',
          message: noOwnTimeout,
        },
      ],
    },
  },
  {
    // The database belongs to the engine: no Kysely/pg import and no query building elsewhere.
    files: ['packages/{server,workflows,worker,app,web}/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'kysely', message: engineDoor },
            { name: 'pg', message: engineDoor },
            { name: '@esa-flow/engine/internal', message: engineInternal },
          ],
          patterns: [{ group: ['kysely/*', 'pg/*', 'pg-*'], message: engineDoor }],
        },
      ],
      'no-restricted-syntax': ['error', noFocusedTests, ...engineDoorSyntax],
    },
  },
  {
    // The web reaches the API only through the typed client in src/lib (issue 17): no fetch of its own
    // elsewhere, and no type argument on a call of the client. This option replaces the one above for
    // these files, so its selectors are repeated.
    files: ['packages/web/src/**/*.{ts,tsx}'],
    ignores: ['packages/web/src/lib/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: webApiDoor }],
      'no-restricted-syntax': [
        'error',
        noFocusedTests,
        ...engineDoorSyntax,
        { selector: "MemberExpression[object.name=/^(window|globalThis|self)$/][property.name='fetch']", message: webApiDoor },
        { selector: "CallExpression[callee.object.name='client'][typeArguments]", message: webTypedCall },
        {
          selector: 'CallExpression[callee.name=/^(useApiGet|useLoad|uploadSpreadsheet|api|useApi)$/][typeArguments]',
          message: webTypedCall,
        },
        { selector: 'ImportSpecifier[imported.name=/^(api|useApi)$/]', message: webApiDoor },
      ],
    },
  },
  {
    // The documents package builds files from data it is given: no database, no engine internals.
    files: ['packages/documents/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@esa-flow/engine/internal', message: engineInternal }] }],
    },
  },
  {
    // One reader of the environment in the product's code; tests, benches and scripts may read it.
    files: ['packages/*/src/**/*.{ts,tsx,js,mjs}'],
    ignores: ['packages/engine/src/config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: oneEnvironmentReader }],
    },
  },
  {
    // Migrations are frozen in time and must not depend on today's table types (Kysely's documented pattern).
    files: ['**/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
