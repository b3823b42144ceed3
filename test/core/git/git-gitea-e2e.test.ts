// Real git against the Gitea/Forgejo origin on 127.0.0.1 (repositories through `git http-backend`, the
// REST API from the simulator on the same origin), both personalities, with git-credential-latch set
// up by `latch setup-git` in an isolated HOME, the real keychain and GIT_TERMINAL_PROMPT=0, so any
// prompt would be a failure: a token made by Latch clones and pushes, also for a two-factor account.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filesContaining } from '../../e2e/support/canary';
import { startGiteaSimulator, type GiteaSimulator } from '../../hosts/gitea';
import { startGiteaGitServer } from '../../hosts/gitea-git';
import { useGitOrigin } from './git-origin';

const PASSWORDS = { alice: 'alice password 1', carol: 'carol password 2' };

describe.each(['gitea', 'forgejo'] as const)('git with git-credential-latch on %s', (flavor) => {
  let now = Date.parse('2026-11-27T10:00:00Z');
  let sim: GiteaSimulator;

  const origin = useGitOrigin([['alice', 'app.git'], ['carol', 'notes.git']], async (projectRoot) => {
    sim = await startGiteaSimulator({ flavor, now: () => now });
    sim.addUser({ username: 'alice', password: PASSWORDS.alice });
    sim.addUser({ username: 'carol', password: PASSWORDS.carol, totp: true });
    return startGiteaGitServer(sim, sim.baseUrl, projectRoot);
  });
  afterAll(() => sim.stop());
  const { run, git, index } = origin;
  const lastSubject = (repo: string) => execFileSync('git', ['--git-dir', join(origin.projectRoot, `${repo}.git`), 'log', '-1', '--format=%s', 'main'], { encoding: 'utf8' });
  let made = 0;
  const nextCode = (user: string) => {
    now += 30_000;
    return sim.currentOtp(user);
  };

  async function accountWithToken(user: 'alice' | 'carol', scopes: string[], otp: string[] = []): Promise<{ tokenId: string; secret: string }> {
    const added = await run(
      ['account', 'add', '--host', flavor, '--url', origin.server.baseUrl, '--username', user, '--password-stdin', '--remember-password', ...(otp.length > 0 ? ['--otp', otp[0]!] : [])],
      `${PASSWORDS[user]}\n`,
    );
    expect(added.stderr).toBe('');
    const created = await run(['token', 'create', '--account', user, '--name', `${user} git ${(made += 1)}`, ...scopes.flatMap((scope) => ['--scope', scope]), '--store', '--json', ...(otp[1] ? ['--otp', otp[1]] : [])]);
    expect(created.stderr).toBe('');
    const parsed = JSON.parse(created.stdout) as { token: { id: string }; secret: string };
    expect((await run(['setup-git', '--host', origin.server.host])).code).toBe(0);
    return { tokenId: parsed.token.id, secret: parsed.secret };
  }

  async function cloneCommitPush(repo: string, subject: string): Promise<{ cloned: number | null; pushed: number | null; stderr: string }> {
    const cloned = await git(['clone', `http://${origin.server.host}/${repo}.git`, 'work']);
    if (cloned.code !== 0) return { cloned: cloned.code, pushed: null, stderr: cloned.stderr };
    const work = join(origin.home.dir, 'work');
    expect((await git(['commit', '--allow-empty', '-m', subject], work)).code).toBe(0);
    const pushed = await git(['push', 'origin', 'main'], work);
    return { cloned: 0, pushed: pushed.code, stderr: pushed.stderr };
  }

  it('clones and pushes with the token Latch made and stored, with no prompt, and the secret only in the keychain', async () => {
    const alice = await accountWithToken('alice', ['write:repository']);
    const outcome = await cloneCommitPush('alice/app', `from latch on ${flavor}`);
    expect(outcome).toMatchObject({ cloned: 0, pushed: 0 });
    expect(outcome.stderr).not.toMatch(/could not read|terminal prompts disabled/);
    expect(lastSubject('alice/app')).toBe(`from latch on ${flavor}\n`);
    // git sent the account's username with the token, and the server took it as alice's token.
    expect(origin.server.requests.filter((request) => request.sentUsername !== null).every((request) => request.sentUsername === 'alice')).toBe(true);
    expect(sim.tokens('alice').find((token) => String(token.id) === alice.tokenId)?.lastUsedAt).not.toBeNull();
    expect(index().storedTokens.find((token) => token.tokenId === alice.tokenId)?.lastUsedAt).not.toBeNull();
    expect(filesContaining(origin.home.dir, alice.secret)).toEqual([]);
  });

  it('a read-only token clones, and the push is refused without a prompt', async () => {
    await accountWithToken('alice', ['read:repository']);
    const outcome = await cloneCommitPush('alice/app', 'should not land');
    expect(outcome.cloned).toBe(0);
    expect(outcome.pushed).not.toBe(0);
    expect(outcome.stderr).not.toMatch(/could not read Username|terminal prompts disabled/);
    expect(lastSubject('alice/app')).not.toBe('should not land\n');
  });

  it('a two-factor account: the token made with a code needs no code for git', async () => {
    await accountWithToken('carol', ['write:repository'], [nextCode('carol'), nextCode('carol')]);
    expect(await cloneCommitPush('carol/notes', 'two factors, one token')).toMatchObject({ cloned: 0, pushed: 0 });
    expect(lastSubject('carol/notes')).toBe('two factors, one token\n');
  });

  it('after the token is deleted on the server, git fails at once and Latch marks it rejected', async () => {
    const alice = await accountWithToken('alice', ['write:repository']);
    expect((await git(['clone', `http://${origin.server.host}/alice/app.git`, 'work'])).code).toBe(0);
    sim.deleteInPage(Number(alice.tokenId));
    const fetched = await git(['fetch'], join(origin.home.dir, 'work'));
    expect(fetched.code).not.toBe(0);
    expect(fetched.stderr).not.toMatch(/could not read Username|terminal prompts disabled/);
    expect(index().storedTokens.find((token) => token.tokenId === alice.tokenId)?.rejectedAt).not.toBeNull();
  });
});
