// Lint fences the layers (see docs/architecture/overview.md):
//   src/core      pure TypeScript: no Node, Electron, React, DOM libraries
//   src/main      Node services; never imports the renderer
//   src/renderer  React app; never imports main or Node
//   src/preload   imports only electron and core/ipc
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'url', 'util', 'events', 'stream', 'worker_threads'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', '.tmp/**', 'dist/**', 'release/**', 'coverage/**', 'test-results/**', '**/__fixtures__/**', '**/*.generated.ts', 'tests/**/expected/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'src/core is pure TypeScript: no Node built-ins.' },
          { group: ['electron', 'react', 'react-dom', 'zustand', '@xyflow/*', 'better-sqlite3', 'ws', '@temporalio/*'], message: 'src/core imports only pure libraries (zod, dagre).' },
          { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/core never imports another layer.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer', '__dirname'],
    },
  },
  {
    // The runtime of generated workflows runs in the Temporal workflow sandbox and is vendored into
    // every generated project: @temporalio/workflow and the pure engine it ships with, nothing else.
    files: ['src/workflow-runtime/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'Workflow code is deterministic: no Node built-ins.' },
          { group: ['@temporalio/*', '!@temporalio/workflow', '!@temporalio/common'], message: 'Workflow code imports only @temporalio/workflow (and its @temporalio/common types).' },
          { group: ['electron', 'react', 'react-dom', 'zustand', '@xyflow/*', 'better-sqlite3', 'ws', 'zod', '@dagrejs/*'], message: 'The runtime is vendored: it imports only @temporalio/workflow and the engine it ships with.' },
          { group: ['**/main/**', '**/renderer/**', '**/preload/**', '../core/*', '!../core/graph', '!../core/orchestration'], message: 'The runtime ships src/core/graph and src/core/orchestration only.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer', '__dirname'],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/renderer/**', 'react', 'react-dom', 'zustand', '@xyflow/*'], message: 'src/main never imports the renderer.' },
          { group: ['**/preload/**'], message: 'src/main never imports preload.' },
        ],
      }],
    },
  },
  {
    // Only the thin Electron adapters may import electron, so every service runs under plain Node.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/renderer/**', 'react', 'react-dom', 'zustand', '@xyflow/*'], message: 'src/main never imports the renderer.' },
          { group: ['**/preload/**'], message: 'src/main never imports preload.' },
          { group: ['electron'], message: 'Only src/main/electron/* may import electron: services must run under plain Node.' },
        ],
      }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'The renderer is sandboxed: no Node built-ins.' },
          { group: ['electron', 'better-sqlite3', 'ws', '@temporalio/*'], message: 'The renderer talks to main only through window.api.' },
          { group: ['**/main/**', '**/preload/**'], message: 'The renderer never imports main or preload.' },
        ],
      }],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/main/**', '**/renderer/**'], message: 'preload imports only electron and core/ipc.' },
          { group: ['**/core/*', '!**/core/ipc', '!**/core/ipc/*'], message: 'preload imports only electron and core/ipc.' },
        ],
      }],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'src/main/**/*.mjs', 'tests/**/*.{ts,js,mjs,cjs}', 'benchmarks/**/*.ts', '*.config.{ts,mjs}', '.ci/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
);
