import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AddAccountInput } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import { createCore, type Core } from '../../../electron/core';
import { SignInChallengeError } from '../../../electron/core/hosts/adapter';
import { keychainKeys, type Keychain } from '../../../electron/core/vault/types';
import { caught } from '../caught';
import { FakeHost } from './fake-host';
import { createHarness, type Harness } from './harness';

const PASSWORD = 'correct horse battery staple';
const input = (over: Partial<AddAccountInput> = {}): AddAccountInput => ({
  host: 'bitbucket-datacenter',
  baseUrl: 'https://bitbucket.example.com/',
  username: 'alice',
  password: PASSWORD,
  rememberPassword: false,
  ...over,
});

let host: FakeHost;
let h: Harness;
beforeEach(() => {
  host = new FakeHost();
  host.addUser('alice', PASSWORD, 'alice');
  host.addUser('bob', 'bobs password', 'bob');
  h = createHarness({ host });
});
afterEach(() => h.close());

describe('adding an account', () => {
  it('checks the credentials with the host before saving, and saves nothing when the host refuses them', async () => {
    const error = await caught(h.core.accounts.add(input({ password: 'wrong', rememberPassword: true })));
    expect(error.code).toBe('auth');
    expect(host.calls).toEqual(['verify']);
    expect(await h.core.accounts.list()).toEqual([]);
    expect(h.indexText()).toBe('');
  });

  it('normalises the server URL and records who the host says the user is', async () => {
    const view = await h.core.accounts.add(input({ baseUrl: '  https://BitBucket.Example.com/  ' }));
    expect(view).toMatchObject({ baseUrl: 'https://bitbucket.example.com', username: 'alice', userSlug: 'alice', displayName: 'alice (display)' });
  });

  it('keeps the password only in memory unless asked to remember it', async () => {
    const view = await h.core.accounts.add(input());
    expect(view.lock.state).toBe('unlocked');
    expect(h.keychainKeys()).toEqual([]);
    expect(h.indexText()).not.toContain(PASSWORD);
    expect(await h.core.accounts.credentials(view)).toEqual({ username: 'alice', password: PASSWORD });
  });

  it('puts the password in the keychain (and nowhere on disk) when asked to remember it', async () => {
    const view = await h.core.accounts.add(input({ rememberPassword: true }));
    expect(view.lock).toEqual({ state: 'remembered' });
    expect(await h.realKeychain.get(keychainKeys.accountPassword(view.id))).toBe(PASSWORD);
    expect(h.keychainKeys()).toEqual([keychainKeys.accountPassword(view.id)]);
    expect(h.indexText()).not.toContain(PASSWORD);
    h.core.session.lockAll();
    expect((await h.core.accounts.credentials(view)).password).toBe(PASSWORD);
  });

  it('refuses plain http:// to a remote server before contacting it', async () => {
    const error = await caught(h.core.accounts.add(input({ baseUrl: 'http://bitbucket.example.com' })));
    expect(error.code).toBe('insecure-url');
    expect(host.calls).toEqual([]);
  });

  it('refuses the same user on the same server twice, with a sentence saying so', async () => {
    await h.core.accounts.add(input());
    host.calls.length = 0;
    const error = await caught(h.core.accounts.add(input({ username: 'ALICE', baseUrl: 'https://bitbucket.example.com' })));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Latch already has alice on bitbucket.example.com. Remove it first if you want to add it again.');
    expect(host.calls).toEqual([]);
  });

  it('makes the first account of a server its default, and not the next one', async () => {
    const alice = await h.core.accounts.add(input());
    const bob = await h.core.accounts.add(input({ username: 'bob', password: 'bobs password' }));
    const elsewhere = await h.core.accounts.add(input({ baseUrl: 'https://git.other.example' }));
    expect([alice.isDefault, bob.isDefault, elsewhere.isDefault]).toEqual([true, false, true]);
  });

  it('does not leave the password in the keychain when saving the account fails', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(h.home, { recursive: true });
    writeFileSync(`${h.home}/index.json`, '{ damaged');
    const error = await caught(h.core.accounts.add(input({ rememberPassword: true })));
    expect(error.code).toBe('corrupt-data');
    expect(h.keychainKeys()).toEqual([]);
  });
});

