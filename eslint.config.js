// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layering table of ARCHITECTURE.md, enforced: each folder lists the
 * folders and packages it must never import. A relative import is matched by
 * the folder name anywhere in its path ("../../db/queries/org" → db).
 */
const FOLDERS = ['common', 'core', 'db', 'electron', 'webhost', 'renderer', 'county'];

/**
 * @param {string[]} folders @param {string[]} packages @param {string} why
 * @param {{ regex: string, message: string }[]} [extra] more patterns for the same files (one rule per file set)
 */
function forbid(folders, packages, why, extra = []) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...folders.map((folder) => ({
            regex: `^(\\.\\.?/)+(.*/)?${folder}(/|$)`,
            message: `${why} (ARCHITECTURE.md, layout table: this folder may not import ${folder}/).`,
          })),
          ...packages.map((pkg) => ({
            regex: `^${pkg.replace('*', '.*')}$`,
            message: `${why} (ARCHITECTURE.md, layout table: this folder may not import ${pkg.startsWith('(?!') ? 'packages other than zod' : pkg}).`,
          })),
          ...extra,
        ],
      },
    ],
  };
}

const others = (/** @type {string[]} */ allowed) => FOLDERS.filter((f) => !allowed.includes(f));
const NODE_AND_DESKTOP = [
  'electron',
  'better-sqlite3',
  'ws',
  'socket.io',
  'socket.io-client',
  'node:.*',
  'fs',
  'path',
  'os',
  'crypto',
];

/** The county console's browser app speaks Socket.IO to its county center; nothing else of Node. */
const CONSOLE_BROWSER_FORBIDS = NODE_AND_DESKTOP.filter((p) => p !== 'socket.io-client');

/**
 * All SQL lives in db/, behind typed query functions on the cached statement
 * helper: outside db/ nothing prepares or executes SQL text. A RegExp's
 * `.exec(text)` stays legal: only `.exec` of a string or template literal,
 * and any `.prepare(`, are refused.
 */
const SQL_OUTSIDE_DB = 'SQL belongs in db/: add a typed query function there on sql<Row>() from db/statements.ts';
const NO_SQL_OUTSIDE_DB = {
  'no-restricted-syntax': [
    'error',
    { selector: "CallExpression[callee.property.name='prepare']", message: `${SQL_OUTSIDE_DB} (no .prepare( outside db/).` },
    {
      selector:
        "CallExpression[callee.property.name='exec']:not([callee.object.regex]):matches([arguments.0.type='Literal'], [arguments.0.type='TemplateLiteral'])",
      message: `${SQL_OUTSIDE_DB} (no .exec( of SQL text outside db/).`,
    },
  ],
};

/**
 * TEMPORARY (issue 17): folders whose SQL other helpers are moving into db/ on
 * their own branches right now. The coordinator deletes this list once those
 * branches are merged; nothing new may be added to it.
 */
const SQL_OUTSIDE_DB_NOT_YET_MOVED = [];

/**
 * TEMPORARY (issue 17): tests and benchmarks that still read or damage the
 * database with SQL of their own (audit-chain tampering, restore checks,
 * state counts). Listed by file so that no new file can join them; each
 * moves its SQL into db/testing.ts (see the crash harness) and leaves this
 * list. Nothing new may be added to it.
 */
