// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * A file knows where it runs. These rules refuse imports that would break that:
 * - renderer/ runs in a sandboxed browser page: no Node built-ins, no Electron, no server code;
 * - shared/ runs everywhere: additionally no React and no DOM globals;
 * - electron/ and sync-server/ never import the renderer or each other.
 */
// Matched as whole module names (a local folder called `crypto/` is fine; `crypto` is not).
const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'stream',
  'worker_threads',
  'better-sqlite3',
  'fastify',
];
const NODE_PATTERNS = ['node:*', 'fs/*', '@fastify/*'];
const ELECTRON = ['electron'];
const ELECTRON_PATTERNS = ['electron/*'];
/** `names` are exact module names, `groups` gitignore-style patterns. */
const noImports = (names, groups, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.map((name) => ({ name, message })),
      patterns: groups.length > 0 ? [{ group: groups, message }] : [],
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...noImports(
        [...NODE_BUILTINS, ...ELECTRON],
        [...NODE_PATTERNS, ...ELECTRON_PATTERNS, '**/electron/**', '**/sync-server/**'],
        'The renderer runs in a sandboxed page: no Node, Electron or server code (use window.kindred or shared/).',
      ),
    },
  },
  {
    files: ['renderer/public/sw.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ['renderer/vite.config.ts', 'renderer/test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      ...noImports(
        [...NODE_BUILTINS, ...ELECTRON, 'react', 'react-dom', 'rxdb/plugins/react'],
        [
          ...NODE_PATTERNS,
          ...ELECTRON_PATTERNS,
          'react/*',
          'react-dom/*',
          '**/renderer/**',
          '**/electron/**',
          '**/sync-server/**',
        ],
        'shared/ is used by every process: no Node, Electron, React, DOM or part-specific code.',
      ),
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'localStorage',
        'navigator',
        'process',
        'Buffer',
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: noImports(
      [],
      ['**/renderer/**', '**/sync-server/**'],
      'The desktop shell never imports renderer or server code.',
    ),
  },
  {
    files: ['sync-server/**/*.ts'],
    rules: noImports(
      ['react', 'react-dom', ...ELECTRON],
      ['**/renderer/**', '**/electron/**', ...ELECTRON_PATTERNS],
      'The sync server never imports renderer or shell code.',
    ),
  },
);