describe('the password when it is needed', () => {
  it('says plainly that Latch needs the password when none is held', async () => {
    const view = await h.core.accounts.add(input());
    await h.core.accounts.lock(view.id);
    const error = await caught(h.core.accounts.credentials(view));
    expect(error.code).toBe('locked');
    expect(error.message).toMatch(/^Latch needs the password for alice on bitbucket\.example\.com\./);
  });

  it('asks through askPassword when given one, and keeps the answer for the unlock window', async () => {
    const asked: string[] = [];
    await h.close();
    h = createHarness({
      host,
      askPassword: async (account) => {
        asked.push(account.username);
        return PASSWORD;
      },
    });
    const view = await h.core.accounts.add(input());
    await h.core.accounts.lock(view.id);
    expect((await h.core.accounts.credentials(view)).password).toBe(PASSWORD);
    expect((await h.core.accounts.credentials(view)).password).toBe(PASSWORD);
    expect(asked).toEqual(['alice']);
  });

  it('unlocks only with a password the host accepts', async () => {
    const view = await h.core.accounts.add(input());
    await h.core.accounts.lock(view.id);
    expect((await h.core.accounts.list())[0]!.lock).toEqual({ state: 'locked' });
    await expect(h.core.accounts.unlock(view.id, 'wrong')).rejects.toMatchObject({ code: 'auth' });
    expect((await h.core.accounts.list())[0]!.lock.state).toBe('locked');
    const unlocked = await h.core.accounts.unlock(view.id, PASSWORD);
    expect(unlocked.lock.state).toBe('unlocked');
  });

  it('counts the unlock window from settings.unlockMinutes', async () => {
    let now = Date.UTC(2026, 0, 1);
    await h.close();
    h = createHarness({ host, now: () => now });
    await h.core.settings.set({ unlockMinutes: 3 });
    const view = await h.core.accounts.add(input());
    expect(view.lock).toEqual({ state: 'unlocked', until: new Date(now + 3 * 60_000).toISOString() });
    now += 3 * 60_000;
    expect((await h.core.accounts.list())[0]!.lock).toEqual({ state: 'locked' });
  });

  it('forgets a password the host refuses for the person\'s own tokens', async () => {
    const view = await h.core.accounts.add(input());
    host.users[0]!.password = 'changed on the server';
    await expect(h.core.tokens.list(view.id, { kind: 'user' })).rejects.toMatchObject({ code: 'auth' });
    expect((await h.core.accounts.list())[0]!.lock.state).toBe('locked');
  });
});

