// Real git against a GitHub Enterprise Server stand-in on 127.0.0.1: repositories at /OWNER/REPO.git
// through `git http-backend`, git's Basic check and /api/v3 answered by the GitHub simulator. A personal
// access token made "in the browser" (the simulator) is handed to `latch account add --host github`,
// and git uses it through git-credential-latch, configured by `latch setup-git` in an isolated HOME,
// with the real keychain and GIT_TERMINAL_PROMPT=0, so any prompt would be a failure.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOsKeychain } from '../../../electron/core/vault/keychain';
import type { IndexData } from '../../../electron/core/vault/types';
import { startGitHubSimulator, type GitHubSimulator } from '../../hosts/github';
import { startGitHubGitServer } from '../../hosts/github-git';
import type { SmartHttpServer } from '../../hosts/smart-http-server';
import { buildCli } from '../../cli/built';
import { latch, runProcess } from '../../cli/run';
import { gitHome, seedBareRepo, type GitHome } from './git-env';
import { filesContaining } from '../../e2e/support/canary';

let sim: GitHubSimulator;
let server: SmartHttpServer;
let projectRoot: string;
let home: GitHome;

beforeAll(async () => {
  buildCli();
  sim = await startGitHubSimulator({ personality: 'enterprise', revokeDelayMs: 0 });
  sim.addUser({ login: 'octocat' });
  projectRoot = mkdtempSync(join(tmpdir(), 'latch-github-root-'));
  seedBareRepo(projectRoot, 'octocat', 'hello.git');
  server = await startGitHubGitServer(sim, sim.baseUrl, projectRoot);
});

afterAll(async () => {
  await server.stop();
  await sim.stop();
  rmSync(projectRoot, { recursive: true, force: true });
});

beforeEach(() => {
  home = gitHome();
  home.env.LATCH_HOME = join(home.dir, 'latch-data');
  server.requests.length = 0;
});
afterEach(() => home.cleanup());

const run = (args: string[], input?: string) => latch(args, { env: home.env, input });
const git = (args: string[], cwd = home.dir) => runProcess('git', args, { env: home.env, cwd });
const repoUrl = () => `http://${server.host}/octocat/hello.git`;
const indexPath = () => join(home.env.LATCH_HOME!, 'index.json');
const index = () => JSON.parse(readFileSync(indexPath(), 'utf8')) as IndexData;
const noPrompt = (stderr: string) => expect(stderr).not.toMatch(/could not read (Username|Password)|terminal prompts disabled/);


async function addOctocat(): Promise<string> {
  const secret = sim.issueToken({ login: 'octocat', kind: 'classic', scopes: ['repo', 'workflow'] });
  const added = await run(['account', 'add', '--host', 'github', '--url', server.baseUrl, '--token-name', 'laptop', '--token-stdin', '--json'], `${secret}\n`);
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
  expect((await run(['setup-git', '--host', server.host])).code).toBe(0);
  return secret;
}

describe('git on GitHub Enterprise Server with a kept personal access token', () => {
  it('clones and pushes with no prompt, sending the login and the token, and the secret is only in the keychain', async () => {
    const secret = await addOctocat();
    const cloned = await git(['clone', repoUrl(), 'work']);
    noPrompt(cloned.stderr);
    expect(cloned.code).toBe(0);
    const work = join(home.dir, 'work');
    expect((await git(['commit', '--allow-empty', '-m', 'from latch on github'], work)).code).toBe(0);
    const pushed = await git(['push', 'origin', 'main'], work);
    noPrompt(pushed.stderr);
    expect(pushed.code).toBe(0);
    expect(execFileSync('git', ['--git-dir', join(projectRoot, 'octocat', 'hello.git'), 'log', '-1', '--format=%s', 'main'], { encoding: 'utf8' })).toBe(
      'from latch on github\n',
    );
    const authed = server.requests.filter((r) => r.user !== null);
    expect(authed.length).toBeGreaterThan(0);
    expect(authed.every((r) => r.user === 'octocat' && r.sentUsername === 'octocat')).toBe(true);

    const kept = index().storedTokens;
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ gitUsername: 'octocat', scopes: ['repo', 'workflow'], rejectedAt: null });
    expect(kept[0]!.lastUsedAt).not.toBeNull();
    expect(await createOsKeychain().get(kept[0]!.keychainKey)).toBe(secret);
    // The canary: after adding, cloning and pushing, no file on disk holds the secret.
    expect(filesContaining(home.dir, secret)).toEqual([]);
  });

  it('fails at once, without a prompt, after the token is revoked at the host, and marks it rejected', async () => {
    const secret = await addOctocat();
    expect((await git(['clone', repoUrl(), 'work'])).code).toBe(0);
    sim.revoke(secret);
    const started = Date.now();
    const fetched = await git(['fetch'], join(home.dir, 'work'));
    expect(fetched.code).not.toBe(0);
    noPrompt(fetched.stderr);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(index().storedTokens[0]!.rejectedAt).not.toBeNull();
    const listed = await run(['token', 'list', '--account', `octocat@${server.host}`]);
    expect(listed.stdout).toMatch(/laptop .* yes, rejected by the host/);
    expect(listed.stdout + listed.stderr).not.toContain(secret);
  });
});
