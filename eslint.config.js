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
const storeOnlySyntax = [
  { selector: "MemberExpression[property.name='capabilities']", message: engineBlind },
  {
    selector:
      'CallExpression[callee.property.name=/^(transaction|setIsolationLevel|setAccessMode|selectFrom|insertInto|updateTable|deleteFrom|getExecutor)$/]',
    message: engineBlind,
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
      'no-restricted-imports': [
        'error',
        { paths: databaseDrivers, patterns: [{ group: ['**/store/capabilities.js'], message: engineBlind }] },
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