const RAW_SQL_TESTS_NOT_YET_MOVED = ['county/county.test.ts', 'county/rev2.test.ts'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-electron/',
      'release/',
      'renderer/dist/',
      'county/console/dist/',
      '.data/',
      'e2e/screenshots/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...forbid(
        others(['renderer', 'common']),
        NODE_AND_DESKTOP,
        'The renderer talks to the core only through the contract client',
      ),
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    // ARCHITECTURE.md rule 8, "only stores call the API": views, components and
    // composables ask a store. The one module they may still import from api/ is
    // errors.ts: the ClientError vocabulary, types plus a constant, no way to call.
    // main.ts needs no exception: the client picks its transport on the first call.
    files: ['renderer/src/**/*.{ts,vue}'],
    ignores: ['renderer/src/stores/**', 'renderer/src/api/**'],
    rules: forbid(
      others(['renderer', 'common']),
      NODE_AND_DESKTOP,
      'The renderer talks to the core only through the contract client',
      [
        {
          regex: '^(@/|(\\.\\.?/)+(.*/)?)api(/(?!errors$).*)?$',
          message:
            'Only stores (renderer/src/stores/) call the API client; move the call into a useXxxStore action (ARCHITECTURE.md, rule 8).',
        },
      ],
    ),
  },
  {
    files: ['common/**/*.ts'],
    rules: forbid(others(['common']), ['(?!zod$|vitest$)[^.].*'], 'common/ holds the contract and may import zod only'),
  },
  {
    files: ['core/**/*.ts'],
    rules: forbid(
      others(['core', 'common', 'db']),
      ['electron', 'vue', 'pinia', 'element-plus'],
      'core/ is plain Node: no Electron, no UI',
    ),
  },
  {
    // Sync tests run the reference county center against the real client; production core/ never imports it.
    files: ['core/testing/**/*.ts', 'core/sync/**/*.test.ts'],
    rules: forbid(
      others(['core', 'common', 'db', 'county']),
      ['electron', 'vue', 'pinia', 'element-plus'],
      'core/ is plain Node: no Electron, no UI',
    ),
  },
  {
    files: ['db/**/*.ts'],
    rules: forbid(
      others(['db', 'common']),
      ['electron', 'vue', 'socket.io-client'],
      'db/ knows only SQLite and the contract types',
    ),
  },
  {
    files: ['electron/**/*.ts'],
    rules: forbid(
      others(['electron', 'core', 'common']),
      ['better-sqlite3'],
      'The Electron shell reaches the database only through core/',
    ),
  },
  {
    files: ['webhost/**/*.ts'],
    rules: forbid(
      others(['webhost', 'core', 'common']),
      ['electron', 'better-sqlite3'],
      'The web shell reaches the database only through core/',
    ),
  },
  {
    files: ['county/**/*.ts'],
    rules: forbid(others(['county', 'common']), ['electron'], 'The county center shares only the contract and protocol schemas'),
  },
  {
    // The county console reuses the app's sign-in rules: password hashing and the login guard are
    // pure modules (no township database), so only those two of core/ may be imported.
    files: ['county/console/**/*.ts'],
    ignores: ['county/console/web/**'],
    rules: forbid(
      others(['county', 'common', 'core']),
      ['electron'],
      'The county center shares only the contract and protocol schemas',
      [
        {
          regex: '^(\\.\\.?/)+(.*/)?core/(?!auth/(password|login-guard)$)',
          message:
            'The county console may import only core/auth/password and core/auth/login-guard (pure, no township database).',
        },
      ],
    ),
  },
  {
    // The county console's browser app: like the renderer, no Node, and only its stores call the API.
    files: ['county/console/web/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: forbid(others(['county', 'common']), CONSOLE_BROWSER_FORBIDS),
  },
  {
    files: ['county/console/web/src/**/*.{ts,vue}'],
    ignores: ['county/console/web/src/stores/**', 'county/console/web/src/api.ts', 'county/console/web/src/format.ts'],
    rules: forbid(others(['county', 'common']), CONSOLE_BROWSER_FORBIDS, [
      { regex: '^(\\.\\.?/)+api$', message: 'Only stores call the console API (ARCHITECTURE.md rule 8).' },
    ]),
  },
  {
    files: ['**/*.ts', '**/*.vue', '**/*.js'],
    // county/store/ is the county center's own database layer (its engines): county/ may not import db/ (layering above).
    ignores: ['db/**', 'county/store/**', ...SQL_OUTSIDE_DB_NOT_YET_MOVED, ...RAW_SQL_TESTS_NOT_YET_MOVED],
    rules: NO_SQL_OUTSIDE_DB,
  },
  prettier,
);
