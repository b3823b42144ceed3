// Lint keeps the arrows of the design one way:
// renderer -> shared; electron/main -> core -> shared; cli -> core -> shared; preload -> shared.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import noImportCycle from './eslint-rules/no-import-cycle.mjs';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const noElectron = { group: ['electron'], message: 'Only electron/main and electron/preload may import electron.' };
const noRenderer = { group: ['**/renderer/**'], message: 'Nothing imports the renderer.' };
const noMain = { group: ['**/electron/main/**', '**/main/**'], message: 'Nothing imports electron/main.' };
const noCore = { group: ['**/core/**', '**/electron/**'], message: 'This layer may not reach into electron/.' };
const noNode = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'undici', '@napi-rs/*'], message: 'This layer runs without Node.' };

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // No import cycles in product code, type-only imports included: inside a layer too, modules depend one way.
  {
    files: ['shared/**', 'electron/**', 'renderer/**'],
    plugins: { latch: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: { 'latch/no-import-cycle': 'error' },
  },
  { files: ['shared/**'], rules: restrict([noElectron, noRenderer, noMain, noCore, noNode]) },
  { files: ['renderer/**'], plugins: { 'react-hooks': reactHooks }, rules: { ...reactHooks.configs.recommended.rules, ...restrict([noElectron, noMain, noCore, noNode]) } },
  { files: ['electron/core/**', 'electron/cli/**'], rules: restrict([noElectron, noRenderer, noMain]) },
  { files: ['electron/preload/**'], rules: restrict([noRenderer, noMain, { group: ['**/core/**'], message: 'The preload reaches only shared/.' }]) },
  { files: ['electron/main/**'], rules: restrict([noRenderer]) },
  { files: ['scripts/**', 'bench/**', '*.config.*'], languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly' } } },
);
