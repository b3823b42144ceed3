// Leak response as a person relies on it: the real core, the real keychain (gnome-keyring on a private
// D-Bus session), the Data Center simulator over real sockets, and git's credential-store files in a
// temporary HOME handed to the core as its environment, with git's system file there too.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountView, CreatedToken } from '../../shared/domain';
import type { LeakReport } from '../../shared/leaks';
import { keychainKeys } from '../../electron/core/vault/types';
import { BitbucketCloudSimulator } from '../hosts/bitbucket-cloud';
import { BitbucketDataCenterSimulator } from '../hosts/bitbucket-datacenter';
import { createHarness, type Harness } from '../core/services/harness';

const PASSWORD = 'correct horse battery staple';
const BOB_PASSWORD = 'bob has his own password';

let sim: BitbucketDataCenterSimulator;
let baseUrl: string;
let serverHost: string;
let h: Harness;
let home: string;
let gitCredentials: string;
let xdgCredentials: string;
/** What git reads here: the temporary HOME and XDG_CONFIG_HOME, and a system file of the test's own. */
let gitEnv: NodeJS.ProcessEnv;
/** Everything written to the console during a test: a secret must never be part of it. */
let consoleText: string[];

beforeEach(async () => {
  sim = new BitbucketDataCenterSimulator({ contextPath: '/bitbucket' });
  ({ baseUrl } = await sim.start());
  serverHost = new URL(baseUrl).host;
  sim.addUser({ username: 'Alice', password: PASSWORD, slug: 'alice', displayName: 'Alice Example' });
  sim.addUser({ username: 'Bob', password: BOB_PASSWORD, slug: 'bob' });
  home = mkdtempSync(join(tmpdir(), 'latch-leak-home-'));
  gitCredentials = join(home, '.git-credentials');
  xdgCredentials = join(home, 'xdg', 'git', 'credentials');
  gitEnv = { HOME: home, XDG_CONFIG_HOME: join(home, 'xdg'), GIT_CONFIG_SYSTEM: join(home, 'etc-gitconfig') };
  h = createHarness({ requestTimeoutMs: 5_000, env: gitEnv });
  consoleText = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleText.push(args.map(String).join(' '));
    });
  }
});

afterEach(async () => {
  vi.restoreAllMocks();
  await h.close();
  await sim.stop();
  rmSync(home, { recursive: true, force: true });
});

const addAlice = (rememberPassword = false): Promise<AccountView> =>
  h.core.accounts.add({ host: 'bitbucket-datacenter', baseUrl, username: 'Alice', password: PASSWORD, rememberPassword });

const createToken = (account: AccountView, store: boolean, name = 'laptop git'): Promise<CreatedToken> =>
  h.core.tokens.create({ accountId: account.id, name, scopes: ['PROJECT_READ', 'REPO_WRITE'], expiryDays: 30, owner: { kind: 'user' }, store });

/** A line as `git credential-store` writes it: user and password percent-encoded. */
const storeLine = (user: string, secret: string, host = serverHost) => `http://${user}:${encodeURIComponent(secret)}@${host}\n`;

const OTHER_LINES = 'https://carol:s3cret@other.example.com\r\nhttps://dave:%2Bplus@third.example.com/scm\n';

/** Every file under a directory that holds the secret. */
function filesHolding(dir: string, secret: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info) return; // never written
    if (info.isDirectory()) return readdirSync(path).forEach((entry) => walk(join(path, entry)));
    if (readFileSync(path).includes(Buffer.from(secret))) found.push(path);
  };
  walk(dir);
  return found;
}

/** Nothing a person, a log or a file could show holds the secret. */
function expectNowhere(secret: string, ...reports: unknown[]) {
  for (const report of reports) expect(JSON.stringify(report)).not.toContain(secret);
  expect(consoleText.join('\n')).not.toContain(secret);
  expect(h.indexText()).not.toContain(secret);
  expect(JSON.stringify(sim.requests)).not.toContain(secret);
  expect(filesHolding(h.home, secret)).toEqual([]);
  expect(filesHolding(home, secret)).toEqual([]);
}

