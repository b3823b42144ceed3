// The CLI's world on each host other than Data Center (fixture.ts has that one and `hostWorld`): the
// host's simulator over a real socket with the users its tests share, an isolated HOME and LATCH_HOME,
// and an addAccount that adds the account the way a person does on that host.
import { expect } from 'vitest';
import { BitbucketCloudSimulator } from '../hosts/bitbucket-cloud';
import { startGiteaSimulator, type Flavor, type GiteaSimulator } from '../hosts/gitea';
import { startGitHubSimulator, type GitHubSimulator, type GitHubSimulatorOptions } from '../hosts/github';
import { ACCESS, startGitLabSimulator, type GitLabSimulator } from '../hosts/gitlab';
import { hostWorld, type HostWorld } from './fixture';

const DAY_MS = 86_400_000;
/** A calendar day `days` from today, as the hosts' pages show an expiry. */
export const dayAhead = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

/** The fields every `token list --json` row has. */
export const TOKEN_FIELDS = ['createdAt', 'expiresAt', 'git', 'id', 'lastUsedAt', 'name', 'scopes', 'state', 'stored'];

/** A freshly added account: its id, the secret it was added with, and what --json printed. */
export interface Added {
  id: string;
  secret: string;
  json: Record<string, unknown>;
}

// Bitbucket Cloud: Alice (and Mallory) by their Atlassian emails; tokens pasted with a typed expiry.

export const CLOUD_EMAIL = 'alice@example.com';
/** Some months ahead, as the token page shows the expiry. */
export const CLOUD_EXPIRES_ON = dayAhead(100);

export interface CloudWorld extends HostWorld<BitbucketCloudSimulator> {
  /** A new API token of `email`'s, remembered in `secrets`. */
  issue(email?: string, options?: Parameters<BitbucketCloudSimulator['issueToken']>[1]): string;
  /** `latch account add` for Alice with the token "laptop", and `extra`. */
  addArgs(extra?: string[]): string[];
  addAccount(): Promise<Added>;
}

export function cloudWorld(): CloudWorld {
  return hostWorld<BitbucketCloudSimulator, CloudWorld>(
    async () => {
      const sim = new BitbucketCloudSimulator();
      const { baseUrl } = await sim.start();
      sim.addUser({ email: CLOUD_EMAIL, username: 'alice-bb', displayName: 'Alice Example' });
      sim.addUser({ email: 'mallory@example.com', username: 'mallory' });
      return { sim, baseUrl };
    },
    (world) => {
      world.issue = (email = CLOUD_EMAIL, options = {}) => {
        const secret = world.sim.issueToken(email, options);
        world.secrets.push(secret);
        return secret;
      };
      world.addArgs = (extra = []) => [
        'account', 'add', '--host', 'bitbucket-cloud', '--url', world.baseUrl, '--email', CLOUD_EMAIL, '--token-name', 'laptop', '--expires-on', CLOUD_EXPIRES_ON, ...extra,
      ];
      world.addAccount = async () => {
        const secret = world.issue();
        return { secret, ...(await addedJson(world.run(world.addArgs(['--token-stdin', '--json']), `${secret}\n`))) };
      };
    },
  );
}

// GitHub: an Enterprise Server stand-in (the API under /api/v3) with octocat and mallory.

/** When octocat's tokens expire unless a test says otherwise. */
export const GITHUB_EXPIRES = Date.now() + 60 * DAY_MS;

export interface GitHubWorld extends HostWorld<GitHubSimulator> {
  /** `octocat@host`, as --account takes it. */
  account: string;
  /** A new token of octocat's (classic, repo and workflow, expiring at GITHUB_EXPIRES unless told), remembered in `secrets`. */
  issue(options?: Partial<Parameters<GitHubSimulator['issueToken']>[0]>): string;
  /** Adds octocat with a pasted token named "laptop". */
  addAccount(): Promise<Added>;
  /** A new server with these options in place of the one started (the home stays). */
  restart(options: GitHubSimulatorOptions): Promise<void>;
}

export function githubWorld(): GitHubWorld {
  const start = async (options: GitHubSimulatorOptions = {}) => {
    const sim = await startGitHubSimulator({ personality: 'enterprise', revokeDelayMs: 0, ...options });
    sim.addUser({ login: 'octocat', name: 'The Octocat' });
    sim.addUser({ login: 'mallory' });
    return { sim, baseUrl: sim.baseUrl };
  };
  return hostWorld<GitHubSimulator, GitHubWorld>(start, (world) => {
    world.account = `octocat@${world.host}`;
    world.issue = (options = {}) => {
      const secret = world.sim.issueToken({ login: 'octocat', kind: 'classic', scopes: ['repo', 'workflow'], expiresAt: GITHUB_EXPIRES, ...options });
      world.secrets.push(secret);
      return secret;
    };
    world.addAccount = async () => {
      const secret = world.issue();
      const args = ['account', 'add', '--host', 'github', '--url', world.baseUrl, '--token-name', 'laptop', '--token-stdin', '--json'];
      return { secret, ...(await addedJson(world.run(args, `${secret}\n`))) };
    };
    world.restart = async (options) => {
      await world.sim.stop();
      ({ sim: world.sim, baseUrl: world.baseUrl } = await start(options));
      world.host = new URL(world.baseUrl).host;
      world.account = `octocat@${world.host}`;
    };
  });
}

