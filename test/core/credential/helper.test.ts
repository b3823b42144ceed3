// git-credential-latch's operations in process, over the app's own index store and the real keychain
// (gnome-keyring on a private D-Bus session, scripts/with-keyring.sh).
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkToken } from '../../../electron/cli/helper-check';
import { runHelper, type HelperDeps } from '../../../electron/core/credential/helper';
import { BitbucketDataCenterAdapter } from '../../../electron/core/hosts';
import { createHttpClient } from '../../../electron/core/http';
import { createIndexStore, type IndexStore } from '../../../electron/core/vault/index-store';
import { createOsKeychain } from '../../../electron/core/vault/keychain';
import { keychainKeys, type StoredToken } from '../../../electron/core/vault/types';
import type { Account, TokenOwner } from '../../../shared/domain';
import { BitbucketDataCenterSimulator } from '../../hosts/bitbucket-datacenter';
import { testAccount, testToken } from '../vault/fixtures';
import { tempHome } from '../vault/temp-home';

const keychain = createOsKeychain({ service: `Latch-test-${randomUUID()}` });
const NOW = Date.parse('2026-11-27T12:00:00Z');
const request = (lines: string[]) => new TextEncoder().encode(`${lines.join('\n')}\n\n`);
const HOST = ['protocol=https', 'host=bitbucket.example.com'];

let home: string;
let cleanup: () => void;
let store: IndexStore;
let deps: HelperDeps;
let account: Account;

async function holdToken(token: StoredToken, secret: string): Promise<void> {
  await keychain.set(token.keychainKey, secret);
  await store.update((data) => {
    data.storedTokens.push(token);
  });
}

const stored = async (tokenId: string) => (await store.read()).storedTokens.find((t) => t.tokenId === tokenId);

beforeEach(async () => {
  ({ home, cleanup } = tempHome());
  store = createIndexStore(home);
  deps = { home, keychain, openStore: () => store, now: () => NOW };
  account = testAccount({ id: randomUUID() });
  await store.update((data) => {
    data.accounts.push(account);
  });
});

afterEach(() => cleanup());

describe('git-credential-latch get', () => {
  it('answers the stored token with the user slug and its expiry', async () => {
    await holdToken(testToken(account.id, '012345678901', { expiresAt: '2027-01-01T00:00:00.000Z' }), 'BBDC-first+secret/=');
    const outcome = await runHelper('get', request(HOST), deps);
    expect(outcome).toEqual({
      stdout: 'username=alice\npassword=BBDC-first+secret/=\npassword_expiry_utc=1798761600\n',
      stderr: [],
      exitCode: 0,
    });
  });

  it('answers nothing, silently, for another host or when nothing is stored', async () => {
    expect(await runHelper('get', request(HOST), deps)).toEqual({ stdout: '', stderr: [], exitCode: 0 });
    await holdToken(testToken(account.id, '012345678901'), 'BBDC-x');
    const other = await runHelper('get', request(['protocol=https', 'host=bitbucket.example.com.evil.test']), deps);
    expect(other).toEqual({ stdout: '', stderr: [], exitCode: 0 });
  });

  it('answers a Bearer-only token as authtype=Bearer when git advertises the capability', async () => {
    const project = testToken(account.id, '099999999999', { owner: { kind: 'project', projectKey: 'PROJ' }, gitUsername: null });
    await holdToken(project, 'BBDC-project');
    const modern = await runHelper('get', request(['capability[]=authtype', ...HOST, 'path=scm/proj/app.git']), deps);
    expect(modern.stdout).toBe('capability[]=authtype\nauthtype=Bearer\ncredential=BBDC-project\n');

    // git 2.39 cannot send it: nothing on stdout, a hint on stderr.
    const old = await runHelper('get', request([...HOST, 'path=scm/proj/app.git']), deps);
    expect(old.stdout).toBe('');
    expect(old.exitCode).toBe(0);
    expect(old.stderr).toHaveLength(1);
    expect(old.stderr[0]).toMatch(/^git-credential-latch: .*git 2\.46/);
    expect(old.stderr[0]).not.toContain('BBDC-project');
  });

  it('answers with the next token that applies when the best one is missing from the keychain', async () => {
    // The newer token ranks first, but its keychain entry is gone (removed outside Latch, say).
    const lost = testToken(account.id, '022222222222', { createdAt: '2026-06-01T00:00:00.000Z' });
    await store.update((data) => {
      data.storedTokens.push(lost);
    });
    await holdToken(testToken(account.id, '011111111111'), 'BBDC-older');
    expect(await runHelper('get', request(HOST), deps)).toEqual({ stdout: 'username=alice\npassword=BBDC-older\n', stderr: [], exitCode: 0 });

    // With no secret left at all, it says which token to store again, and answers nothing.
    await keychain.delete(keychainKeys.token(account.id, '011111111111'));
    const none = await runHelper('get', request(HOST), deps);
    expect(none.stdout).toBe('');
    expect(none.stderr).toEqual([`git-credential-latch: the keychain no longer holds the secret of "${lost.name}"; store it again in Latch.`]);
  });

  it('refuses to send a stored secret that holds a line break', async () => {
    await holdToken(testToken(account.id, '012345678901'), 'BBDC-a\nhost=evil.test');
    const outcome = await runHelper('get', request(HOST), deps);
    expect(outcome.stdout).toBe('');
    expect(outcome.exitCode).toBe(1);
    expect(outcome.stderr.join('')).not.toContain('evil');
  });
});

