// A host simulator over a real socket, an isolated HOME (git's global config included) and LATCH_HOME,
// and the built `latch` run as a child process with the real keychain: the world each CLI test runs in.
// `cliWorld` is Data Center's; the other hosts' worlds are in host-worlds.ts, built on `hostWorld`.
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { BitbucketDataCenterSimulator } from '../hosts/bitbucket-datacenter';
import { gitHome, type GitHome } from '../core/git/git-env';
import { buildCli } from './built';
import { latch, type ProcessResult } from './run';

export const PASSWORD = 'correct horse battery staple';

export interface HostWorld<S> {
  sim: S;
  baseUrl: string;
  /** host:port as git writes it. */
  host: string;
  home: GitHome;
  env: NodeJS.ProcessEnv;
  /** Every secret made in this test: none may reach stderr, nor stdout but for `token get` or the one `allowed`. */
  secrets: string[];
  run(args: readonly string[], input?: string, allowed?: string): Promise<ProcessResult>;
}

/**
 * Registers the hooks; the returned object is filled in before each test: the simulator `start` gives,
 * a fresh home, then whatever `fill` adds for the host (users, an addAccount, …).
 */
export function hostWorld<S extends { stop(): Promise<void> }, W extends HostWorld<S>>(
  start: () => Promise<{ sim: S; baseUrl: string }>,
  fill: (world: W) => void | Promise<void> = () => undefined,
): W {
  const world = {} as W;
  beforeAll(() => buildCli());
  beforeEach(async () => {
    ({ sim: world.sim, baseUrl: world.baseUrl } = await start());
    world.host = new URL(world.baseUrl).host;
    world.home = gitHome();
    world.env = { ...world.home.env, LATCH_HOME: join(world.home.dir, 'latch') };
    world.secrets = [];
    world.run = async (args, input, allowed) => {
      const result = await latch(args, { env: world.env, input });
      const mayPrint = args[0] === 'token' && args[1] === 'get';
      for (const secret of world.secrets) {
        expect(result.stderr).not.toContain(secret);
        if (!mayPrint && secret !== allowed) expect(result.stdout).not.toContain(secret);
      }
      return result;
    };
    await fill(world);
  });
  afterEach(async () => {
    await world.sim.stop();
    world.home.cleanup();
  });
  return world;
}

export interface CliWorld extends HostWorld<BitbucketDataCenterSimulator> {
  /** Adds Alice (password remembered unless told) and answers her account id. */
  addAlice(remember?: boolean): Promise<string>;
}

/** Data Center: Alice and the repository PRJ/app. `password` is Alice's. */
export function cliWorld(password = PASSWORD): CliWorld {
  return hostWorld<BitbucketDataCenterSimulator, CliWorld>(
    async () => {
      const sim = new BitbucketDataCenterSimulator();
      const { baseUrl } = await sim.start();
      sim.addUser({ username: 'Alice', password, slug: 'alice' });
      sim.addRepo('PRJ', 'app');
      return { sim, baseUrl };
    },
    (world) => {
      world.addAlice = async (remember = true) => {
        const args = ['account', 'add', '--host', 'bitbucket-datacenter', '--url', world.baseUrl, '--username', 'Alice', '--password-stdin', '--json'];
        const result = await world.run(remember ? [...args, '--remember-password'] : args, `${password}\n`);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        return (JSON.parse(result.stdout) as { id: string }).id;
      };
    },
  );
}

/** One plain sentence on stderr (no stack trace), nothing on stdout, the given exit code; answers the sentence. */
export function oneSentence(result: ProcessResult, code = 1): string {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toMatch(/^\s+at |Error:|node_modules/);
  return lines[0]!;
}

/** One plain sentence on stderr, nothing on stdout, the given exit code. */
export function expectRefusal(result: ProcessResult, code: 1 | 2): void {
  oneSentence(result, code);
}
