// The services as the app and the CLI use them: real adapter over HTTP to the Data Center simulator on
// 127.0.0.1, the real keychain (gnome-keyring on a private D-Bus session), a real index on disk.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView, CreateTokenRequest } from '../../shared/domain';
import { bitbucketDataCenterTokenId } from '../../shared/hosts/bitbucket-datacenter';
import { createCore } from '../../electron/core';
import { keychainKeys } from '../../electron/core/vault/types';
import { BitbucketDataCenterSimulator } from '../hosts/bitbucket-datacenter';
import { createHarness, type Harness } from '../core/services/harness';
import { MemoryClipboard } from '../core/services/memory-clipboard';
import { caught } from '../core/caught';

const PASSWORD = 'correct horse battery staple';

let sim: BitbucketDataCenterSimulator;
let baseUrl: string;
let h: Harness;

beforeEach(async () => {
  sim = new BitbucketDataCenterSimulator({ contextPath: '/bitbucket' });
  ({ baseUrl } = await sim.start());
  sim.addUser({ username: 'Alice', password: PASSWORD, slug: 'alice', displayName: 'Alice Example' });
  sim.addRepo('PRJ', 'app');
  h = createHarness({ requestTimeoutMs: 5_000 });
});

afterEach(async () => {
  await h.close();
  await sim.stop();
});

const addAlice = (rememberPassword = false): Promise<AccountView> =>
  h.core.accounts.add({ host: 'bitbucket-datacenter', baseUrl: `${baseUrl}/`, username: 'Alice', password: PASSWORD, rememberPassword });

const request = (account: AccountView, over: Partial<CreateTokenRequest> = {}): CreateTokenRequest => ({
  accountId: account.id,
  name: 'laptop git',
  scopes: ['PROJECT_READ', 'REPO_WRITE'],
  expiryDays: 30,
  owner: { kind: 'user' },
  store: true,
  ...over,
});

describe('accounts against the host', () => {
  it('checks the password with the server first and saves nothing when it answers 401', async () => {
    const error = await caught(
      h.core.accounts.add({ host: 'bitbucket-datacenter', baseUrl, username: 'Alice', password: 'wrong', rememberPassword: true }),
    );
    expect(error).toMatchObject({ code: 'auth', message: 'Bitbucket rejected the username or password.' });
    expect(sim.requests.map((r) => r.status)).toEqual([401]);
    expect(await h.core.accounts.list()).toEqual([]);
    expect(h.indexText()).toBe('');
    expect(h.keychainKeys()).toEqual([]);
  });

  it('saves the account the server confirmed, with its slug and display name', async () => {
    const alice = await addAlice(true);
    expect(alice).toMatchObject({ baseUrl, username: 'Alice', userSlug: 'alice', displayName: 'Alice Example', isDefault: true, lock: { state: 'remembered' } });
    expect(h.keychainKeys()).toEqual([keychainKeys.accountPassword(alice.id)]);
    expect(h.indexText()).not.toContain(PASSWORD);
  });
});