describe('a remembered password that stops working', () => {
  const NEW_PASSWORD = 'changed on the server';
  const passwordKey = (accountId: string) => keychainKeys.accountPassword(accountId);
  /** Another Latch process on the same index and keychain (the CLI, the git helper). */
  const otherProcess = (options: { askPassword?: () => Promise<string | null> } = {}): Core =>
    createCore({ home: h.home, keychain: h.keychain, clipboard: h.clipboard, adapterFor: () => host, ...options });

  it('is deleted from the keychain when the host refuses it, never sent again, and the account asks for the current one', async () => {
    const view = await h.core.accounts.add(input({ rememberPassword: true }));
    host.users[0]!.password = NEW_PASSWORD;
    host.calls.length = 0;

    const refused = await caught(h.core.tokens.list(view.id, { kind: 'user' }));
    expect(refused.code).toBe('locked');
    expect(refused.message).toBe(
      'The password Latch saved for alice on bitbucket.example.com no longer works: the server refused it, so Latch deleted it from the keychain and will not send it again. ' +
        'Enter the current password in Latch to unlock the account, or give it to the CLI with --password-stdin.',
    );
    expect(await h.realKeychain.get(passwordKey(view.id))).toBeNull();
    expect(h.keychainKeys()).toEqual([]);
    const [listed] = await h.core.accounts.list();
    expect(listed!.lock).toEqual({
      state: 'locked',
      reason:
        'The password Latch saved for alice on bitbucket.example.com no longer works: the server refused it, so Latch deleted it from the keychain and will not send it again. ' +
        'Enter the current password to unlock the account.',
    });

    // Refreshing again sends nothing: the old password is gone.
    expect((await caught(h.core.tokens.list(view.id, { kind: 'user' }))).code).toBe('locked');
    expect(host.calls).toEqual(['list']);

    // Unlocking with the current password puts it back in the keychain, since the account remembers its password.
    const unlocked = await h.core.accounts.unlock(view.id, NEW_PASSWORD);
    expect(unlocked.lock).toEqual({ state: 'remembered' });
    expect(await h.realKeychain.get(passwordKey(view.id))).toBe(NEW_PASSWORD);
    expect(h.core.session.password(view.id)).toBeNull();
    expect(await h.core.tokens.list(view.id, { kind: 'user' })).toEqual([]);
    expect((await h.core.accounts.list())[0]!.lock).toEqual({ state: 'remembered' });
  });

  it('keeps the saved password when the host asks for a CAPTCHA, which says nothing about the password', async () => {
    const view = await h.core.accounts.add(input({ rememberPassword: true }));
    host.failNext(new SignInChallengeError('Bitbucket wants a CAPTCHA after failed sign-ins: sign in once in your browser, then try again here.'));
    expect(await caught(h.core.tokens.list(view.id, { kind: 'user' }))).toMatchObject({ code: 'auth', message: expect.stringMatching(/CAPTCHA/) });
    expect(await h.realKeychain.get(passwordKey(view.id))).toBe(PASSWORD);
    expect((await h.core.accounts.list())[0]!.lock).toEqual({ state: 'remembered' });
    expect(await h.core.tokens.list(view.id, { kind: 'user' })).toEqual([]);
  });

  it('makes the next CLI command ask for the password, and keeps the one that works in the keychain', async () => {
    const view = await h.core.accounts.add(input({ rememberPassword: true }));
    host.users[0]!.password = NEW_PASSWORD;
    const first = otherProcess();
    expect((await caught(first.tokens.list(view.id, { kind: 'user' }))).code).toBe('locked');
    await first.dispose();

    const asked: string[] = [];
    const next = otherProcess({
      askPassword: async () => {
        asked.push('alice');
        return NEW_PASSWORD;
      },
    });
    expect(await next.tokens.list(view.id, { kind: 'user' })).toEqual([]);
    expect(asked).toEqual(['alice']);
    expect(await h.realKeychain.get(passwordKey(view.id))).toBe(NEW_PASSWORD);
    await next.dispose();
    // The app finds the password in the keychain again.
    h.core.session.lockAll();
    expect(await h.core.tokens.list(view.id, { kind: 'user' })).toEqual([]);
  });

  it('does not touch the saved password when a password typed for one command is refused', async () => {
    const view = await h.core.accounts.add(input({ rememberPassword: true }));
    const cli = otherProcess();
    cli.session.hold(view.id, 'a typo', 5);
    expect((await caught(cli.tokens.list(view.id, { kind: 'user' }))).code).toBe('auth');
    expect(await h.realKeychain.get(passwordKey(view.id))).toBe(PASSWORD);
    await cli.dispose();
  });

  it('says so, and shows the account locked, when the keychain entry has gone missing', async () => {
    const view = await h.core.accounts.add(input({ rememberPassword: true }));
    await h.realKeychain.delete(passwordKey(view.id));
    host.calls.length = 0;
    const error = await caught(h.core.tokens.list(view.id, { kind: 'user' }));
    expect(error.code).toBe('locked');
    expect(error.message).toBe(
      'The password Latch saved for alice on bitbucket.example.com is no longer in the keychain. ' +
        'Enter the current password in Latch to unlock the account, or give it to the CLI with --password-stdin.',
    );
    expect(host.calls).toEqual([]);
    expect((await h.core.accounts.list())[0]!.lock).toEqual({
      state: 'locked',
      reason: 'The password Latch saved for alice on bitbucket.example.com is no longer in the keychain. Enter the current password to unlock the account.',
    });
    expect((await h.core.accounts.unlock(view.id, PASSWORD)).lock).toEqual({ state: 'remembered' });
    expect(await h.realKeychain.get(passwordKey(view.id))).toBe(PASSWORD);
  });

  it('is deleted after a refused project call only when the person\'s own token list refuses it too', async () => {
    const view = await h.core.accounts.add(input({ rememberPassword: true }));
    const project = { kind: 'project', projectKey: 'WEB' } as const;

    // Bitbucket also answers 401 when the password is right but the account may not manage the project's tokens.
    host.failNext(new LatchError('auth', 'Bitbucket rejected the username or password, or your account may not manage tokens of project WEB.'));
    host.calls.length = 0;
    expect((await caught(h.core.tokens.list(view.id, project))).code).toBe('auth');
    expect(host.calls).toEqual(['list', 'list']);
    expect(await h.realKeychain.get(passwordKey(view.id))).toBe(PASSWORD);
    expect((await h.core.accounts.list())[0]!.lock).toEqual({ state: 'remembered' });

    // A CAPTCHA on the own-list check is no verdict on the password either.
    host.failNext(new LatchError('auth', 'Bitbucket rejected the username or password, or your account may not manage tokens of project WEB.'));
    host.failNext(new SignInChallengeError('Bitbucket wants a CAPTCHA after failed sign-ins: sign in once in your browser, then try again here.'));
    expect((await caught(h.core.tokens.list(view.id, project))).code).toBe('auth');
    expect(await h.realKeychain.get(passwordKey(view.id))).toBe(PASSWORD);

    host.users[0]!.password = NEW_PASSWORD;
    expect((await caught(h.core.tokens.list(view.id, project))).code).toBe('locked');
    expect(await h.realKeychain.get(passwordKey(view.id))).toBeNull();
    expect((await h.core.accounts.list())[0]!.lock.state).toBe('locked');
  });
});

