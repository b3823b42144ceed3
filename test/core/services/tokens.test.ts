import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView, CreateTokenRequest } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import { keychainKeys } from '../../../electron/core/vault/types';
import { caught } from '../caught';
import { FakeHost } from './fake-host';
import { createHarness, type Harness } from './harness';

const PASSWORD = 'alice password';

let host: FakeHost;
let h: Harness;
let alice: AccountView;
const request = (over: Partial<CreateTokenRequest> = {}): CreateTokenRequest => ({
  accountId: alice.id,
  name: 'ci',
  scopes: ['PROJECT_READ', 'REPO_WRITE'],
  expiryDays: 90,
  owner: { kind: 'user' },
  store: true,
  ...over,
});

beforeEach(async () => {
  host = new FakeHost();
  host.addUser('alice', PASSWORD, 'alice-slug');
  h = createHarness({ host });
  alice = await h.core.accounts.add({ host: 'bitbucket-datacenter', baseUrl: 'https://bitbucket.example.com', username: 'alice', password: PASSWORD, rememberPassword: false });
  host.calls.length = 0;
});
afterEach(() => h.close());

describe('creating a token', () => {
  it('refuses permissions that break the host rule before sending anything', async () => {
    const error = await caught(h.core.tokens.create(request({ scopes: ['PROJECT_WRITE', 'REPO_READ'] })));
    expect(error.code).toBe('validation');
    expect(error.message).toMatch(/at least the project permission/);
    expect(await caught(h.core.tokens.create(request({ scopes: ['REPO_READ'], owner: { kind: 'repository', projectKey: 'P', repoSlug: 'r' }, name: '  ' })))).toMatchObject({
      code: 'validation',
      message: 'Give the token a name.',
    });
    expect(host.calls).toEqual([]);
  });

  it('stores the secret in the keychain and only its description in the index', async () => {
    const created = await h.core.tokens.create(request());
    expect(created.token).toMatchObject({ name: 'ci', scopes: ['PROJECT_READ', 'REPO_WRITE'], stored: true, rejected: false });
    expect(created.gitUsername).toBe('alice-slug');
    expect(created.storeError).toBeUndefined();
    expect(created.token.expiresAt).toBe(new Date(Date.parse(created.token.createdAt!) + 90 * 86_400_000).toISOString());

    const key = keychainKeys.token(alice.id, created.token.id);
    expect(await h.realKeychain.get(key)).toBe(created.secret);
    const [stored] = await h.core.tokens.stored(alice.id);
    expect(stored).toEqual({
      accountId: alice.id,
      tokenId: created.token.id,
      name: 'ci',
      owner: { kind: 'user' },
      scopes: ['PROJECT_READ', 'REPO_WRITE'],
      gitUsername: 'alice-slug',
      createdAt: created.token.createdAt,
      expiresAt: created.token.expiresAt,
      lastUsedAt: null,
      rejectedAt: null,
      keychainKey: key,
    });
    expect(h.indexText()).toContain(created.token.id);
    expect(h.indexText()).not.toContain(created.secret);
    expect(h.indexText()).not.toContain(PASSWORD);
  });

  it('stores nothing when not asked to', async () => {
    const created = await h.core.tokens.create(request({ store: false }));
    expect(created.token.stored).toBe(false);
    expect(await h.core.tokens.stored()).toEqual([]);
    expect(h.keychainKeys()).toEqual([]);
  });

  it('gives Bearer-only tokens (repository) no git username', async () => {
    const created = await h.core.tokens.create(request({ scopes: ['REPO_READ'], owner: { kind: 'repository', projectKey: 'PRJ', repoSlug: 'app' } }));
    expect(created.gitUsername).toBeNull();
    expect((await h.core.tokens.stored())[0]!.gitUsername).toBeNull();
  });

  it('still hands over the secret, and says it was not stored, when the keychain refuses after the host created it', async () => {
    h.faults.set = true;
    const created = await h.core.tokens.create(request());
    expect(created.secret).toMatch(/^BBDC-/);
    expect(created.token.stored).toBe(false);
    expect(created.storeError).toMatch(/^The token was created, but Latch could not keep its secret in the keychain\. The keychain is locked/);
    expect(created.storeError).not.toContain(created.secret);
    expect(await h.core.tokens.stored()).toEqual([]);
  });

  it('leaves no secret in the keychain when another Latch process removed the account while the host was creating the token', async () => {
    const create = host.createToken.bind(host);
    host.createToken = async (...args) => {
      const made = await create(...args);
      // `latch account remove` in a terminal, finishing while the app waits for the host.
      await h.core.store.update((data) => {
        data.accounts = [];
      });
      return made;
    };
    const created = await h.core.tokens.create(request());
    expect(created.secret).toMatch(/^BBDC-/);
    expect(created.storeError).toMatch(/was removed from Latch meanwhile/);
    expect(h.keychainKeys()).toEqual([]);
    expect(await h.core.tokens.stored()).toEqual([]);
  });

  it('asks for the password rather than sending anything when the account is locked', async () => {
    await h.core.accounts.lock(alice.id);
    expect(await caught(h.core.tokens.create(request()))).toMatchObject({ code: 'locked' });
    expect(host.calls).toEqual([]);
  });
});

