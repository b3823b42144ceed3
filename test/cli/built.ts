// The real CLI bundles, built once per test file (scripts/build-cli.mjs renames finished files into
// out/cli, so test files building at the same time never see half a bundle).
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');
export const LATCH_BIN = join(REPO, 'bin', 'latch.cjs');
export const HELPER_BIN = join(REPO, 'bin', 'git-credential-latch.cjs');

let built = false;

export function buildCli(): void {
  if (built) return;
  execFileSync(process.execPath, [join(REPO, 'scripts', 'build-cli.mjs')], { cwd: REPO, stdio: 'inherit' });
  built = true;
}