// GitLab: a self-managed stand-in with jane (owner of the group acme) and bob, and the project acme/tools/app.

export interface GitLabWorld extends HostWorld<GitLabSimulator> {
  /** `jane@host`, as --account takes it. */
  account: string;
  /** A personal token made on GitLab's page, remembered in `secrets`. */
  issue(scopes: string[], name?: string, expiresAt?: string, user?: string): ReturnType<GitLabSimulator['issuePersonalToken']>;
  /** Adds jane with a token "latch management" of these scopes, expiring on that day. */
  addAccount(scopes?: string[], expiresAt?: string): Promise<ReturnType<GitLabSimulator['issuePersonalToken']> & { json: Record<string, unknown>; result: Awaited<ReturnType<HostWorld<GitLabSimulator>['run']>> }>;
}

export function gitlabWorld(): GitLabWorld {
  return hostWorld<GitLabSimulator, GitLabWorld>(
    async () => {
      const sim = await startGitLabSimulator();
      sim.addUser({ username: 'jane', name: 'Jane Doe' });
      sim.addUser({ username: 'bob' });
      sim.addGroup('acme', { jane: ACCESS.owner });
      sim.addProject('acme/tools/app');
      return { sim, baseUrl: sim.baseUrl };
    },
    (world) => {
      world.account = `jane@${world.host}`;
      world.issue = (scopes, name = 'latch', expiresAt, user = 'jane') => {
        const made = world.sim.issuePersonalToken({ user, name, scopes, ...(expiresAt ? { expiresAt } : {}) });
        world.secrets.push(made.secret);
        return made;
      };
      world.addAccount = async (scopes = ['api'], expiresAt = dayAhead(200)) => {
        const made = world.issue(scopes, 'latch management', expiresAt);
        const result = await world.run(['account', 'add', '--host', 'gitlab', '--url', world.sim.baseUrl, '--token-stdin', '--json'], `${made.secret}\n`);
        expect(result.code).toBe(0);
        return { ...made, json: JSON.parse(result.stdout) as Record<string, unknown>, result };
      };
    },
  );
}

// Gitea and Forgejo: the users a test names, each with a password, and a clock the one-time codes follow.

export interface GiteaUser {
  username: string;
  password: string;
  totp?: boolean;
  webauthn?: boolean;
}

export interface GiteaWorld extends HostWorld<GiteaSimulator> {
  /** The simulator's clock, in ms; each world starts it at 2026-11-27 10:00 UTC. */
  now: number;
  /** The next code the user's authenticator shows: the clock moves on a step first. */
  nextCode(user: string): string;
  /** Adds `user` with the password on stdin, remembered, --json, and `extra`. */
  addAccount(user: string, extra?: string[]): ReturnType<HostWorld<GiteaSimulator>['run']>;
}

export function giteaWorld(options: { flavor: Flavor; version?: string; users: readonly GiteaUser[] }): GiteaWorld {
  const world: GiteaWorld = hostWorld<GiteaSimulator, GiteaWorld>(
    async () => {
      world.now = Date.parse('2026-11-27T10:00:00Z');
      const sim = await startGiteaSimulator({ flavor: options.flavor, ...(options.version ? { version: options.version } : {}), now: () => world.now });
      for (const user of options.users) sim.addUser({ ...user });
      return { sim, baseUrl: sim.baseUrl };
    },
    (world) => {
      world.nextCode = (user) => {
        world.now += 30_000;
        return world.sim.currentOtp(user);
      };
      world.addAccount = (user, extra = []) => {
        const password = options.users.find((one) => one.username === user)!.password;
        const args = ['account', 'add', '--host', options.flavor, '--url', world.baseUrl, '--username', user, '--password-stdin', '--remember-password', '--json', ...extra];
        return world.run(args, `${password}\n`);
      };
    },
  );
  return world;
}

/** `account add --json` succeeded, printing nothing on stderr and the whole account, as `account list` shows it. */
async function addedJson(running: ReturnType<HostWorld<unknown>['run']>): Promise<{ id: string; json: Record<string, unknown> }> {
  const result = await running;
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const json = JSON.parse(result.stdout) as Record<string, unknown>;
  expect(Object.keys(json)).toEqual(expect.arrayContaining(['id', 'host', 'baseUrl', 'username', 'userSlug', 'displayName', 'isDefault', 'signIn', 'server', 'rememberPassword', 'createdAt']));
  return { id: json.id as string, json };
}