describe('a stored Data Center token leaked', () => {
  it('is revoked at the host, and its keychain copy, index entry and git credential lines are gone; other lines and the mode stay', async () => {
    const alice = await addAlice();
    const created = await createToken(alice, true);
    const keep = await createToken(alice, true, 'ci');
    writeFileSync(gitCredentials, `https://carol:s3cret@other.example.com\r\n${storeLine('alice', created.secret)}https://dave:%2Bplus@third.example.com/scm\n`);
    chmodSync(gitCredentials, 0o640);
    mkdirSync(join(home, 'xdg', 'git'), { recursive: true });
    writeFileSync(xdgCredentials, storeLine('alice', created.secret), { mode: 0o600 });

    const report = await h.core.leaks.respond(`  ${created.secret}\n`);

    expect(report.recognized).toEqual({
      kind: 'bitbucket-datacenter',
      description: `a Bitbucket Data Center HTTP access token (token id ${created.token.id})`,
      tokenId: created.token.id,
      dead: false,
    });
    expect(report.found.where).toBe('keychain');
    expect(report.found.tokens).toEqual([
      { accountId: alice.id, account: `Alice on ${serverHost}`, tokenId: created.token.id, name: 'laptop git', owner: { kind: 'user' } },
    ]);
    expect(report.host).toMatchObject({ outcome: 'revoked', code: null });
    expect(report.host.sentence).toContain(`token ${created.token.id} ("laptop git") of Alice on ${serverHost} no longer works`);

    // At the host: gone, and the secret no longer signs in.
    expect(sim.tokens().map((token) => token.id)).toEqual([keep.token.id]);
    expect(sim.authenticate(created.secret, 'alice')).toBeNull();
    expect(sim.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      `/bitbucket/rest/access-tokens/latest/users/alice/${created.token.id}`,
    ]);

    // On this computer: keychain and index hold only the other token; git's files only the other lines.
    expect(h.keychainKeys()).toEqual([keychainKeys.token(alice.id, keep.token.id)]);
    expect((await h.core.tokens.stored()).map((token) => token.tokenId)).toEqual([keep.token.id]);
    expect(readFileSync(gitCredentials, 'utf8')).toBe(OTHER_LINES);
    expect(statSync(gitCredentials).mode & 0o7777).toBe(0o640);
    expect(readFileSync(xdgCredentials, 'utf8')).toBe('');
    expect(statSync(xdgCredentials).mode & 0o7777).toBe(0o600);

    expect(report.local).toMatchObject({
      attempted: true,
      keychain: report.found.tokens,
      passwordsForgotten: [],
      savedByGit: [],
      gitCredentials: [
        { file: gitCredentials, lines: [2], hosts: [`http://${serverHost}`] },
        { file: xdgCredentials, lines: [1], hosts: [`http://${serverHost}`] },
      ],
      problems: [],
    });
    expect(report.local.sentence).toContain(`line 2 of ${gitCredentials} (http://${serverHost})`);
    expect(report.summary).toBe('Revoked at the host: it no longer works. Its copies on this computer are gone.');
    expect(report.complete).toBe(true);
    expectNowhere(created.secret, report);
  });

  it('keeps everything on this computer when the host fails, and says why in a sentence', async () => {
    const alice = await addAlice();
    const created = await createToken(alice, true);
    const lines = `${storeLine('alice', created.secret)}${OTHER_LINES}`;
    writeFileSync(gitCredentials, lines, { mode: 0o600 });
    sim.failNext(500, 3); // DELETE is retried; every try fails

    const report = await h.core.leaks.respond(created.secret);

    expect(report.host).toMatchObject({ outcome: 'failed', code: 'host-error', unlockAccountId: null, unlockAccount: null });
    expect(report.host.sentence).toBe(
      `Latch could not revoke it at ${serverHost}: Bitbucket had a problem of its own (HTTP 500). Try again later; if it keeps happening, ` +
        `tell the server's administrator. Try again, or revoke it by hand at ${baseUrl}/plugins/servlet/access-tokens/manage.`,
    );
    expect(report.local).toMatchObject({ attempted: false, keychain: [], gitCredentials: [], passwordsForgotten: [] });
    expect(report.local.sentence).toBe('Nothing on this computer was changed, so you can run this again once the step at the host works.');
    expect(report.summary).toBe('Nothing was revoked and nothing on this computer was changed.');
    expect(report.complete).toBe(false);
    expect(JSON.stringify(report)).not.toContain(created.secret);
    expect(consoleText.join('\n')).not.toContain(created.secret);

    expect(sim.tokens().map((token) => token.id)).toContain(created.token.id);
    expect(await h.realKeychain.get(keychainKeys.token(alice.id, created.token.id))).toBe(created.secret);
    expect((await h.core.tokens.stored()).map((token) => token.tokenId)).toEqual([created.token.id]);
    expect(readFileSync(gitCredentials, 'utf8')).toBe(lines);

    // Once the host answers again, the same paste finishes the job.
    const again = await h.core.leaks.respond(created.secret);
    expect(again.host.outcome).toBe('revoked');
    expect(readFileSync(gitCredentials, 'utf8')).toBe(OTHER_LINES);
    expect(h.keychainKeys()).toEqual([]);
  });

  it('reports the host revoked it when only the keychain copy could not be removed, and still clears git\'s files', async () => {
    const alice = await addAlice();
    const created = await createToken(alice, true);
    writeFileSync(gitCredentials, storeLine('alice', created.secret), { mode: 0o600 });
    h.faults.delete = true;

    const report = await h.core.leaks.respond(created.secret);

    expect(report.host.outcome).toBe('revoked');
    expect(sim.tokens()).toEqual([]);
    expect(report.local.keychain).toEqual([]);
    expect(report.local.problems).toEqual([
      'The token was revoked on the host, but Latch could not remove its copy from the keychain. The keychain is locked. Unlock it, then try again.',
    ]);
    expect(report.local.gitCredentials).toHaveLength(1);
    expect(readFileSync(gitCredentials, 'utf8')).toBe('');
    expect(report.complete).toBe(false);
    expect(report.summary).toBe('Revoked at the host: it no longer works. Some copies on this computer could not be removed; see below.');
    expectNowhere(created.secret, report);
  });

  it('waits for the account password when the account is locked, changing nothing, then finishes once unlocked', async () => {
    const alice = await addAlice();
    const created = await createToken(alice, true);
    await h.core.accounts.lock(alice.id);
    sim.requests.length = 0;

    const report = await h.core.leaks.respond(created.secret);
    expect(report.host).toMatchObject({ outcome: 'needs-password', code: 'locked', unlockAccountId: alice.id, unlockAccount: `Alice on ${serverHost}` });
    expect(report.host.sentence).toBe(`Latch needs the password of Alice on ${serverHost} to revoke it there. Nothing was changed: unlock the account, then run this again.`);
    expect(report.local.attempted).toBe(false);
    // Only one read, with the secret itself, to learn it still works (a dead one would need no password).
    expect(sim.requests.map((r) => ({ method: r.method, auth: r.auth, status: r.status }))).toEqual([{ method: 'GET', auth: 'token', status: 200 }]);
    expect(h.keychainKeys()).toEqual([keychainKeys.token(alice.id, created.token.id)]);

    await h.core.accounts.unlock(alice.id, PASSWORD);
    expect((await h.core.leaks.respond(created.secret)).host.outcome).toBe('revoked');
    expect(h.keychainKeys()).toEqual([]);
  });
});