describe('tokens against the host', () => {
  it('creates a token, keeps its secret in the keychain only, and the secret works at the host', async () => {
    const alice = await addAlice();
    const created = await h.core.tokens.create(request(alice));
    expect(created.token.id).toMatch(/^\d{12}$/);
    expect(bitbucketDataCenterTokenId(created.secret)).toBe(created.token.id);
    expect(created.gitUsername).toBe('alice');
    expect(created.token.stored).toBe(true);

    expect(await h.realKeychain.get(keychainKeys.token(alice.id, created.token.id))).toBe(created.secret);
    const [stored] = await h.core.tokens.stored(alice.id);
    expect(stored).toMatchObject({ tokenId: created.token.id, name: 'laptop git', gitUsername: 'alice', expiresAt: created.token.expiresAt });
    expect(h.indexText()).not.toContain(created.secret);
    expect(h.indexText()).not.toContain(PASSWORD);
    expect(sim.authenticate(created.secret, 'alice')?.token?.id).toBe(created.token.id);
  });

  it('stores a project token as Bearer-only (no git username)', async () => {
    const alice = await addAlice();
    const created = await h.core.tokens.create(request(alice, { owner: { kind: 'project', projectKey: 'PRJ' } }));
    expect(created.gitUsername).toBeNull();
    expect((await h.core.tokens.stored())[0]).toMatchObject({ owner: { kind: 'project', projectKey: 'PRJ' }, gitUsername: null });
  });

  it('lists every page and marks the one Latch holds', async () => {
    const alice = await addAlice();
    sim.seedTokens('alice', 61);
    const created = await h.core.tokens.create(request(alice));
    const tokens = await h.core.tokens.list(alice.id, { kind: 'user' });
    expect(tokens).toHaveLength(62);
    expect(tokens.filter((token) => token.stored).map((token) => token.id)).toEqual([created.token.id]);
  });

  it('revokes at the host, then removes the keychain copy and the index entry', async () => {
    const alice = await addAlice();
    const created = await h.core.tokens.create(request(alice));
    await h.core.tokens.revoke(alice.id, { kind: 'user' }, created.token.id);
    expect(sim.tokens().map((token) => token.id)).not.toContain(created.token.id);
    expect(sim.authenticate(created.secret, 'alice')).toBeNull();
    expect(h.keychainKeys()).toEqual([]);
    expect(await h.core.tokens.stored()).toEqual([]);
  });

  it('keeps the keychain copy and the index entry when the host fails the revoke, and says why', async () => {
    const alice = await addAlice();
    const created = await h.core.tokens.create(request(alice));
    sim.failNext(500, 3); // DELETE is retried; make every try fail
    const error = await caught(h.core.tokens.revoke(alice.id, { kind: 'user' }, created.token.id));
    expect(error.code).toBe('host-error');
    expect(error.message).toMatch(/Bitbucket had a problem of its own \(HTTP 500\)/);
    expect(sim.tokens().map((token) => token.id)).toContain(created.token.id);
    expect(await h.realKeychain.get(keychainKeys.token(alice.id, created.token.id))).toBe(created.secret);
    expect((await h.core.tokens.stored()).map((token) => token.tokenId)).toEqual([created.token.id]);
  });

  it('removing the account clears its password and token secrets from the keychain but leaves the tokens on the host', async () => {
    const alice = await addAlice(true);
    const one = await h.core.tokens.create(request(alice, { name: 'one' }));
    const two = await h.core.tokens.create(request(alice, { name: 'two', scopes: ['REPO_READ'], owner: { kind: 'repository', projectKey: 'PRJ', repoSlug: 'app' } }));
    expect(h.keychainKeys()).toHaveLength(3);
    await h.core.accounts.remove(alice.id);
    expect(h.keychainKeys()).toEqual([]);
    expect(await h.core.accounts.list()).toEqual([]);
    expect(await h.core.tokens.stored()).toEqual([]);
    expect(sim.tokens().map((token) => token.id).sort()).toEqual([one.token.id, two.token.id].sort());
  });

  it('lets another process on the same home (the CLI) see and use what the app stored', async () => {
    const alice = await addAlice(true);
    const created = await h.core.tokens.create(request(alice));
    const cli = createCore({ home: h.home, keychain: h.keychain, clipboard: new MemoryClipboard() });
    try {
      const account = await cli.accounts.resolve(`Alice@${new URL(baseUrl).host}`);
      expect(account.id).toBe(alice.id);
      expect(await cli.tokens.secret(account.id, created.token.id)).toBe(created.secret);
      const listed = await cli.tokens.list(account.id, { kind: 'user' });
      expect(listed.find((token) => token.id === created.token.id)?.stored).toBe(true);
    } finally {
      await cli.dispose();
    }
  });
});
