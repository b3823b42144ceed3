// Bundles the command-line programs on their own: `git-credential-latch` starts for every git fetch and
// push, so its bundle holds only what `get` needs — no Electron, no React, no undici, no zod. The index
// store it writes through on `store` and `erase` is a second file (helper-store.js) it loads on demand.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  legalComments: 'none',
  // Native keychain binding: resolved from node_modules at run time.
  external: ['@napi-rs/keyring', 'electron'],
  logLevel: 'warning',
};

await build({ ...common, entryPoints: { latch: 'electron/cli/latch.ts' }, outdir: 'out/cli' });
await build({
  ...common,
  entryPoints: {
    'git-credential-latch': 'electron/cli/git-credential-latch.ts',
    'helper-store': 'electron/cli/helper-store.ts',
  },
  outdir: 'out/cli',
  minify: true,
});
