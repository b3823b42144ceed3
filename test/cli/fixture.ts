// One Data Center simulator over a real socket, an isolated HOME (git's global config included) and
// LATCH_HOME, and the built `latch` run as a child process with the real keychain.
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { BitbucketDataCenterSimulator } from '../hosts/bitbucket-datacenter';
import { gitHome, type GitHome } from '../core/git/git-env';
import { buildCli } from './built';
import { latch, type ProcessResult } from './run';

export const PASSWORD = 'correct horse battery staple';

export interface CliWorld {
  sim: BitbucketDataCenterSimulator;
  baseUrl: string;
  /** host:port as git writes it. */
  host: string;
  home: GitHome;
  env: NodeJS.ProcessEnv;
  run(args: readonly string[], input?: string): Promise<ProcessResult>;
  /** Adds Alice (password remembered unless told) and answers her account id. */
  addAlice(remember?: boolean): Promise<string>;
}

/** Registers the hooks; the returned object is filled in before each test. `password` is Alice's. */
export function cliWorld(password = PASSWORD): CliWorld {
  const world = {} as CliWorld;
  beforeAll(() => buildCli());
  beforeEach(async () => {
    world.sim = new BitbucketDataCenterSimulator();
    ({ baseUrl: world.baseUrl } = await world.sim.start());
    world.host = new URL(world.baseUrl).host;
    world.sim.addUser({ username: 'Alice', password, slug: 'alice' });
    world.sim.addRepo('PRJ', 'app');
    world.home = gitHome();
    world.env = { ...world.home.env, LATCH_HOME: join(world.home.dir, 'latch') };
    world.run = (args, input) => latch(args, { env: world.env, input });
    world.addAlice = async (remember = true) => {
      const args = ['account', 'add', '--host', 'bitbucket-datacenter', '--url', world.baseUrl, '--username', 'Alice', '--password-stdin', '--json'];
      const result = await world.run(remember ? [...args, '--remember-password'] : args, `${password}\n`);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      return (JSON.parse(result.stdout) as { id: string }).id;
    };
  });
  afterEach(async () => {
    await world.sim.stop();
    world.home.cleanup();
  });
  return world;
}


/** One plain sentence on stderr, nothing on stdout, the given exit code. */
export function expectRefusal(result: ProcessResult, code: 1 | 2): void {
  expect(result.stdout).toBe('');
  expect(result.code).toBe(code);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toMatch(/^\s+at |Error:|node_modules/);
}
