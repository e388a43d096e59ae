// Lint rules for all of Fanout. The import restrictions keep the layers pointing one way
// (see ../shared/STYLE.md): shared code knows neither Node nor the DOM, protocol code knows
// nothing of Electron, SQLite or React, and the renderer reaches main only through the bridge.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto'];

export default tseslint.config(
  {
    ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/out/**', 'src-main/store/migrations/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['src-shared/**/*.ts'],
    ignores: ['src-shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, 'electron', 'react', 'better-sqlite3', 'drizzle-orm*', 'serialport', '@serialport/*', '**/src-main/**', '**/src-renderer/**'] }],
    },
  },
  {
    files: ['src-main/modem/**/*.ts', 'src-main/simulator/**/*.ts'],
    rules: {
      // Serial traffic is full of control characters (CR, LF, Ctrl-Z, ESC); matching them is the job here.
      'no-control-regex': 'off',
      'no-restricted-imports': ['error', { patterns: ['electron', 'react', 'better-sqlite3', 'drizzle-orm*', '**/store/**', '**/engine/**', '**/service/**', '**/transport/**', '**/src-renderer/**'] }],
    },
  },
  {
    files: ['src-main/store/**/*.ts', 'src-main/contacts/**/*.ts', 'src-main/engine/**/*.ts', 'src-main/service/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['electron', 'react', '**/src-renderer/**', '**/transport/**', '**/electron/**', '**/cli/**'] }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, 'electron', 'better-sqlite3', 'drizzle-orm*', 'serialport', '@serialport/*', '**/src-main/**'] }],
    },
  },
);