describe('malformed input and other operations', () => {
  it.each([
    ['a NUL byte', new TextEncoder().encode('protocol=https\nhost=bitbucket.example.com\0\n\n')],
    ['a line of a megabyte', new TextEncoder().encode(`protocol=https\nhost=${'a'.repeat(1_048_576)}\n\n`)],
    ['a line without "="', new TextEncoder().encode('protocol=https\nhost\n\n')],
  ])('meets %s with one line on stderr, no answer and exit 1', async (_label, input) => {
    await holdToken(testToken(account.id, '012345678901'), 'BBDC-x');
    const outcome = await runHelper('get', input, deps);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toHaveLength(1);
    expect(outcome.exitCode).toBe(1);
  });

  it('ignores an unknown operation and unknown keys', async () => {
    await holdToken(testToken(account.id, '012345678901'), 'BBDC-x');
    expect(await runHelper('frobnicate', request(HOST), deps)).toEqual({ stdout: '', stderr: [], exitCode: 0 });
    const withUnknown = await runHelper('get', request([...HOST, 'wibble=1', 'state[]=x']), deps);
    expect(withUnknown.stdout).toBe('username=alice\npassword=BBDC-x\n');
  });

  it('announces its capabilities', async () => {
    expect((await runHelper('capability', new Uint8Array(), deps)).stdout).toBe('version 0\ncapability authtype\n');
  });

  it('says so, without an answer, when the data file is damaged', async () => {
    writeFileSync(join(home, 'index.json'), '{"version":1,"accounts":[{"id":1}]');
    const outcome = await runHelper('get', request(HOST), deps);
    expect(outcome.stdout).toBe('');
    expect(outcome.exitCode).toBe(1);
    expect(outcome.stderr[0]).toMatch(/data file could not be used/);
  });

  it('keeps to one stderr line whatever the data file says its format is', async () => {
    writeFileSync(join(home, 'index.json'), JSON.stringify({ version: '2\nforged line', accounts: [], storedTokens: [] }));
    const outcome = await runHelper('get', request(HOST), deps);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toHaveLength(1);
    expect(outcome.stderr[0]).not.toMatch(/[\r\n]/);
    expect(outcome.stderr[0]).toMatch(/unknown format/);
  });
});

describe('git-credential-latch store', () => {
  const approve = (password: string) => request([...HOST, 'username=alice', `password=${password}`]);

  it('records when a stored token was last used, and clears an earlier refusal', async () => {
    await holdToken(testToken(account.id, '012345678901', { rejectedAt: '2026-11-01T00:00:00.000Z' }), 'BBDC-x');
    expect((await runHelper('store', approve('BBDC-x'), deps)).exitCode).toBe(0);
    expect(await stored('012345678901')).toMatchObject({ lastUsedAt: new Date(NOW).toISOString(), rejectedAt: null });
  });

  it('leaves the index alone for a password that is not the stored secret', async () => {
    await holdToken(testToken(account.id, '012345678901'), 'BBDC-x');
    await runHelper('store', approve('BBDC-other'), deps);
    expect((await stored('012345678901'))?.lastUsedAt).toBeNull();
  });

});

