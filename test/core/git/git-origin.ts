// The fixture every real-git test shares: served bare repositories behind a host's git origin, and a
// fresh isolated git HOME (with its own LATCH_HOME) for each test. Call it at the top of a file or a
// describe block; it registers the hooks there.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { IndexData } from '../../../electron/core/vault/types';
import { buildCli } from '../../cli/built';
import { latch, runProcess } from '../../cli/run';
import type { SmartHttpServer } from '../../hosts/smart-http-server';
import { gitHome, seedBareRepo, type GitHome } from './git-env';

export interface GitOrigin {
  readonly server: SmartHttpServer;
  readonly home: GitHome;
  /** Where the served repositories live. */
  readonly projectRoot: string;
  run(args: string[], input?: string): ReturnType<typeof latch>;
  git(args: string[], cwd?: string): ReturnType<typeof runProcess>;
  indexPath(): string;
  index(): IndexData;
}

/**
 * `repos` are paths under the served root, each seeded with one commit on main; `start` starts the
 * host's simulator and its git origin over that root (the caller stops its simulator).
 */
export function useGitOrigin(repos: string[][], start: (projectRoot: string) => Promise<SmartHttpServer>): GitOrigin {
  let server: SmartHttpServer | undefined;
  let home: GitHome | undefined;
  let projectRoot: string | undefined;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only there while a test runs`);
    return value;
  };

  beforeAll(async () => {
    buildCli();
    projectRoot = mkdtempSync(join(tmpdir(), 'latch-git-root-'));
    for (const path of repos) seedBareRepo(projectRoot, ...path);
    server = await start(projectRoot);
  });
  afterAll(async () => {
    await server?.stop();
    if (projectRoot) rmSync(projectRoot, { recursive: true, force: true });
  });
  beforeEach(() => {
    home = gitHome();
    home.env.LATCH_HOME = join(home.dir, 'latch-data');
    need(server, 'The git origin').requests.length = 0;
  });
  afterEach(() => home?.cleanup());

  const origin: GitOrigin = {
    get server() {
      return need(server, 'The git origin');
    },
    get home() {
      return need(home, 'The git home');
    },
    get projectRoot() {
      return need(projectRoot, 'The served root');
    },
    run: (args, input) => latch(args, { env: origin.home.env, input }),
    git: (args, cwd = origin.home.dir) => runProcess('git', args, { env: origin.home.env, cwd }),
    indexPath: () => join(origin.home.env.LATCH_HOME!, 'index.json'),
    index: () => JSON.parse(readFileSync(origin.indexPath(), 'utf8')) as IndexData,
  };
  return origin;
}
