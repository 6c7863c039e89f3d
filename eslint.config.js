// Lint rules that keep Rolecall's architecture honest: where each file may run decides what
// it may import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // The brain and the CLI run in plain Node: Electron is not there.
    files: ['main/core/**', 'main/cli/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'main/core and the CLI run in plain Node: no electron import.' }],
        patterns: [{ group: ['electron/*'], message: 'main/core and the CLI run in plain Node: no electron import.' }],
      }],
    },
  },
  {
    // Only the IPC layer talks to Electron's IPC objects.
    files: ['main/**'],
    ignores: ['main/ipc/**', 'main/core/**', 'main/cli/**'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]",
        message: 'ipcMain and ipcRenderer belong to main/ipc and preload only.',
      }],
    },
  },
  {
    // The renderer is a sandboxed web page: no Node, no Electron, no main-process code
    // except the shared IPC contract and the domain model it speaks.
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer talks to main through window.rolecall only.' }],
        patterns: [
          { group: nodeBuiltins, message: 'The renderer has no Node.' },
          { group: ['**/main/**', '!**/main/ipc', '!**/main/ipc/contract', '!**/main/core', '!**/main/core/model'], message: 'The renderer may import only the IPC contract and the domain model from main.' },
        ],
      }],
    },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
