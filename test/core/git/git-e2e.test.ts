// Real git (Debian's 2.39 here) against a real smart-HTTP server on 127.0.0.1 whose tokens come from the
// Data Center simulator, with git-credential-latch configured by `latch setup-git` in an isolated HOME,
// the real keychain and GIT_TERMINAL_PROMPT=0, so any prompt would be a failure.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createOsKeychain } from '../../../electron/core/vault/keychain';
import { BitbucketDataCenterSimulator } from '../../hosts/bitbucket-datacenter';
import { useGitOrigin } from './git-origin';
import { startSmartHttpServer } from '../../hosts/smart-http-server';

const PASSWORDS = { alice: 'alice password 1', bob: 'bob password 2' };

let sim: BitbucketDataCenterSimulator;
let simBaseUrl: string;

// The served repository: a bare repo with one commit, at the path Bitbucket's clone URLs use.
const origin = useGitOrigin([['prj', 'app.git'], ['sec', 'vault.git']], async (projectRoot) => {
  sim = new BitbucketDataCenterSimulator();
  ({ baseUrl: simBaseUrl } = await sim.start());
  sim.addUser({ username: 'alice', password: PASSWORDS.alice });
  sim.addUser({ username: 'bob', password: PASSWORDS.bob });
  sim.addRepo('PRJ', 'app');
  // A repository alice's token cannot reach, on the same host: a submodule, say.
  return startSmartHttpServer(sim, simBaseUrl, projectRoot, { unreachable: ['/scm/sec/vault.git'] });
});
afterAll(() => sim.stop());
const { run, git, index } = origin;
const repoUrl = (user?: string) => `http://${user ? `${user}@` : ''}${origin.server.host}/scm/prj/app.git`;

async function addAccountWithToken(user: 'alice' | 'bob'): Promise<{ tokenId: string; secret: string }> {
  const added = await run(
    ['account', 'add', '--host', 'bitbucket-datacenter', '--url', origin.server.baseUrl, '--username', user, '--password-stdin', '--remember-password'],
    `${PASSWORDS[user]}\n`,
  );
  expect(added.stderr).toBe('');
  const created = await run(['token', 'create', '--account', user, '--name', `${user} git`, '--scope', 'PROJECT_READ', '--scope', 'REPO_WRITE', '--store', '--json']);
  expect(created.code).toBe(0);
  const parsed = JSON.parse(created.stdout) as { token: { id: string }; secret: string };
  return { tokenId: parsed.token.id, secret: parsed.secret };
}

async function setupGit(): Promise<void> {
  const result = await run(['setup-git', '--host', origin.server.host]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`credential.http://${origin.server.host}.helper=!`);
}

