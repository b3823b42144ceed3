// The index decides which keychain entry git and scripts are given, so Latch trusts it only from a
// private home it can name absolutely, and only entries whose keychain key is their own.
import { chmodSync, chownSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHelperIndex } from '../../../electron/core/credential/index-reader';
import { createIndexStore } from '../../../electron/core/vault/index-store';
import { checkIndex } from '../../../electron/core/vault/index-schema';
import { latchHome } from '../../../electron/core/vault/paths';
import { keychainKeys } from '../../../electron/core/vault/types';
import { DEFAULT_SETTINGS } from '../../../shared/domain';
import { caught } from '../caught';
import { testAccount, testToken } from './fixtures';
import { tempHome } from './temp-home';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

const indexWith = (keychainKey: string) =>
  `${JSON.stringify({ version: 1, accounts: [testAccount({ id: 'a1' })], storedTokens: [testToken('a1', 't1', { keychainKey })], settings: DEFAULT_SETTINGS })}\n`;

describe('keychain keys follow from the entry', () => {
  it('reads an entry whose key is token:<account>:<token id>', () => {
    expect(checkIndex(indexWith(keychainKeys.token('a1', 't1'))).ok).toBe(true);
  });

  it.each([
    ['the account password', keychainKeys.accountPassword('a1')],
    ['another token', keychainKeys.token('a1', 't2')],
    ["another account's token", keychainKeys.token('a2', 't1')],
  ])('refuses an entry that points at %s, in the app and in the helper', (_label, key) => {
    expect(checkIndex(indexWith(key))).toMatchObject({ ok: false, reason: expect.stringContaining('keychain entry that is not its own') });
    mkdirSync(home, { mode: 0o700 });
    writeFileSync(join(home, 'index.json'), indexWith(key), { mode: 0o600 });
    expect(readHelperIndex(home).ok).toBe(false);
  });
});

describe('the Latch home', () => {
  it('refuses a relative LATCH_HOME instead of resolving it against the working directory', async () => {
    expect(latchHome({ LATCH_HOME: 'rel/dir' }, 'linux', '/home/alice')).toBe('rel/dir');
    const error = await caught(createIndexStore('rel/dir').read());
    expect(error).toMatchObject({ code: 'validation', message: expect.stringContaining('LATCH_HOME is a relative path') });
    expect(readHelperIndex('rel/dir')).toMatchObject({ ok: false, reason: expect.stringContaining('relative') });
  });

  it('creates the home 0700 and writes into it', async () => {
    await createIndexStore(home).update((data) => {
      data.accounts.push(testAccount({ id: 'a1' }));
    });
    expect(statSync(home).mode & 0o777).toBe(0o700);
  });

  it('refuses a home other users can write to, reading nothing and writing nothing', async () => {
    mkdirSync(home, { mode: 0o700 });
    writeFileSync(join(home, 'index.json'), indexWith(keychainKeys.token('a1', 't1')), { mode: 0o600 });
    chmodSync(home, 0o777);
    const read = await caught(createIndexStore(home).read());
    expect(read).toMatchObject({ code: 'validation', message: expect.stringContaining('can be changed by other users') });
    let changed = false;
    await caught(
      createIndexStore(home).update(() => {
        changed = true;
      }),
    );
    expect(changed).toBe(false);
    expect(readHelperIndex(home)).toMatchObject({ ok: false, reason: expect.stringContaining('can be changed by other users') });
  });

  it.runIf(process.getuid?.() === 0)('refuses a home that belongs to another user', async () => {
    mkdirSync(home, { mode: 0o700 });
    chownSync(home, 4321, 4321);
    expect(await caught(createIndexStore(home).read())).toMatchObject({ code: 'validation', message: expect.stringContaining('belongs to another user') });
    expect(readHelperIndex(home)).toMatchObject({ ok: false, reason: expect.stringContaining('belongs to another user') });
  });
});
