// git-credential-latch's operations in process, over the app's own index store and the real keychain
// (gnome-keyring on a private D-Bus session, scripts/with-keyring.sh).
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runHelper, type HelperDeps } from '../../../electron/core/credential/helper';
import { createIndexStore, type IndexStore } from '../../../electron/core/vault/index-store';
import { createOsKeychain } from '../../../electron/core/vault/keychain';
import { keychainKeys, type StoredToken } from '../../../electron/core/vault/types';
import type { Account } from '../../../shared/domain';
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

  it('keeps a new secret from git only when the person allowed it, and only a recognised token', async () => {
    // BBDC- + base64("123456789012:random") embeds the token id.
    const secret = `BBDC-${Buffer.from('123456789012:randombytes').toString('base64')}`;
    await runHelper('store', approve(secret), deps);
    expect(await stored('123456789012')).toBeUndefined();

    await store.update((data) => {
      data.settings.keepCredentialsFromGit = true;
    });
    await runHelper('store', approve('my-account-password'), deps);
    expect((await store.read()).storedTokens).toHaveLength(0);

    await runHelper('store', approve(secret), deps);
    const kept = await stored('123456789012');
    expect(kept).toMatchObject({ accountId: account.id, gitUsername: 'alice', owner: { kind: 'user' } });
    expect(await keychain.get(kept!.keychainKey)).toBe(secret);
    // And get now answers it.
    expect((await runHelper('get', request(HOST), deps)).stdout).toContain(`password=${secret}`);
    await keychain.delete(kept!.keychainKey);
  });
});

describe('git-credential-latch erase', () => {
  const reject = (password: string) => request([...HOST, 'username=alice', `password=${password}`]);

  it('marks the token rejected only when git names the stored secret, and never deletes it', async () => {
    await holdToken(testToken(account.id, '012345678901'), 'BBDC-current');
    await runHelper('erase', reject('BBDC-stale'), deps);
    expect((await stored('012345678901'))?.rejectedAt).toBeNull();

    await runHelper('erase', reject('BBDC-current'), deps);
    expect((await stored('012345678901'))?.rejectedAt).toBe(new Date(NOW).toISOString());
    expect(await keychain.get(`token:${account.id}:012345678901`)).toBe('BBDC-current');
    // A rejected token is not offered again.
    expect((await runHelper('get', request(HOST), deps)).stdout).toBe('');
  });

  it('matches a Bearer credential too', async () => {
    const project = testToken(account.id, '099999999999', { owner: { kind: 'project', projectKey: 'PROJ' }, gitUsername: null });
    await holdToken(project, 'BBDC-project');
    await runHelper('erase', request([...HOST, 'capability[]=authtype', 'authtype=Bearer', 'credential=BBDC-project']), deps);
    expect((await stored('099999999999'))?.rejectedAt).not.toBeNull();
  });
});