describe('git with git-credential-latch', () => {
  it('clones and pushes with the stored token, no prompt, and records the use', async () => {
    const alice = await addAccountWithToken('alice');
    await setupGit();

    const cloned = await git(['clone', repoUrl(), 'work']);
    expect(cloned.stderr).not.toMatch(/could not read|terminal prompts disabled/);
    expect(cloned.code).toBe(0);
    const work = join(origin.home.dir, 'work');
    expect((await git(['commit', '--allow-empty', '-m', 'from latch'], work)).code).toBe(0);
    const pushed = await git(['push', 'origin', 'main'], work);
    expect(pushed.code).toBe(0);
    expect(execFileSync('git', ['--git-dir', join(origin.projectRoot, 'prj', 'app.git'), 'log', '-1', '--format=%s', 'main'], { encoding: 'utf8' })).toBe('from latch\n');

    // Every authenticated request used alice's token as alice.
    const authed = origin.server.requests.filter((r) => r.user !== null);
    expect(authed.length).toBeGreaterThan(0);
    expect(authed.every((r) => r.user === 'alice' && r.tokenId === alice.tokenId)).toBe(true);
    // git's `store` after success recorded when the token was last used.
    expect(index().storedTokens.find((t) => t.tokenId === alice.tokenId)?.lastUsedAt).not.toBeNull();
    // Nothing but the index in LATCH_HOME, and the secret not in it.
    expect(readFileSync(join(origin.home.env.LATCH_HOME!, 'index.json'), 'utf8')).not.toContain(alice.secret);

    // doctor agrees: Latch alone answers for this host and its helper starts.
    const doctor = await run(['doctor', '--json']);
    expect(doctor.code).toBe(0);
    const findings = JSON.parse(doctor.stdout) as Array<{ check: string; status: string; host?: string }>;
    expect(findings).toContainEqual(expect.objectContaining({ check: 'git-helpers', status: 'ok', host: origin.server.host }));
    expect(findings.filter((f) => f.status === 'problem')).toEqual([]);
  });

  it('fails at once, without a prompt, after the token is revoked at the host, and marks it rejected', async () => {
    const alice = await addAccountWithToken('alice');
    await setupGit();
    expect((await git(['clone', repoUrl(), 'work'])).code).toBe(0);

    // Revoked in the host's web UI (here: its REST API with alice's password), not through Latch.
    const revoked = await fetch(`${simBaseUrl}/rest/access-tokens/latest/users/alice/${alice.tokenId}`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from(`alice:${PASSWORDS.alice}`).toString('base64')}` },
    });
    expect(revoked.status).toBe(204);

    const started = Date.now();
    const fetched = await git(['fetch'], join(origin.home.dir, 'work'));
    expect(fetched.code).not.toBe(0);
    expect(fetched.stderr).toMatch(/Authentication failed/);
    expect(fetched.stderr).not.toMatch(/could not read Username|terminal prompts disabled/);
    expect(Date.now() - started).toBeLessThan(10_000);

    // git's `erase` marked the token rejected; the secret itself stays in the keychain.
    const stored = index().storedTokens.find((t) => t.tokenId === alice.tokenId)!;
    expect(stored.rejectedAt).not.toBeNull();
    expect(await createOsKeychain().get(stored.keychainKey)).toBe(alice.secret);

    // And it is not offered again: git now has nothing to send, and still does not prompt.
    origin.server.requests.length = 0;
    const again = await git(['fetch'], join(origin.home.dir, 'work'));
    expect(again.code).not.toBe(0);
    expect(origin.server.requests.every((r) => r.user === null)).toBe(true);
  });

  it('keeps offering a token the host refused for one repository only, and says where it was refused', async () => {
    const alice = await addAccountWithToken('alice');
    await setupGit();

    const denied = await git(['ls-remote', `http://${origin.server.host}/scm/sec/vault.git`]);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).not.toMatch(/could not read Username|terminal prompts disabled/);
    // git's `erase` asked the host with the token itself: it still works, so it is not marked.
    expect(denied.stderr).toContain('but the token still works there, so Latch keeps offering it.');
    expect(denied.stderr).not.toContain(alice.secret);
    const stored = index().storedTokens.find((t) => t.tokenId === alice.tokenId)!;
    expect(stored.rejectedAt).toBeNull();
    expect(stored.refusal).toMatchObject({ check: 'alive' });

    // The repository it can reach still gets it.
    origin.server.requests.length = 0;
    expect((await git(['ls-remote', repoUrl()])).code).toBe(0);
    expect(origin.server.requests.some((r) => r.user === 'alice' && r.tokenId === alice.tokenId)).toBe(true);
    const listed = await run(['token', 'list', '--account', 'alice']);
    expect(listed.stdout).toMatch(/alice git .* yes, refused.* but works \(still offered\)/);
    const json = JSON.parse((await run(['token', 'list', '--account', 'alice', '--json'])).stdout) as Array<{ id: string; refusal?: { check: string } }>;
    expect(json.find((t) => t.id === alice.tokenId)?.refusal).toMatchObject({ check: 'alive' });
  });

  it("keeps a token git was handed in a URL only once the host says it is the account's own", async () => {
    await run(['account', 'add', '--host', 'bitbucket-datacenter', '--url', origin.server.baseUrl, '--username', 'alice', '--password-stdin'], `${PASSWORDS.alice}\n`);
    await setupGit();
    writeFileSync(origin.indexPath(), JSON.stringify({ ...index(), settings: { ...index().settings, keepCredentialsFromGit: true } }));
    // A token alice made in Bitbucket's web page, written into a clone URL as people do.
    const made = await fetch(`${simBaseUrl}/rest/access-tokens/latest/users/alice`, {
      method: 'PUT',
      headers: { authorization: `Basic ${Buffer.from(`alice:${PASSWORDS.alice}`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'from the web page', permissions: ['PROJECT_READ', 'REPO_READ'] }),
    });
    const { id, token: secret } = (await made.json()) as { id: string; token: string };
    sim.requests.length = 0;

    const cloned = await git(['clone', `http://alice:${encodeURIComponent(secret)}@${origin.server.host}/scm/prj/app.git`, 'from-url']);
    expect(cloned.code).toBe(0);
    // git approved it; the helper asked the host whose it is, with the token itself, before keeping it.
    expect(sim.requests).toContainEqual(expect.objectContaining({ method: 'GET', path: '/rest/api/latest/users?limit=1', auth: 'token', status: 200 }));
    const kept = index().storedTokens.find((t) => t.tokenId === id);
    expect(kept).toMatchObject({ name: 'Kept from git', gitUsername: 'alice' });
    expect(await createOsKeychain().get(kept!.keychainKey)).toBe(secret);
    expect(readFileSync(origin.indexPath(), 'utf8')).not.toContain(secret);
    await createOsKeychain().delete(kept!.keychainKey);
  });

  it('picks the account named by the username in the URL, else the default one', async () => {
    const alice = await addAccountWithToken('alice');
    const bob = await addAccountWithToken('bob');
    await setupGit();

    expect((await git(['clone', repoUrl('bob'), 'as-bob'])).code).toBe(0);
    const asBob = origin.server.requests.filter((r) => r.user !== null);
    expect(asBob.length).toBeGreaterThan(0);
    expect(asBob.every((r) => r.user === 'bob' && r.tokenId === bob.tokenId)).toBe(true);

    origin.server.requests.length = 0;
    expect((await git(['clone', repoUrl(), 'as-default'])).code).toBe(0);
    expect(origin.server.requests.filter((r) => r.user !== null).every((r) => r.user === 'alice' && r.tokenId === alice.tokenId)).toBe(true);

    // Making bob the default switches URLs without a user over to him.
    expect((await run(['account', 'default', 'bob'])).code).toBe(0);
    origin.server.requests.length = 0;
    expect((await git(['ls-remote', repoUrl()])).code).toBe(0);
    expect(origin.server.requests.filter((r) => r.user !== null).every((r) => r.user === 'bob')).toBe(true);
  });

  it('undoes the setup: git then has no helper for the host and cannot authenticate', async () => {
    await addAccountWithToken('alice');
    await setupGit();
    const undone = await run(['setup-git', '--host', origin.server.host, '--undo']);
    expect(undone.code).toBe(0);
    const listed = await git(['ls-remote', repoUrl()]);
    expect(listed.code).not.toBe(0);
    expect(listed.stderr).toMatch(/could not read Username|terminal prompts disabled/);
  });
});
