// The end-to-end tests run the real bundles in out/. They are rebuilt with `electron-vite build` when
// missing or older than their sources; a lock directory keeps two test files from building at once.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
export const OUT = join(ROOT, 'out');
export const RENDERER_DIR = join(OUT, 'renderer');
export const PRELOAD_BUNDLE = join(OUT, 'preload', 'index.js');
export const MAIN_BUNDLE = join(OUT, 'main', 'index.js');

const SOURCES = ['renderer', 'shared', 'electron/preload', 'electron/main', 'electron/core', 'electron.vite.config.ts'];
const OUTPUTS = [join(RENDERER_DIR, 'index.html'), PRELOAD_BUNDLE, MAIN_BUNDLE];

function newest(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function isFresh(): boolean {
  if (!OUTPUTS.every((file) => existsSync(file))) return false;
  const built = Math.min(...OUTPUTS.map((file) => statSync(file).mtimeMs));
  return SOURCES.every((source) => !existsSync(join(ROOT, source)) || newest(join(ROOT, source)) <= built);
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function lockAge(lock: string): number {
  try {
    return statSync(lock).mtimeMs;
  } catch {
    return Date.now();
  }
}

export async function ensureBuilt(): Promise<void> {
  const lock = join(ROOT, 'out', '.e2e-build-lock');
  mkdirSync(OUT, { recursive: true });
  for (let waited = 0; ; waited += 250) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a run that was killed mid-build is taken over once it is clearly stale.
      if (Date.now() - lockAge(lock) > 300_000) rmSync(lock, { recursive: true, force: true });
      if (waited > 180_000) throw new Error('Another test has been building out/ for three minutes.');
      await sleep(250);
    }
  }
  try {
    if (!isFresh()) execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'pipe', timeout: 170_000 });
  } finally {
    rmdirSync(lock);
  }
}
