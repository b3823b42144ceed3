// Real git against a Bitbucket Cloud stand-in on 127.0.0.1: repositories at /WORKSPACE/REPO.git through
// `git http-backend`, git's Basic check and the /2.0 API answered by the Cloud simulator. An API token
// made "in the browser" (the simulator) is handed to `latch account add --host bitbucket-cloud`, and git
// uses it through git-credential-latch, configured by `latch setup-git` in an isolated HOME, with the
// real keychain and GIT_TERMINAL_PROMPT=0, so any prompt would be a failure.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createOsKeychain } from '../../../electron/core/vault/keychain';
import { BitbucketCloudSimulator, CLOUD_GIT_USERNAME } from '../../hosts/bitbucket-cloud';
import { useGitOrigin } from './git-origin';
import { startCloudGitServer } from '../../hosts/smart-http-server';

const USERS = {
  alice: { email: 'alice@example.com', username: 'alice-bb' },
  bob: { email: 'bob@example.com', username: 'bob-bb' },
} as const;
type Who = keyof typeof USERS;

let sim: BitbucketCloudSimulator;

/** A date the token page could show: some months ahead. */
const EXPIRES_ON = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);

// The served repository: workspace "acme", repository "app", one commit.
const origin = useGitOrigin([['acme', 'app.git']], async (projectRoot) => {
  sim = new BitbucketCloudSimulator();
  const { baseUrl: simBaseUrl } = await sim.start();
  for (const user of Object.values(USERS)) sim.addUser({ ...user, displayName: user.username });
  return startCloudGitServer(sim, simBaseUrl, projectRoot);
});
afterAll(() => sim.stop());
const { run, git, indexPath, index } = origin;
/** As bitbucket.org's clone dialog shows it (Sourcetree puts the username in), or without a user. */
const repoUrl = (user?: string) => `http://${user ? `${user}@` : ''}${origin.server.host}/acme/app.git`;
const authed = () => origin.server.requests.filter((r) => r.user !== null);

/** An API token made at id.atlassian.com, given to Latch with a new account; returns the secret. */
async function addCloudAccount(who: Who, scopes?: string[]): Promise<string> {
  const secret = sim.issueToken(USERS[who].email, scopes ? { scopes } : {});
  const added = await run(
    ['account', 'add', '--host', 'bitbucket-cloud', '--url', origin.server.baseUrl, '--email', USERS[who].email, '--token-name', `${who} laptop`, '--expires-on', EXPIRES_ON, '--token-stdin', '--json'],
    `${secret}\n`,
  );
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
  return secret;
}

async function setupGit(): Promise<void> {
  const result = await run(['setup-git', '--host', origin.server.host]);
  expect(result.code).toBe(0);
}

const noPrompt = (stderr: string) => expect(stderr).not.toMatch(/could not read (Username|Password)|terminal prompts disabled/);

