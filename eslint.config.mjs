// Lint keeps the arrows of the design one way:
// renderer -> shared; electron/main -> core -> shared; cli -> core -> shared; preload -> shared.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import noImportCycle from './eslint-rules/no-import-cycle.mjs';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
// Each message names the rule that was broken, and holds for every group of files it is used in.
// The package only: a bare 'electron' group would also match every path through the electron/ folder.
const noElectron = { regex: '^electron(/|$)', message: 'Only electron/main and electron/preload may import the electron package.' };
const noRenderer = { group: ['**/renderer/**'], message: 'Nothing imports the renderer.' };
const noMain = { group: ['**/electron/main/**', '**/main/**'], message: 'Nothing imports electron/main.' };
const NODE = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'undici', '@napi-rs/*'];
/** A relative import through one of these folders (a glob would also match the package `electron/main`). */
const through = (...folders) => `^\\.\\.?/(.*/)?(${folders.join('|')})(/|$)`;
const sharedAlone = {
  regex: through('electron'),
  message: 'shared/ imports nothing from the rest of Latch: every layer builds on it, so it depends on none of them.',
};
const sharedNoNode = { group: NODE, message: 'shared/ runs in the renderer too, where there is no Node.' };
const rendererNoElectronFolder = {
  regex: through('electron'),
  message: 'The renderer imports nothing from electron/: it reaches the core only through window.latch (renderer/bridge.ts).',
};
const rendererNoNode = { group: NODE, message: 'The renderer runs without Node.' };
const SANDBOXED = 'The preload is sandboxed and can require only electron at run time: besides electron it imports only shared/, which is bundled in.';
const preloadSandboxed = [
  { regex: through('core', 'cli'), message: SANDBOXED },
  { group: NODE, message: SANDBOXED },
];

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
  { files: ['shared/**'], rules: restrict([noElectron, noRenderer, noMain, sharedAlone, sharedNoNode]) },
  { files: ['renderer/**'], plugins: { 'react-hooks': reactHooks }, rules: { ...reactHooks.configs.recommended.rules, ...restrict([noElectron, noMain, rendererNoElectronFolder, rendererNoNode]) } },
  { files: ['electron/core/**', 'electron/cli/**'], rules: restrict([noElectron, noRenderer, noMain]) },
  { files: ['electron/preload/**'], rules: restrict([noRenderer, noMain, ...preloadSandboxed]) },
  { files: ['electron/main/**'], rules: restrict([noRenderer]) },
  { files: ['scripts/**', 'bench/**', '*.config.*'], languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', module: 'readonly' } } },
);