describe('listing tokens', () => {
  it('marks which tokens Latch holds and which git reported as rejected', async () => {
    const kept = await h.core.tokens.create(request({ name: 'kept' }));
    const notKept = await h.core.tokens.create(request({ name: 'not kept', store: false }));
    await h.core.store.update((data) => {
      const entry = data.storedTokens.find((token) => token.tokenId === kept.token.id)!;
      entry.rejectedAt = '2026-02-01T00:00:00.000Z';
      entry.lastUsedAt = '2026-01-31T00:00:00.000Z';
    });
    const tokens = await h.core.tokens.list(alice.id, { kind: 'user' });
    const byName = new Map(tokens.map((token) => [token.name, token]));
    expect(byName.get('kept')).toMatchObject({ id: kept.token.id, stored: true, rejected: true, lastUsedAt: '2026-01-31T00:00:00.000Z' });
    expect(byName.get('not kept')).toMatchObject({ id: notKept.token.id, stored: false, rejected: false, lastUsedAt: null });
  });

  it('never shows a token stored while the host was answering as gone from the host', async () => {
    const list = host.listTokens.bind(host);
    host.listTokens = async (...args) => {
      const answer = await list(...args);
      // Another Latch process creates and stores a token after the host's list was made.
      host.listTokens = list;
      await h.core.tokens.create(request({ name: 'meanwhile' }));
      return answer;
    };
    expect(await h.core.tokens.list(alice.id, { kind: 'user' })).toEqual([]);
    expect((await h.core.tokens.list(alice.id, { kind: 'user' })).map((token) => [token.name, token.onHost])).toEqual([['meanwhile', true]]);
  });

  it('still shows a stored token revoked outside Latch, as gone from the host, until its copy is removed', async () => {
    const gone = await h.core.tokens.create(request({ name: 'gone' }));
    const project = await h.core.tokens.create(request({ name: 'project', scopes: ['PROJECT_READ', 'REPO_READ'], owner: { kind: 'project', projectKey: 'P' } }));
    await h.core.tokens.create(request({ name: 'live' }));
    // Revoked in the host's web page: Latch was not asked.
    host.tokens.delete(gone.token.id);
    host.tokens.delete(project.token.id);

    const personal = await h.core.tokens.list(alice.id, { kind: 'user' });
    expect(personal.map((token) => [token.name, token.onHost, token.stored])).toEqual([
      ['live', true, true],
      ['gone', false, true],
    ]);
    expect(personal[1]).toMatchObject({ id: gone.token.id, scopes: ['PROJECT_READ', 'REPO_WRITE'], owner: { kind: 'user' } });
    // A project token is listed with its project, never among the personal ones.
    expect((await h.core.tokens.list(alice.id, { kind: 'project', projectKey: 'P' })).map((token) => [token.name, token.onHost])).toEqual([['project', false]]);

    expect(await h.core.tokens.remove(alice.id, gone.token.id)).toBe(true);
    expect(await h.realKeychain.get(keychainKeys.token(alice.id, gone.token.id))).toBeNull();
    expect((await h.core.tokens.list(alice.id, { kind: 'user' })).map((token) => token.name)).toEqual(['live']);
  });
});

describe('revoking a token', () => {
  it('revokes on the host, then removes the keychain copy and the index entry', async () => {
    const created = await h.core.tokens.create(request());
    await h.core.tokens.revoke(alice.id, { kind: 'user' }, created.token.id);
    expect(host.tokens.has(created.token.id)).toBe(false);
    expect(await h.realKeychain.get(keychainKeys.token(alice.id, created.token.id))).toBeNull();
    expect(await h.core.tokens.stored()).toEqual([]);
  });

  it('removes nothing locally when the host call fails, and passes on why', async () => {
    const created = await h.core.tokens.create(request());
    host.failNext(new LatchError('host-error', 'Bitbucket had a problem of its own (HTTP 500).'));
    const error = await caught(h.core.tokens.revoke(alice.id, { kind: 'user' }, created.token.id));
    expect(error).toMatchObject({ code: 'host-error', message: 'Bitbucket had a problem of its own (HTTP 500).' });
    expect(await h.realKeychain.get(keychainKeys.token(alice.id, created.token.id))).toBe(created.secret);
    expect((await h.core.tokens.stored()).map((token) => token.tokenId)).toEqual([created.token.id]);
  });

  it('treats a token the host no longer has as revoked and removes the local copy', async () => {
    const created = await h.core.tokens.create(request());
    host.tokens.delete(created.token.id);
    await h.core.tokens.revoke(alice.id, { kind: 'user' }, created.token.id);
    expect(h.keychainKeys()).toEqual([]);
    expect(await h.core.tokens.stored()).toEqual([]);
  });

  it('keeps the local copy, and says so, when the host cannot find the id under the owner given', async () => {
    const created = await h.core.tokens.create(request({ scopes: ['PROJECT_READ', 'REPO_READ'], owner: { kind: 'project', projectKey: 'P' } }));
    // Asked as a personal token: the host answers 404, yet the project token is alive.
    expect(await caught(h.core.tokens.revoke(alice.id, { kind: 'user' }, created.token.id))).toMatchObject({ code: 'not-found' });
    expect(await caught(h.core.tokens.revoke(alice.id, { kind: 'user' }, '999999999999'))).toMatchObject({ code: 'not-found' });
    expect(host.tokens.has(created.token.id)).toBe(true);
    expect((await h.core.tokens.stored()).map((token) => token.tokenId)).toEqual([created.token.id]);
    expect(h.keychainKeys()).toHaveLength(1);
  });

  it('says the host revoked it when only the keychain copy could not be removed', async () => {
    const created = await h.core.tokens.create(request());
    h.faults.delete = true;
    const error = await caught(h.core.tokens.revoke(alice.id, { kind: 'user' }, created.token.id));
    expect(error.message).toMatch(/^The token was revoked on the host, but Latch could not remove its copy from the keychain/);
    expect(host.tokens.has(created.token.id)).toBe(false);
  });
});