describe('git on Bitbucket Cloud with a kept API token', () => {
  it('clones and pushes with no prompt, sending x-bitbucket-api-token-auth, and records the use', async () => {
    const secret = await addCloudAccount('alice');
    await setupGit();

    const cloned = await git(['clone', repoUrl(), 'work']);
    noPrompt(cloned.stderr);
    expect(cloned.code).toBe(0);
    const work = join(origin.home.dir, 'work');
    expect((await git(['commit', '--allow-empty', '-m', 'from latch on cloud'], work)).code).toBe(0);
    const pushed = await git(['push', 'origin', 'main'], work);
    noPrompt(pushed.stderr);
    expect(pushed.code).toBe(0);
    expect(execFileSync('git', ['--git-dir', join(origin.projectRoot, 'acme', 'app.git'), 'log', '-1', '--format=%s', 'main'], { encoding: 'utf8' })).toBe(
      'from latch on cloud\n',
    );

    // Every authenticated request was alice's token, under the username Bitbucket Cloud documents.
    expect(authed().length).toBeGreaterThan(0);
    expect(authed().every((r) => r.user === USERS.alice.username && r.sentUsername === CLOUD_GIT_USERNAME)).toBe(true);
    expect(origin.server.requests.some((r) => r.path.endsWith('/git-receive-pack') && r.user === USERS.alice.username)).toBe(true);
    // git's `store` after success recorded the use; the secret is in the keychain only.
    const kept = index().storedTokens;
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ gitUsername: CLOUD_GIT_USERNAME, expiresAt: `${EXPIRES_ON}T23:59:59.000Z`, rejectedAt: null });
    expect(kept[0]!.lastUsedAt).not.toBeNull();
    expect(readFileSync(indexPath(), 'utf8')).not.toContain(secret);
    expect(await createOsKeychain().get(kept[0]!.keychainKey)).toBe(secret);
  });

  it('takes the account from the Bitbucket username in the URL, else the default one', async () => {
    await addCloudAccount('alice');
    await addCloudAccount('bob');
    await setupGit();

    const asBob = await git(['clone', repoUrl(USERS.bob.username), 'as-bob']);
    noPrompt(asBob.stderr);
    expect(asBob.code).toBe(0);
    expect(authed().length).toBeGreaterThan(0);
    expect(authed().every((r) => r.user === USERS.bob.username)).toBe(true);
    // The use was recorded on bob's token, though git reported back the shared username.
    const bobId = index().accounts.find((a) => a.userSlug === USERS.bob.username)!.id;
    expect(index().storedTokens.find((t) => t.accountId === bobId)!.lastUsedAt).not.toBeNull();

    origin.server.requests.length = 0;
    expect((await git(['clone', repoUrl(), 'as-default'])).code).toBe(0);
    expect(authed().length).toBeGreaterThan(0);
    expect(authed().every((r) => r.user === USERS.alice.username)).toBe(true);
  });

  it('fails at once, without a prompt, after the token is revoked at id.atlassian.com, and marks it rejected', async () => {
    const secret = await addCloudAccount('alice');
    await setupGit();
    expect((await git(['clone', repoUrl(USERS.alice.username), 'work'])).code).toBe(0);

    sim.revokeToken(secret);
    const started = Date.now();
    const fetched = await git(['fetch'], join(origin.home.dir, 'work'));
    expect(fetched.code).not.toBe(0);
    expect(fetched.stderr).toMatch(/Authentication failed/);
    noPrompt(fetched.stderr);
    expect(Date.now() - started).toBeLessThan(10_000);

    // git's `erase` marked it rejected; the secret stays in the keychain until the person removes it.
    const stored = index().storedTokens[0]!;
    expect(stored.rejectedAt).not.toBeNull();
    expect(await createOsKeychain().get(stored.keychainKey)).toBe(secret);
    const listed = await run(['token', 'list', '--account', USERS.alice.email]);
    expect(listed.stdout).toMatch(/alice laptop .* yes, rejected by the host/);

    // Not offered again: git has nothing to send and still does not prompt.
    origin.server.requests.length = 0;
    const again = await git(['fetch'], join(origin.home.dir, 'work'));
    expect(again.code).not.toBe(0);
    expect(origin.server.requests.length).toBeGreaterThan(0);
    expect(origin.server.requests.every((r) => r.user === null && !r.sentSecret)).toBe(true);
  });

  it("marks only the non-default account's token rejected when it is revoked, though git names the shared username", async () => {
    const aliceSecret = await addCloudAccount('alice');
    const bobSecret = await addCloudAccount('bob');
    await setupGit();
    const work = join(origin.home.dir, 'as-bob');
    expect((await git(['clone', repoUrl(USERS.bob.username), 'as-bob'])).code).toBe(0);
    const accountOf = (who: Who) => index().accounts.find((a) => a.userSlug === USERS[who].username)!.id;
    const tokenOf = (who: Who) => index().storedTokens.find((t) => t.accountId === accountOf(who))!;
    expect(index().accounts.find((a) => a.id === accountOf('bob'))!.isDefault).toBe(false);

    // Bob revokes his token in the browser; the URL still names his Bitbucket username.
    sim.revokeToken(bobSecret);
    origin.server.requests.length = 0;
    const fetched = await git(['fetch'], work);
    expect(fetched.code).not.toBe(0);
    expect(fetched.stderr).toMatch(/Authentication failed/);
    noPrompt(fetched.stderr);
    // Bob's secret was sent and refused; git's `erase` came back with x-bitbucket-api-token-auth and
    // the secret, and Latch found bob's token by it, not alice's (the default) by the username.
    expect(origin.server.requests.some((r) => r.sentSecret)).toBe(true);
    expect(origin.server.requests.every((r) => r.user === null)).toBe(true);
    expect(tokenOf('bob').rejectedAt).not.toBeNull();
    expect(tokenOf('alice').rejectedAt).toBeNull();

    // Alice's token still works for git, and both secrets are still in the keychain.
    origin.server.requests.length = 0;
    expect((await git(['clone', repoUrl(), 'as-default'])).code).toBe(0);
    expect(authed().length).toBeGreaterThan(0);
    expect(authed().every((r) => r.user === USERS.alice.username)).toBe(true);
    expect(await createOsKeychain().get(tokenOf('bob').keychainKey)).toBe(bobSecret);
    expect(await createOsKeychain().get(tokenOf('alice').keychainKey)).toBe(aliceSecret);
  });

  it('does not offer a kept token after its expiry date', async () => {
    const secret = await addCloudAccount('alice');
    await setupGit();
    // The day on the token page has passed (the host would refuse it from now on).
    const data = index();
    data.storedTokens[0]!.expiresAt = new Date(Date.now() - 86_400_000).toISOString();
    writeFileSync(indexPath(), JSON.stringify(data, null, 2));

    const cloned = await git(['clone', repoUrl(), 'work']);
    expect(cloned.code).not.toBe(0);
    // No secret reached the server at all; git gave up where it would have prompted.
    expect(origin.server.requests.length).toBeGreaterThan(0);
    expect(origin.server.requests.every((r) => !r.sentSecret)).toBe(true);
    expect(cloned.stderr).toMatch(/terminal prompts disabled|could not read Username/);
    // Latch still holds it (the person may revoke and forget it) and says why git does not get it.
    const listed = await run(['token', 'list', '--account', USERS.alice.email]);
    expect(listed.stdout).toMatch(/alice laptop .* yes, expired \(not given to git\)/);
    expect((await run(['token', 'get', '--host', origin.server.host])).stderr).toMatch(/no usable token .* latch token add/);
    expect(listed.stdout + listed.stderr).not.toContain(secret);
  });

  it('is refused by the host (403) without a prompt when the token may only read, and the token stays usable', async () => {
    await addCloudAccount('alice', ['read:user:bitbucket', 'read:repository:bitbucket']);
    await setupGit();
    expect((await git(['clone', repoUrl(), 'work'])).code).toBe(0);
    const work = join(origin.home.dir, 'work');
    await git(['commit', '--allow-empty', '-m', 'not allowed'], work);
    const pushed = await git(['push', 'origin', 'main'], work);
    expect(pushed.code).not.toBe(0);
    noPrompt(pushed.stderr);
    expect(origin.server.requests.some((r) => r.status === 403)).toBe(true);
    // A 403 is not git's signal of a wrong secret: the token is not marked rejected.
    expect(index().storedTokens[0]!.rejectedAt).toBeNull();
  });
});