describe('a Data Center token Latch does not hold', () => {
  it('is found among the account\'s tokens by the id it embeds, and revoked', async () => {
    const alice = await addAlice();
    sim.seedTokens('alice', 30); // beyond the first page
    const created = await createToken(alice, false);
    writeFileSync(gitCredentials, `${OTHER_LINES}${storeLine('alice', created.secret)}`, { mode: 0o600 });

    const report = await h.core.leaks.respond(created.secret);

    expect(report.found).toMatchObject({
      where: 'host',
      tokens: [{ accountId: alice.id, tokenId: created.token.id, name: 'laptop git', owner: { kind: 'user' } }],
    });
    expect(report.found.sentence).toBe(
      `Latch holds no copy of it, but the id it carries is token ${created.token.id} ("laptop git") of Alice on ${serverHost}. ` +
        "git's credential files hold it in plain text on 1 line.",
    );
    expect(report.host.outcome).toBe('revoked');
    expect(sim.tokens().map((token) => token.id)).not.toContain(created.token.id);
    expect(sim.tokens()).toHaveLength(30);
    expect(report.local.keychain).toEqual([]);
    expect(readFileSync(gitCredentials, 'utf8')).toBe(OTHER_LINES);
    expect(report.complete).toBe(true);
    expectNowhere(created.secret, report);
  });

  it('changes nothing and says why when the host cannot be asked whose it is', async () => {
    const alice = await addAlice();
    const created = await createToken(alice, false);
    const lines = storeLine('alice', created.secret);
    writeFileSync(gitCredentials, lines, { mode: 0o600 });
    sim.failNext(503, 3); // the token list is retried; every try fails

    const report = await h.core.leaks.respond(created.secret);

    expect(report.host).toMatchObject({ outcome: 'failed', code: 'host-error' });
    expect(report.host.sentence).toBe(
      `Latch could not look among the tokens of every account, so it cannot tell whose token ${created.token.id} is. ` +
        `For Alice on ${serverHost}: Bitbucket had a problem of its own (HTTP 503). Try again later; if it keeps happening, tell the server's administrator. Try again.`,
    );
    expect(report.local.attempted).toBe(false);
    expect(readFileSync(gitCredentials, 'utf8')).toBe(lines);
    expect(sim.tokens().map((token) => token.id)).toContain(created.token.id);
  });

  it('revokes nothing for a made-up secret that names a real token id: the host refuses the secret itself', async () => {
    const alice = await addAlice();
    const real = await createToken(alice, false);
    const madeUp = `BBDC-${Buffer.from(`${real.token.id}:not-the-real-random-bytes`).toString('base64')}`;
    writeFileSync(gitCredentials, `${OTHER_LINES}${storeLine('alice', madeUp)}`, { mode: 0o600 });
    sim.requests.length = 0;

    const report = await h.core.leaks.respond(madeUp);

    expect(sim.tokens().map((token) => token.id)).toContain(real.token.id);
    expect(sim.requests.some((r) => r.method === 'DELETE')).toBe(false);
    // The check was the host's identity call, made with the pasted text itself.
    expect(sim.requests).toContainEqual(expect.objectContaining({ method: 'GET', path: '/bitbucket/rest/api/latest/users?limit=1', auth: 'refused', status: 401 }));
    expect(report.host.outcome).toBe('dead');
    expect(report.host.sentence).toBe(
      `${serverHost} does not accept this secret, so it opens nothing there; it is not (or no longer) the secret of token ${real.token.id} ("laptop git") of Alice on ${serverHost}, which Latch left alone.`,
    );
    expect(report.found.tokens).toEqual([]);
    // A line holding text that opens nothing is still removed: it is no credential.
    expect(readFileSync(gitCredentials, 'utf8')).toBe(OTHER_LINES);
    expectNowhere(madeUp, report);
  });

  it("says it may be another user's when no account owns it, and revokes nothing", async () => {
    await addAlice();
    const bobsToken = await createTokenAs('Bob', BOB_PASSWORD);
    sim.requests.length = 0;

    const report = await h.core.leaks.respond(bobsToken.secret);

    expect(report.found.where).toBe('nowhere');
    expect(report.found.sentence).toBe(
      `Latch holds no copy of it, and none of its Bitbucket Data Center accounts (Alice on ${serverHost}) has a personal token with id ${bobsToken.token.id}.`,
    );
    expect(report.host.outcome).toBe('not-found');
    expect(report.host.sentence).toBe(
      `Token ${bobsToken.token.id} may belong to another user, or to a project or repository. Ask its owner, or a Bitbucket administrator, to revoke it now.`,
    );
    expect(report.summary).toBe('Latch could not find whose token this is: ask its owner or a Bitbucket administrator to revoke it.');
    expect(sim.requests.map((r) => r.method)).toEqual(['GET']);
    expect(sim.tokens().map((token) => token.id)).toContain(bobsToken.token.id);
    expect(report.complete).toBe(false);
    expectNowhere(bobsToken.secret, report);
  });
});

