// An isolated home for real git: its own global config, no system config, never a prompt.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GitHome {
  dir: string;
  env: NodeJS.ProcessEnv;
  cleanup: () => void;
}

export function gitHome(extra: NodeJS.ProcessEnv = {}): GitHome {
  const dir = mkdtempSync(join(tmpdir(), 'latch-git-home-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    ...extra,
  };
  delete env.GIT_CONFIG_GLOBAL;
  delete env.GIT_DIR;
  return { dir, env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A served bare repository at `root/<...path>` with one commit on main, the way the test servers expect it. */
export function seedBareRepo(root: string, ...path: string[]): void {
  const seed = gitHome();
  const bare = join(root, ...path);
  mkdirSync(bare, { recursive: true });
  const git = (args: string[], cwd?: string) => execFileSync('git', args, { env: seed.env, cwd, stdio: 'pipe' });
  git(['init', '--bare', '--initial-branch=main', bare]);
  const work = join(seed.dir, 'seed');
  git(['init', '--initial-branch=main', work]);
  git(['commit', '--allow-empty', '-m', 'first'], work);
  git(['push', bare, 'main'], work);
  seed.cleanup();
}
