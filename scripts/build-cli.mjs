// Bundles the command-line programs on their own: `git-credential-latch` starts for every git fetch and
// push, so its bundle holds only what `get` needs — no Electron, no React, no undici, no zod. The index
// store it writes through on `store` and `erase` is a second file (helper-store.js) it loads on demand,
// and so is the host check (helper-check.js). `latch token get` and `latch exec` get the same treatment
// (latch-fast.js, which bin/latch.cjs runs before loading the full CLI).
// Files are built aside and renamed into out/cli, so a test process running the CLI while another
// rebuilds it never sees half a file.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'out', 'cli');
mkdirSync(outdir, { recursive: true });
const staging = mkdtempSync(join(root, 'out', '.cli-'));

/**
 * The keychain binding is a native module, loaded at run time, never bundled. From a checkout it is in
 * node_modules; in the packaged app the bundles sit in resources/cli and the binding in
 * resources/app.asar.unpacked/node_modules (electron-builder.config.cjs), which plain Node resolution
 * from resources/cli would not find.
 */
const keyringBeside = {
  name: 'keyring-beside-the-app',
  setup(build) {
    build.onResolve({ filter: /^@napi-rs\/keyring$/ }, (args) =>
      args.namespace === 'keyring' ? { path: args.path, external: true } : { path: args.path, namespace: 'keyring' },
    );
    build.onLoad({ filter: /.*/, namespace: 'keyring' }, () => ({
      loader: 'js',
      contents: [
        "const { existsSync } = require('node:fs');",
        "const { join } = require('node:path');",
        "const packaged = join(__dirname, '..', 'app.asar.unpacked', 'node_modules', '@napi-rs', 'keyring');",
        "module.exports = existsSync(packaged) ? require(packaged) : require('@napi-rs/keyring');",
      ].join('\n'),
    }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  legalComments: 'none',
  external: ['electron'],
  plugins: [keyringBeside],
  logLevel: 'warning',
  outdir: staging,
};

try {
  await build({ ...common, entryPoints: { latch: 'electron/cli/latch.ts' } });
  await build({
    ...common,
    entryPoints: {
      'git-credential-latch': 'electron/cli/git-credential-latch.ts',
      'helper-store': 'electron/cli/helper-store.ts',
      'helper-check': 'electron/cli/helper-check.ts',
      // `latch token get` and `latch exec`: bin/latch.cjs tries this first (no zod, no host code).
      'latch-fast': 'electron/cli/latch-fast.ts',
    },
    minify: true,
  });
  for (const name of readdirSync(staging)) renameSync(join(staging, name), join(outdir, name));
} finally {
  rmSync(staging, { recursive: true, force: true });
}
