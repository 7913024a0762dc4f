// Lint, and the house's import boundaries (docs/architecture.md): a path tells where code may run.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

/** Forbidden import patterns, each with the reason shown to whoever breaks the rule. */
const forbid = (...groups) => [
  'error',
  {
    patterns: groups.map(([group, message, allowTypeImports = false]) => ({
      group,
      message,
      allowTypeImports,
    })),
  },
];

const NODE = [nodeBuiltins, 'shared/ and renderer/ run in the browser: no Node modules.'];
const ELECTRON = [
  ['electron', 'electron/*'],
  "Only electron/main and electron/preload import 'electron'.",
];
const VUE = [
  ['vue', 'vue/*', 'pinia', 'vuetify', 'vuetify/*', 'vue-router', 'vue-i18n'],
  'shared/ is pure TypeScript: no Vue.',
];
const DATABASE = [
  ['better-sqlite3', '**/db', '**/db/**'],
  'The database is reached through the backend only.',
];
// A router's *type* may cross a boundary (import type); its code may not.
const DESKTOP = [
  ['**/electron/**', '!**/electron/backend/router'],
  'Only the type of the app router crosses from electron/ to renderer/.',
];
const DESKTOP_ROUTER = [
  ['**/electron/backend/router'],
  'Import the app router with `import type` only.',
  true,
];
const PORTAL = [
  ['**/portal/**', '!**/portal/router'],
  'The desktop knows the portal by its router type only.',
];
const PORTAL_ROUTER = [
  ['**/portal/router'],
  'Import the portal router with `import type` only.',
  true,
];
const UPWARD = [
  ['**/renderer/**', '**/electron/**', '**/portal/**', '**/db/**'],
  'shared/ imports nothing of the other layers.',
];
const PDF = [
  ['**/pdf/**'],
  'pdf/ runs in Node only (it reads its fonts from disk): the portal and the backend render the PDFs.',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'test-results/',
      'playwright-report/',
      'resources/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Boundaries (must): see docs/architecture.md.
  {
    files: ['shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid(
        NODE,
        ELECTRON,
        VUE,
        DATABASE,
        UPWARD,
        PDF,
      ),
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid(ELECTRON, [
        ['**/electron/**', '**/renderer/**', '**/portal/**'],
        'db/ serves the backend and the portal; it imports only shared/.',
      ]),
    },
  },
  {
    files: ['electron/backend/**/*.ts', 'electron/host/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': forbid(ELECTRON, PORTAL, PORTAL_ROUTER) },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': forbid(PORTAL, PORTAL_ROUTER) },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid(
        NODE,
        ELECTRON,
        DATABASE,
        DESKTOP,
        DESKTOP_ROUTER,
        [['**/portal/**'], 'The renderer talks to its tRPC client only.'],
        PDF,
      ),
    },
  },
  {
    files: ['portal/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid(ELECTRON, [
        ['**/electron/**', '**/renderer/**'],
        'The portal never imports desktop code.',
      ]),
    },
  },
  {
    // The PDFs the administration issues, shared by the portal and the desktop backend.
    files: ['pdf/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid(ELECTRON, DATABASE, [
        ['**/electron/**', '**/renderer/**', '**/portal/**'],
        'pdf/ serves the portal and the backend alike: it imports shared/, pdf-lib, fontkit and Node only.',
      ]),
    },
  },
  {
    // The simulator plays applicants over HTTP: it knows the portal by its router type only.
    // Its tests may start a real portal and check generated files with the portal's upload check.
    files: ['simulator/**/*.ts'],
    ignores: ['simulator/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid(ELECTRON, PORTAL, PORTAL_ROUTER, [
        ['**/electron/**', '**/renderer/**', '**/db/**', 'better-sqlite3'],
        'The simulator is an applicant: it reaches the portal over HTTP only.',
      ]),
    },
  },
  prettier,
);