describe('default, resolve and remove', () => {
  it('moves the default to the chosen account on the same server only', async () => {
    const alice = await h.core.accounts.add(input());
    const bob = await h.core.accounts.add(input({ username: 'bob', password: 'bobs password' }));
    const other = await h.core.accounts.add(input({ baseUrl: 'https://git.other.example' }));
    await h.core.accounts.setDefault(bob.id);
    const byId = new Map((await h.core.accounts.list()).map((a) => [a.id, a.isDefault]));
    expect([byId.get(alice.id), byId.get(bob.id), byId.get(other.id)]).toEqual([false, true, true]);
  });

  it('finds an account by id, by username@host, or by a username only one account has', async () => {
    const alice = await h.core.accounts.add(input());
    const aliceElsewhere = await h.core.accounts.add(input({ baseUrl: 'https://git.other.example:8443' }));
    const bob = await h.core.accounts.add(input({ username: 'bob', password: 'bobs password' }));
    expect((await h.core.accounts.resolve(alice.id)).id).toBe(alice.id);
    expect((await h.core.accounts.resolve('alice@git.other.example:8443')).id).toBe(aliceElsewhere.id);
    expect((await h.core.accounts.resolve('bob')).id).toBe(bob.id);
    const ambiguous = await caught(h.core.accounts.resolve('alice'));
    expect(ambiguous.message).toBe(
      '"alice" matches 2 accounts (alice@bitbucket.example.com, alice@git.other.example:8443); name one as username@host or by its id.',
    );
    await expect(h.core.accounts.resolve('carol')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('removes the account with its password and every token secret it stored, and passes the default on', async () => {
    const alice = await h.core.accounts.add(input({ rememberPassword: true }));
    const bob = await h.core.accounts.add(input({ username: 'bob', password: 'bobs password' }));
    const one = await h.core.tokens.create({ accountId: alice.id, name: 'one', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: null, owner: { kind: 'user' }, store: true });
    const two = await h.core.tokens.create({ accountId: alice.id, name: 'two', scopes: ['PROJECT_READ', 'REPO_WRITE'], expiryDays: 30, owner: { kind: 'user' }, store: true });
    const bobs = await h.core.tokens.create({ accountId: bob.id, name: 'bobs', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: null, owner: { kind: 'user' }, store: true });

    await h.core.accounts.remove(alice.id);

    expect(await h.realKeychain.get(keychainKeys.accountPassword(alice.id))).toBeNull();
    expect(await h.realKeychain.get(keychainKeys.token(alice.id, one.token.id))).toBeNull();
    expect(await h.realKeychain.get(keychainKeys.token(alice.id, two.token.id))).toBeNull();
    expect(await h.realKeychain.get(keychainKeys.token(bob.id, bobs.token.id))).toBe(bobs.secret);
    expect(h.keychainKeys()).toEqual([keychainKeys.token(bob.id, bobs.token.id)]);
    const stored = await h.core.tokens.stored();
    expect(stored.map((t) => t.accountId)).toEqual([bob.id]);
    const accounts = await h.core.accounts.list();
    expect(accounts.map((a) => [a.username, a.isDefault])).toEqual([['bob', true]]);
  });

  it('never leaves a secret in the keychain without an index entry when a token is stored while the account is removed', async () => {
    const alice = await h.core.accounts.add(input({ rememberPassword: true }));
    await h.core.tokens.create({ accountId: alice.id, name: 'one', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: null, owner: { kind: 'user' }, store: true });
    // While the removal deletes its first secret, another process (`latch token create --store`) stores one more.
    let late: string | null = null;
    const interleaving: Keychain = {
      get: (key) => h.realKeychain.get(key),
      set: (key, secret) => h.realKeychain.set(key, secret),
      delete: async (key) => {
        if (late === null) {
          late = '';
          const cli = createCore({ home: h.home, keychain: h.realKeychain, clipboard: h.clipboard, adapterFor: () => host });
          const made = await cli.tokens.create({ accountId: alice.id, name: 'late', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: null, owner: { kind: 'user' }, store: true });
          late = keychainKeys.token(alice.id, made.token.id);
          await cli.dispose();
        }
        return h.realKeychain.delete(key);
      },
    };
    const app = createCore({ home: h.home, keychain: interleaving, clipboard: h.clipboard, adapterFor: () => host });

    await app.accounts.remove(alice.id);
    await app.dispose();

    expect(late).toMatch(/^token:/);
    expect(h.keychainKeys()).toEqual([]);
    expect((await h.core.store.read()).storedTokens).toEqual([]);
    expect(await h.core.accounts.list()).toEqual([]);
  });

  it('keeps the account, and says why, when the keychain cannot delete its secrets', async () => {
    const alice = await h.core.accounts.add(input({ rememberPassword: true }));
    h.faults.delete = true;
    const error = await caught(h.core.accounts.remove(alice.id));
    expect(error.code).toBe('keychain-unavailable');
    expect(error.message).toMatch(/^alice on bitbucket\.example\.com was not removed/);
    expect((await h.core.accounts.list()).map((a) => a.id)).toEqual([alice.id]);
    expect(await h.realKeychain.get(keychainKeys.accountPassword(alice.id))).toBe(PASSWORD);
  });
});