/** A token made by another person's own Latch: its secret, never seen by this one. */
async function createTokenAs(username: string, password: string): Promise<CreatedToken> {
  const other = createHarness({ requestTimeoutMs: 5_000 });
  try {
    const account = await other.core.accounts.add({ host: 'bitbucket-datacenter', baseUrl, username, password, rememberPassword: false });
    return await other.core.tokens.create({ accountId: account.id, name: 'theirs', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: null, owner: { kind: 'user' }, store: false });
  } finally {
    await other.close();
  }
}

describe('secrets Latch cannot revoke', () => {
  it('tells that a Bitbucket Cloud app password is dead, and still removes its plaintext copies', async () => {
    const secret = 'ATBB7hXc9pL2mQ4rT6vW8yZ1aB3cD5eF7gH9';
    writeFileSync(gitCredentials, `https://alice:${secret}@bitbucket.org\n${OTHER_LINES}`, { mode: 0o600 });

    const report = await h.core.leaks.respond(secret);

    expect(report.recognized).toEqual({ kind: 'bitbucket-cloud-app-password', description: 'a Bitbucket Cloud app password', tokenId: null, dead: true });
    expect(report.host.outcome).toBe('dead');
    expect(report.host.sentence).toMatch(/^Bitbucket Cloud app passwords stopped working on 9 June 2026, so this one no longer opens anything/);
    expect(report.local.gitCredentials).toEqual([{ file: gitCredentials, lines: [1], hosts: ['https://bitbucket.org'] }]);
    expect(readFileSync(gitCredentials, 'utf8')).toBe(OTHER_LINES);
    expect(report.summary).toBe('It already no longer works anywhere. Its copies on this computer are gone.');
    expect(report.complete).toBe(true);
    expect(sim.requests).toEqual([]);
    expectNowhere(secret, report);
  });

  it('says where to revoke a GitHub-shaped secret whose checksum is wrong by hand, and sends it nowhere', async () => {
    const secret = `ghp_${'x'.repeat(36)}`;
    const report = await h.core.leaks.respond(secret);
    expect(report.recognized.description).toBe('a GitHub personal access token (classic)');
    expect(report.host).toMatchObject({ outcome: 'by-hand', manageUrl: 'https://github.com/settings/tokens' });
    expect(report.host.sentence).toMatch(/delete it now on GitHub/);
    expect(report.local.sentence).toBe('Latch found no copy of it on this computer (keychain, git credential files).');
    expect(report.complete).toBe(false);
    expect(sim.requests).toEqual([]);
    expectNowhere(secret, report);
  });

  it('says plainly when it does not know a secret and holds no copy of it', async () => {
    await addAlice();
    const secret = 'zq-not-a-token-format-4711';
    const report = await h.core.leaks.respond(secret);
    expect(report.recognized).toMatchObject({ kind: 'unknown', description: 'not a kind of token Latch knows' });
    expect(report.found).toEqual({ where: 'nowhere', tokens: [], sentence: 'Latch holds no copy of it in the keychain.' });
    expect(report.host).toMatchObject({ outcome: 'unknown', manageUrl: null });
    expect(report.host.sentence).toBe(
      'Latch does not recognise this secret and holds no copy of it, so it cannot tell where it works. Change or revoke it where it was issued.',
    );
    expect(report.summary).toBe('Latch does not know this secret: change or revoke it where it was issued.');
    expectNowhere(secret, report);
  });

  it('recognises a leaked account password, forgets the copy Latch keeps, and says to change it', async () => {
    const alice = await addAlice(true);
    writeFileSync(gitCredentials, storeLine('Alice', PASSWORD), { mode: 0o600 });
    const report = await h.core.leaks.respond(PASSWORD);
    expect(report.found).toMatchObject({ where: 'account-password' });
    expect(report.host.outcome).toBe('change-password');
    expect(report.local.passwordsForgotten).toEqual([`Alice on ${serverHost}`]);
    expect(h.keychainKeys()).toEqual([]);
    expect((await h.core.accounts.list())[0]).toMatchObject({ id: alice.id, rememberPassword: false, lock: { state: 'locked' } });
    expect(readFileSync(gitCredentials, 'utf8')).toBe('');
    expect(sim.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    expectNowhere(PASSWORD, report);
  });
});

describe('a kept Bitbucket Cloud API token leaked', () => {
  const EMAIL = 'alice@example.com';
  const TOKEN_PAGE = 'https://id.atlassian.com/manage-profile/security/api-tokens';
  let cloud: BitbucketCloudSimulator;
  let cloudUrl: string;

  beforeEach(async () => {
    cloud = new BitbucketCloudSimulator();
    ({ baseUrl: cloudUrl } = await cloud.start());
    cloud.addUser({ email: EMAIL, username: 'alice-bb', displayName: 'Alice Example' });
  });
  afterEach(() => cloud.stop());

  const expiresOn = () => new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);

  it('is not sent to the host (it cannot revoke); every local copy goes, and the report says to revoke it at id.atlassian.com', async () => {
    const secret = cloud.issueToken(EMAIL);
    const other = cloud.issueToken(EMAIL);
    const account = await h.core.accounts.add({ host: 'bitbucket-cloud', baseUrl: cloudUrl, email: EMAIL, token: { name: 'laptop', secret, expiresOn: expiresOn() } });
    const kept = await h.core.tokens.add(account.id, { name: 'ci', secret: other, expiresOn: expiresOn() });
    const [laptop] = (await h.core.tokens.stored(account.id)).filter((token) => token.name === 'laptop');
    const cloudHost = new URL(cloudUrl).host;
    // git's store helper saved it after a push, as bitbucket.org's username for API tokens.
    writeFileSync(gitCredentials, `http://x-bitbucket-api-token-auth:${encodeURIComponent(secret)}@${cloudHost}\n${OTHER_LINES}`, { mode: 0o600 });
    cloud.requests.length = 0;

    const report = await h.core.leaks.respond(secret);

    expect(report.recognized).toEqual({ kind: 'atlassian-api-token', description: 'an Atlassian API token (used with Bitbucket Cloud)', tokenId: null, dead: false });
    const ref = { accountId: account.id, account: `${EMAIL} on ${cloudHost}`, tokenId: laptop!.tokenId, name: 'laptop', owner: { kind: 'user' } };
    expect(report.found).toMatchObject({ where: 'keychain', tokens: [ref] });
    // Nothing asked of the host: Atlassian has no API to revoke it.
    expect(cloud.requests).toEqual([]);
    expect(report.host).toEqual({
      outcome: 'by-hand',
      sentence:
        `Atlassian has no API to revoke API tokens, so revoke "laptop" yourself now: sign in at id.atlassian.com as ${EMAIL}, ` +
        `open Security → API tokens (${TOKEN_PAGE}) and revoke it there. Until then it still works for anyone who has it.`,
      manageUrl: TOKEN_PAGE,
      code: null,
      unlockAccountId: null,
      unlockAccount: null,
    });
    // It does still work at the host: Latch said so rather than pretending.
    expect(cloud.gitUser('x-bitbucket-api-token-auth', secret)).not.toBeNull();

    // On this computer: the keychain copy and index entry, and git's line, are gone; the other token stays.
    expect(report.local).toMatchObject({
      attempted: true,
      keychain: [ref],
      passwordsForgotten: [],
      savedByGit: [],
      gitCredentials: [{ file: gitCredentials, lines: [1], hosts: [`http://${cloudHost}`] }],
      problems: [],
    });
    expect((await h.core.tokens.stored()).map((token) => token.tokenId)).toEqual([kept.id]);
    expect(h.keychainKeys()).toEqual([keychainKeys.token(account.id, kept.id)]);
    expect(readFileSync(gitCredentials, 'utf8')).toBe(OTHER_LINES);
    expect((await h.core.accounts.list()).map((a) => a.id)).toEqual([account.id]);
    expect(report.summary).toBe('Latch cannot revoke it itself: revoke it by hand now, as described below. Its copies on this computer are gone.');
    // Not complete: the secret still works until the person revokes it.
    expect(report.complete).toBe(false);
    expectNowhere(secret, report);
    expect(JSON.stringify(cloud.requests)).not.toContain(secret);
  });

  it('finds the copy kept for the account even when it was its only token; the account stays for a new one', async () => {
    const secret = cloud.issueToken(EMAIL);
    const account = await h.core.accounts.add({ host: 'bitbucket-cloud', baseUrl: cloudUrl, email: EMAIL, token: { name: 'only', secret, expiresOn: expiresOn() } });
    const exam = await h.core.leaks.examine(` ${secret} `);
    expect(exam.storedTokens.map(({ account: a, token }) => [a.id, token.name])).toEqual([[account.id, 'only']]);

    const report = await h.core.leaks.respond(secret);
    expect(report.host.outcome).toBe('by-hand');
    expect(report.local.sentence).toMatch(/^Removed from this computer: the keychain copy of token pasted-[0-9a-f]{12} of alice@example\.com on /);
    expect(await h.core.tokens.stored()).toEqual([]);
    expect(h.keychainKeys()).toEqual([]);
    expect(await h.core.tokens.list(account.id, { kind: 'user' })).toEqual([]);
    expectNowhere(secret, report);
  });
});

