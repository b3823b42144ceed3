// Builds a TypeScript entry into one CommonJS file so a test can run it as a separate Node process
// (another Latch process racing for the index, a process with no D-Bus session, ...).
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../../..');

export async function bundle(entry: string): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'latch-bundle-')), 'entry.cjs');
  await build({
    entryPoints: [resolve(REPO, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The keyring's native binary is found through NODE_PATH (see childEnv).
    external: ['@napi-rs/keyring'],
    logLevel: 'silent',
  });
  return outfile;
}

/** Environment for a bundled child: resolves external packages from the repository. */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_PATH: join(REPO, 'node_modules'), ...extra };
}
