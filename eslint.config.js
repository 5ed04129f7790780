import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layers from './tools/eslint-layers.js';

const databaseDrivers = ['kysely', 'pg', 'better-sqlite3'].map((name) => ({
  name,
  message: 'Only src/store talks to the database: use a store function or a store capability.',
}));

// What differs between SQLite and PostgreSQL (transactions, isolation, SKIP LOCKED, parameter limits) is
// decided inside the store, from the handle a store function is given: above it nothing asks which engine runs.
const engineBlind = 'Above src/store nothing knows the engine or drives Kysely: call a store function that decides for itself.';
const capabilitiesPattern = { group: ['**/store/capabilities.js'], message: engineBlind };
const storeOnlySyntax = [
  { selector: "MemberExpression[property.name='capabilities']", message: engineBlind },
  {
    selector:
      'CallExpression[callee.property.name=/^(transaction|setIsolationLevel|setAccessMode|selectFrom|insertInto|updateTable|deleteFrom|getExecutor)$/]',
    message: engineBlind,
  },
];

// The domain holds rules only: no process-wide memo. A module-level Map, WeakMap, Set or WeakSet is
// refused unless typed ReadonlyMap/ReadonlySet (a constant table, which nothing can fill); a memo
// belongs to whoever holds what it is keyed by (docs/architecture.md, "Memos and caches").
const noModuleMemo =
  'src/domain holds no process-wide memo: keep it where its data is held (a service, the snapshot holder, the composition root) and pass it in. A constant table is typed ReadonlyMap/ReadonlySet.';
const moduleLevel = ':matches(Program, ExportNamedDeclaration) > VariableDeclaration > VariableDeclarator';
const notReadonly = ':not([id.typeAnnotation.typeAnnotation.typeName.name=/^Readonly(Map|Set)$/])';
const collection = '/^(Map|WeakMap|Set|WeakSet)$/';
const domainSyntax = [
  { selector: `${moduleLevel}${notReadonly}[init.type='NewExpression'][init.callee.name=${collection}]`, message: noModuleMemo },
  {
    selector: `${moduleLevel}${notReadonly}[init.expression.type='NewExpression'][init.expression.callee.name=${collection}]`,
    message: noModuleMemo,
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.bench/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    plugins: { beacon: layers },
    rules: {
      'beacon/layer-boundaries': 'error',
      'no-restricted-imports': ['error', { paths: databaseDrivers }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      // Input validation matches control characters on purpose.
      'no-control-regex': 'off',
      // A closure may read a variable that is assigned once, after it (a holder the context announces to).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // The store is where the database drivers live.
    files: ['src/store/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/**'],
    ignores: ['src/store/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-syntax': ['error', ...storeOnlySyntax],
      'no-restricted-imports': ['error', { paths: databaseDrivers, patterns: [capabilitiesPattern] }],
    },
  },
  {
    // Only where snapshots are loaded or held (services, the CLI) is a page-kinds index built; a request asks its snapshot source.
    files: ['src/web/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: databaseDrivers,
          patterns: [
            capabilitiesPattern,
            {
              group: ['**/domain/pages/page-kinds-index.js'],
              importNames: ['buildPageKindsIndex'],
              message:
                'Ask the snapshot source for the index (`snapshots.pageKinds(snapshot)`): it keeps one per snapshot, not one per request.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may reach below and beside their subject (fixtures, a loader to check a store) and set up databases.
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'bench/**'],
    rules: { 'beacon/layer-boundaries': 'off' },
  },
  {
    // Test set-up creates and empties databases.
    files: ['test/helpers/**', 'test/global-setup.ts', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/domain/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', ...storeOnlySyntax, ...domainSyntax] },
  },
  {
    files: ['src/domain/**', 'src/services/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    files: ['bench/**/*.mjs', 'scripts/**/*.mjs', 'tools/**/*.js', '*.js'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
        URLSearchParams: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        setImmediate: 'readonly',
        queueMicrotask: 'readonly',
      },
    },
  },
);