/** Runs real git in the test's HOME; throws with git's complaint when it fails. */
function git(args: string[], input?: string): string {
  const result = spawnSync('git', args, { env: { ...gitEnv, PATH: process.env.PATH }, input, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Has git save a credential through the helpers it is configured with, as after a successful push. */
const gitApprove = (host: string, username: string, password: string, protocol = 'http') =>
  git(['credential', 'approve'], `protocol=${protocol}\nhost=${host}\nusername=${username}\npassword=${password}\n\n`);

/** What git's store helper answers from one file for a host: empty when it holds nothing for it. */
const storedFor = (file: string, host: string, protocol = 'http') =>
  git(['credential-store', '--file', file, 'get'], `protocol=${protocol}\nhost=${host}\n\n`);

describe('every other copy: the user field, ~/.netrc and remote URLs', () => {
  it('finds the token as a URL user, in ~/.netrc and in the remote URLs of the repositories it is told about, and removes each', async () => {
    const alice = await addAlice();
    const created = await createToken(alice, false);
    const secret = created.secret;
    const encoded = encodeURIComponent(secret);
    // As the user alone, and beside a dummy password: both fields of the user-info.
    writeFileSync(gitCredentials, `${OTHER_LINES}http://${encoded}@${serverHost}\nhttp://${encoded}:x-oauth-basic@${serverHost}/scm\n`, { mode: 0o600 });
    const netrc = join(home, '.netrc');
    const otherMachine = 'machine other.example.com\n  login carol\n  password s3cret\n';
    writeFileSync(netrc, `${otherMachine}machine ${new URL(baseUrl).hostname}\n  login alice\n  password ${secret}\n`, { mode: 0o600 });
    // Two repositories cloned with the token in the URL: one Latch is told about, one it runs in.
    const told = join(home, 'told');
    const here = join(home, 'here');
    for (const repo of [told, here]) git(['init', '-q', repo]);
    git(['-C', told, 'remote', 'add', 'origin', `http://${encoded}@${serverHost}/scm/prj/app.git`]);
    git(['-C', told, 'remote', 'add', 'mirror', 'https://example.com/keep/this.git']);
    git(['-C', here, 'remote', 'add', 'origin', `http://alice:${encoded}@${serverHost}/scm/prj/lib.git`]);
    mkdirSync(join(here, 'sub'));

    const report = await h.core.leaks.respond(secret, { repos: [told], workingDir: join(here, 'sub') });

    expect(report.host.outcome).toBe('revoked');
    expect(report.found.sentence).toContain("git's credential files hold it in plain text on 5 lines. 2 remote URLs of your repositories carry it.");
    expect(readFileSync(gitCredentials, 'utf8')).toBe(OTHER_LINES);
    expect(readFileSync(netrc, 'utf8')).toBe(otherMachine);
    expect(git(['-C', told, 'config', '--get', 'remote.origin.url']).trim()).toBe(`http://${serverHost}/scm/prj/app.git`);
    expect(git(['-C', told, 'config', '--get', 'remote.mirror.url']).trim()).toBe('https://example.com/keep/this.git');
    // The user name stays where the secret was the password.
    expect(git(['-C', here, 'config', '--get', 'remote.origin.url']).trim()).toBe(`http://alice@${serverHost}/scm/prj/lib.git`);
    const files = report.local.gitCredentials.map((cleanup) => cleanup.file);
    expect(files).toEqual(expect.arrayContaining([gitCredentials, netrc, join(told, '.git', 'config'), join(here, '.git', 'config')]));
    expect(report.local.gitCredentials.find((cleanup) => cleanup.file === netrc)).toEqual({ file: netrc, lines: [4, 5, 6], hosts: [`https://${new URL(baseUrl).hostname}`] });
    expect(report.complete).toBe(true);
    expectNowhere(secret, report);
    expect(filesHolding(home, secret)).toEqual([]);
  });

  it('names a folder it was told about that is no repository, and still cleans the rest', async () => {
    const report = await h.core.leaks.respond('BBDC-not-a-real-token-at-all-00000000', { repos: [join(home, 'nowhere')] });
    expect(report.local.problems).toContain(`${join(home, 'nowhere')} is not in a git repository, so Latch searched no remote URLs there.`);
  });
});

describe('files a store helper was pointed at', () => {
  it('loses the leaked lines from every file git stored them in, in global and system settings, keeping other lines and the mode', async () => {
    const alice = await addAlice();
    const created = await createToken(alice, true);
    mkdirSync(join(home, 'vault'));
    const vault = join(home, 'vault', 'git-creds');
    const shared = join(home, 'shared creds');
    git(['config', '--global', 'credential.helper', 'store --file ~/vault/git-creds']);
    git(['config', '--file', gitEnv.GIT_CONFIG_SYSTEM!, `credential.http://${serverHost}.helper`, `store --file '${shared}'`]);
    gitApprove('other.example.com', 'carol', 's3cret', 'https');
    gitApprove(serverHost, 'alice', created.secret);
    chmodSync(vault, 0o640);
    // git keeps the secret in both files (percent-encoded, so no plain search finds it).
    for (const file of [vault, shared]) expect(storedFor(file, serverHost)).toContain(`password=${created.secret}`);
    expect(readFileSync(vault, 'utf8').split('\n')).toHaveLength(3);

    const report = await h.core.leaks.respond(created.secret);

    expect(report.host.outcome).toBe('revoked');
    expect(report.found.sentence).toContain("git's credential files hold it in plain text on 2 lines.");
    // In the order git reads its settings: system before global.
    expect(report.local.gitCredentials).toEqual([
      { file: shared, lines: [1], hosts: [`http://${serverHost}`] },
      { file: vault, lines: [1], hosts: [`http://${serverHost}`] },
    ]);
    expect(report.local.problems).toEqual([]);
    expect(readFileSync(vault, 'utf8')).toBe('https://carol:s3cret@other.example.com\n');
    expect(statSync(vault).mode & 0o7777).toBe(0o640);
    expect(storedFor(vault, 'other.example.com', 'https')).toContain('password=s3cret');
    expect(readFileSync(shared, 'utf8')).toBe('');
    for (const file of [vault, shared]) expect(storedFor(file, serverHost)).toBe('');
    expect(statSync(shared).mode & 0o7777).toBe(0o600); // as git created it
    expect(report.complete).toBe(true);
    expectNowhere(created.secret, report);
  });

  it('names a file a helper points at that it cannot search, without its content, and still cleans the others', async () => {
    const alice = await addAlice();
    const created = await createToken(alice, true);
    const unreadable = join(home, 'not-a-file');
    mkdirSync(unreadable);
    git(['config', '--global', '--add', 'credential.helper', `store --file ${unreadable}`]);
    git(['config', '--global', '--add', 'credential.helper', 'store --file=~/creds']);
    git(['config', '--global', '--add', 'credential.helper', '']);
    writeFileSync(gitCredentials, storeLine('alice', created.secret), { mode: 0o600 });

    const report = await h.core.leaks.respond(created.secret);

    expect(report.host.outcome).toBe('revoked');
    expect(report.local.gitCredentials).toEqual([{ file: gitCredentials, lines: [1], hosts: [`http://${serverHost}`] }]);
    expect(readFileSync(gitCredentials, 'utf8')).toBe('');
    expect(report.local.problems).toEqual([
      `A credential helper set in ${join(home, '.gitconfig')} keeps passwords in ~/creds, relative to the folder git runs in, so Latch could not search it: ` +
        'look for that file in your repositories.',
      `Latch could not read ${unreadable}: the file system refused (EISDIR).`,
    ]);
    expect(report.complete).toBe(false);
    expect(report.summary).toBe('Revoked at the host: it no longer works. Some copies on this computer could not be removed; see below.');
    expectNowhere(created.secret, report);
  });
});

describe('over IPC', () => {
  it('answers leaks:respond with the report, and never quotes the secret when it refuses the input', async () => {
    const alice = await addAlice();
    const created = await createToken(alice, true);
    const results = [
      await h.core.dispatch('leaks:respond', { secret: created.secret, extra: true }, true),
      await h.core.dispatch('leaks:respond', { secret: `${created.secret}\n${created.secret}` }, true),
      await h.core.dispatch('leaks:respond', { secret: '   ' }, true),
      await h.core.dispatch('leaks:respond', { secret: created.secret }, false),
    ];
    expect(results).toEqual([
      { ok: false, code: 'validation', message: 'Latch refused the request: the request has a field Latch does not accept.' },
      { ok: false, code: 'validation', message: 'Paste one secret on its own: what was pasted spans several lines.' },
      { ok: false, code: 'validation', message: 'Paste the secret you believe leaked.' },
      { ok: false, code: 'forbidden-sender', message: 'Latch refused a request that did not come from its own window.' },
    ]);
    expect(sim.tokens()).toHaveLength(1);

    const answered = await h.core.dispatch('leaks:respond', { secret: created.secret }, true);
    expect(answered.ok).toBe(true);
    expect((answered as { value: LeakReport }).value.host.outcome).toBe('revoked');
    expect(sim.tokens()).toEqual([]);
    expectNowhere(created.secret, ...results, answered);
  });
});