// erase and keeping a credential from git ask the host, with the secret itself, before changing
// anything: over a real socket to the Data Center simulator, through the same check the helper's
// process loads (electron/cli/helper-check.ts).
describe('git-credential-latch asks the host', () => {
  let sim: BitbucketDataCenterSimulator;
  let server: string;
  let simAccount: Account;
  let HERE: string[];
  const asAlice = { username: 'alice', password: 'alice-password' };
  const adapterFor = (baseUrl: string) => new BitbucketDataCenterAdapter(baseUrl, createHttpClient({ sleep: async () => undefined }));
  const makeToken = async (who: { username: string; password: string }, name: string, owner: TokenOwner = { kind: 'user' }) =>
    adapterFor(server).createToken(who, who.username, { name, scopes: owner.kind === 'repository' ? ['REPO_READ'] : ['PROJECT_READ', 'REPO_READ'], expiryDays: null, owner });
  const refused = (secret: string, extra: string[] = []) => request([...HERE, 'username=alice', `password=${secret}`, ...extra]);

  beforeAll(async () => {
    sim = new BitbucketDataCenterSimulator();
    server = (await sim.start()).baseUrl;
    sim.addUser({ username: 'alice', password: 'alice-password' });
    sim.addUser({ username: 'bob', password: 'bob-password' });
    sim.addRepo('PROJ', 'app');
    HERE = ['protocol=http', `host=${new URL(server).host}`];
  });
  afterAll(async () => sim.stop());

  beforeEach(async () => {
    simAccount = testAccount({ id: randomUUID(), baseUrl: server });
    await store.update((data) => {
      data.accounts = [simAccount];
    });
    deps = { ...deps, checkToken };
  });

  it('keeps offering a token the host still accepts, and records the path it was refused for', async () => {
    const made = await makeToken(asAlice, 'laptop');
    await holdToken(testToken(simAccount.id, made.token.id, { name: 'laptop' }), made.secret);
    sim.requests.length = 0;

    // A submodule on the same host the token cannot reach: git got a 401 and sends erase.
    const outcome = await runHelper('erase', refused(made.secret, ['path=scm/other/lib.git']), deps);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stderr).toEqual([
      `git-credential-latch: ${new URL(server).host} refused "laptop" for scm/other/lib.git, but the token still works there, so Latch keeps offering it.`,
    ]);
    // One identity call, made with the token itself.
    expect(sim.requests).toEqual([expect.objectContaining({ method: 'GET', path: '/rest/api/latest/users?limit=1', status: 200, auth: 'token' })]);
    const entry = await stored(made.token.id);
    expect(entry?.rejectedAt).toBeNull();
    expect(entry?.refusal).toEqual({ at: new Date(NOW).toISOString(), path: 'scm/other/lib.git', check: 'alive' });
    expect((await runHelper('get', request(HERE), deps)).stdout).toContain(`password=${made.secret}`);
    expect(outcome.stderr.join('')).not.toContain(made.secret);
    await keychain.delete(entry!.keychainKey);
  });

  it('marks a token rejected only when the host says it is dead, and never deletes it', async () => {
    const made = await makeToken(asAlice, 'old');
    await holdToken(testToken(simAccount.id, made.token.id, { name: 'old' }), made.secret);
    // A password that is not the stored secret changes nothing and asks nobody.
    sim.requests.length = 0;
    await runHelper('erase', refused('BBDC-stale'), deps);
    expect(sim.requests).toEqual([]);
    expect((await stored(made.token.id))?.refusal).toBeUndefined();

    await adapterFor(server).revokeToken(asAlice, 'alice', { kind: 'user' }, made.token.id);
    const outcome = await runHelper('erase', refused(made.secret), deps);
    expect(outcome.stderr).toEqual([]);
    const entry = await stored(made.token.id);
    expect(entry?.rejectedAt).toBe(new Date(NOW).toISOString());
    expect(entry?.refusal).toEqual({ at: new Date(NOW).toISOString(), path: null, check: 'dead' });
    expect(await keychain.get(entry!.keychainKey)).toBe(made.secret);
    expect((await runHelper('get', request(HERE), deps)).stdout).toBe('');
    await keychain.delete(entry!.keychainKey);
  });

  it('matches a Bearer credential too', async () => {
    const made = await makeToken(asAlice, 'ci', { kind: 'project', projectKey: 'PROJ' });
    const project = testToken(simAccount.id, made.token.id, { owner: { kind: 'project', projectKey: 'PROJ' }, gitUsername: null });
    await holdToken(project, made.secret);
    await adapterFor(server).revokeToken(asAlice, 'alice', { kind: 'project', projectKey: 'PROJ' }, made.token.id);
    await runHelper('erase', request([...HERE, 'capability[]=authtype', 'authtype=Bearer', `credential=${made.secret}`]), deps);
    expect((await stored(made.token.id))?.rejectedAt).not.toBeNull();
    await keychain.delete(project.keychainKey);
  });

  it('keeps offering a token when the host cannot be asked, says so, and clears the doubt once git succeeds', async () => {
    const made = await makeToken(asAlice, 'offline');
    await holdToken(testToken(simAccount.id, made.token.id, { name: 'offline' }), made.secret);
    sim.failNext(503, 1);
    const outcome = await runHelper('erase', refused(made.secret), deps);
    expect(outcome.stderr).toEqual([
      `git-credential-latch: ${new URL(server).host} refused "offline", and Latch could not ask it whether the token still works, so it keeps offering it.`,
    ]);
    expect(await stored(made.token.id)).toMatchObject({ rejectedAt: null, refusal: { check: 'unsure', path: null } });
    expect((await runHelper('get', request(HERE), deps)).stdout).toContain(`password=${made.secret}`);

    // Without any way to ask (no check given), the same.
    const unasked = await runHelper('erase', refused(made.secret), { ...deps, checkToken: undefined });
    expect(unasked.stderr[0]).toMatch(/could not ask it/);
    expect((await stored(made.token.id))?.rejectedAt).toBeNull();

    await runHelper('store', refused(made.secret), deps);
    expect(await stored(made.token.id)).toMatchObject({ rejectedAt: null, refusal: null });
    await keychain.delete(keychainKeys.token(simAccount.id, made.token.id));
  });

  it("keeps a credential from git only when the host says it is the named account's own token", async () => {
    const alices = await makeToken(asAlice, 'alice laptop');
    const bobs = await makeToken({ username: 'bob', password: 'bob-password' }, 'bob laptop');
    // Off: nothing is kept, and the host is not asked.
    sim.requests.length = 0;
    await runHelper('store', refused(alices.secret), deps);
    expect((await store.read()).storedTokens).toEqual([]);
    expect(sim.requests).toEqual([]);

    await store.update((data) => {
      data.settings.keepCredentialsFromGit = true;
    });
    // An account password is never kept.
    await runHelper('store', refused('alice-password'), deps);
    expect((await store.read()).storedTokens).toEqual([]);
    // A submodule URL https://alice:<bob's token>@host/… that git approved: bob's, not alice's.
    await runHelper('store', refused(bobs.secret), deps);
    expect((await store.read()).storedTokens).toEqual([]);
    // A made-up secret shaped like a token (its id is alice's real token's): the host refuses it.
    const madeUp = `BBDC-${Buffer.from(`${alices.token.id}:made-up-bytes`).toString('base64')}`;
    await runHelper('store', refused(madeUp), deps);
    expect((await store.read()).storedTokens).toEqual([]);
    // The host cannot be asked: not kept either.
    sim.failNext(503, 1);
    await runHelper('store', refused(alices.secret), deps);
    expect((await store.read()).storedTokens).toEqual([]);

    await runHelper('store', refused(alices.secret), deps);
    const kept = await stored(alices.token.id);
    expect(kept).toMatchObject({ accountId: simAccount.id, gitUsername: 'alice', owner: { kind: 'user' } });
    expect(await keychain.get(kept!.keychainKey)).toBe(alices.secret);
    expect((await runHelper('get', request(HERE), deps)).stdout).toContain(`password=${alices.secret}`);
    await keychain.delete(kept!.keychainKey);
  });
});
