// Real git against the Gitea/Forgejo origin on 127.0.0.1, for both personalities: repositories at
// /OWNER/REPO.git through `git http-backend`, git's Basic check answered by the simulator, the REST API
// on the same origin. Credentials go in the URL and HOME is a throwaway with prompts off, so nothing
// but the server's answer decides.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runProcess } from '../cli/run';
import { gitHome, seedBareRepo, type GitHome } from '../core/git/git-env';
import { startGiteaSimulator, type GiteaSimulator } from './gitea';
import { startGiteaGitServer } from './gitea-git';
import type { SmartHttpServer } from './smart-http-server';

describe.each(['gitea', 'forgejo'] as const)('git over HTTP on the %s origin', (flavor) => {
  let sim: GiteaSimulator;
  let server: SmartHttpServer;
  let projectRoot: string;
  let home: GitHome;

  beforeAll(async () => {
    sim = await startGiteaSimulator({ flavor });
    sim.addUser({ username: 'alice', password: 'alice-pw' });
    sim.addUser({ username: 'carol', password: 'carol-pw', totp: true });
    sim.addRepo('alice', 'app');
    sim.addRepo('alice', 'other');
    projectRoot = mkdtempSync(join(tmpdir(), `latch-${flavor}-root-`));
    seedBareRepo(projectRoot, 'alice', 'app.git');
    seedBareRepo(projectRoot, 'alice', 'other.git');
    server = await startGiteaGitServer(sim, sim.baseUrl, projectRoot);
  });

  afterAll(async () => {
    await server.stop();
    await sim.stop();
    rmSync(projectRoot, { recursive: true, force: true });
  });

  beforeEach(() => {
    home = gitHome();
    server.requests.length = 0;
  });
  afterEach(() => home.cleanup());

  const git = (args: string[], cwd = home.dir) => runProcess('git', args, { env: home.env, cwd });
  const repoUrl = (username: string, secret: string, repo = 'alice/app') =>
    `http://${encodeURIComponent(username)}:${encodeURIComponent(secret)}@${server.host}/${repo}.git`;
  const lastSubject = (repo: string) => execFileSync('git', ['--git-dir', join(projectRoot, `${repo}.git`), 'log', '-1', '--format=%s', 'main'], { encoding: 'utf8' });

  async function cloneAndPush(url: string, subject: string): Promise<{ cloned: number | null; pushed: number | null; stderr: string }> {
    const cloned = await git(['clone', url, 'work']);
    if (cloned.code !== 0) return { cloned: cloned.code, pushed: null, stderr: cloned.stderr };
    const work = join(home.dir, 'work');
    expect((await git(['commit', '--allow-empty', '-m', subject], work)).code).toBe(0);
    const pushed = await git(['push', 'origin', 'main'], work);
    return { cloned: 0, pushed: pushed.code, stderr: pushed.stderr };
  }

  it('clones and pushes with the username and a token with write:repository, and marks the token used', async () => {
    const { id, secret } = sim.issueToken('alice', 'laptop', ['write:repository']);
    const result = await cloneAndPush(repoUrl('alice', secret), `pushed with a token on ${flavor}`);
    expect(result).toMatchObject({ cloned: 0, pushed: 0 });
    expect(lastSubject('alice/app')).toBe(`pushed with a token on ${flavor}\n`);
    const authed = server.requests.filter((r) => r.user !== null);
    expect(authed.length).toBeGreaterThan(0);
    expect(authed.every((r) => r.user === 'alice' && r.sentUsername === 'alice')).toBe(true);
    expect(server.requests.some((r) => r.path.endsWith('/git-receive-pack') && r.status === 200)).toBe(true);
    expect(sim.tokens('alice').find((token) => token.id === id)!.lastUsedAt).not.toBeNull();
  });

  it('lets a read:repository token fetch but refuses its push with 403', async () => {
    const { secret } = sim.issueToken('alice', 'read only', ['read:repository']);
    const result = await cloneAndPush(repoUrl('alice', secret), 'must not land');
    expect(result.cloned).toBe(0);
    expect(result.pushed).not.toBe(0);
    expect(result.stderr).toMatch(/403/);
    expect(lastSubject('alice/app')).not.toBe('must not land\n');
    expect(server.requests.some((r) => r.status === 403 && r.sentSecret)).toBe(true);
  });

  it('refuses a token without a repository scope with 403, and a deleted or made-up one with 401', async () => {
    const userOnly = sim.issueToken('alice', 'user only', ['read:user']).secret;
    const noScope = await git(['clone', repoUrl('alice', userOnly), 'a']);
    expect(noScope.code).not.toBe(0);
    expect(noScope.stderr).toMatch(/403/);

    const gone = sim.issueToken('alice', 'gone', ['write:repository']);
    sim.deleteInPage(gone.id);
    for (const secret of [gone.secret, 'f'.repeat(40)]) {
      const refused = await git(['clone', repoUrl('alice', secret), 'b']);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/Authentication failed/);
    }
  });

  it('asks for credentials with 401 and the Gitea realm, which Forgejo kept', async () => {
    const answer = await request(`${server.baseUrl}/alice/app.git/info/refs?service=git-upload-pack`);
    await answer.body.dump();
    expect(answer.statusCode).toBe(401);
    expect(answer.headers['www-authenticate']).toBe('Basic realm="Gitea"');
  });

  it('takes any username with a token, since the server looks the token up alone', async () => {
    const { secret } = sim.issueToken('alice', 'any name', ['read:repository']);
    const cloned = await git(['clone', repoUrl('someone-else', secret), 'work']);
    expect(cloned.code).toBe(0);
    expect(server.requests.filter((r) => r.user !== null).every((r) => r.user === 'alice' && r.sentUsername === 'someone-else')).toBe(true);
  });

  it('takes the account password without a second factor, and refuses it for a two-factor account', async () => {
    expect((await git(['clone', repoUrl('alice', 'alice-pw'), 'work'])).code).toBe(0);
    const twoFactor = await git(['clone', repoUrl('carol', 'carol-pw'), 'carol-work']);
    expect(twoFactor.code).not.toBe(0);
    expect(twoFactor.stderr).toMatch(/Authentication failed/);
  });

  it('answers the REST API on the same origin', async () => {
    const answer = await request(`${server.baseUrl}/api/v1/version`);
    expect(await answer.body.json()).toEqual({ version: sim.version });
  });

  if (flavor === 'forgejo') {
    it('keeps a repository-specific token to its repositories', async () => {
      const { secret } = sim.issueToken('alice', 'app only', ['write:repository'], { repositories: [{ owner: 'alice', name: 'app' }] });
      expect((await git(['clone', repoUrl('alice', secret), 'app'])).code).toBe(0);
      const other = await git(['clone', repoUrl('alice', secret, 'alice/other'), 'other']);
      expect(other.code).not.toBe(0);
      expect(other.stderr).toMatch(/403/);
    });
  }

  if (flavor === 'gitea') {
    it('also takes the token as the username with an empty password', async () => {
      const { secret } = sim.issueToken('alice', 'as username', ['read:repository']);
      const header = `Basic ${Buffer.from(`${secret}:`).toString('base64')}`;
      const answer = await request(`${server.baseUrl}/alice/app.git/info/refs?service=git-upload-pack`, { headers: { authorization: header } });
      await answer.body.dump();
      expect(answer.statusCode).toBe(200);
    });
  }
});
