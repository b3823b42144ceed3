// saveSecret over the real keychain (scripts/with-keyring.sh) and a real index in a temp LATCH_HOME:
// the secret is in the keychain and recorded in the index, or neither, and an earlier secret survives.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LatchError } from '../../../shared/result';
import { createIndexStore, type IndexStore } from '../../../electron/core/vault/index-store';
import { createOsKeychain } from '../../../electron/core/vault/keychain';
import { saveSecret } from '../../../electron/core/vault/save-secret';
import { keychainKeys, type Keychain } from '../../../electron/core/vault/types';
import { caught } from '../caught';
import { testAccount, testToken } from './fixtures';
import { tempHome } from './temp-home';

const keychain = createOsKeychain({ service: `Latch-test-${randomUUID()}` });
const account = testAccount({ id: `acc-${randomUUID()}` });

let home: string;
let cleanup: () => void;
let store: IndexStore;
let tokenId: string;
let key: string;

beforeEach(async () => {
  ({ home, cleanup } = tempHome());
  store = createIndexStore(home);
  await store.update((data) => {
    data.accounts.push(account);
  });
  tokenId = randomUUID();
  key = keychainKeys.token(account.id, tokenId);
});

afterEach(async () => {
  await keychain.delete(key);
  cleanup();
});

const refused = () => new LatchError('conflict', 'refused by the test');

/** A keychain whose calls of one kind fail, the way a locked keychain fails; everything else is real. */
function failing(kind: 'set' | 'delete'): Keychain & { calls: string[] } {
  const calls: string[] = [];
  const locked = () => new LatchError('keychain-unavailable', 'The keychain is locked.');
  return {
    calls,
    get: (k) => (calls.push('get'), keychain.get(k)),
    set: async (k, secret) => {
      calls.push('set');
      if (kind === 'set') throw locked();
      return keychain.set(k, secret);
    },
    delete: async (k) => {
      calls.push('delete');
      if (kind === 'delete') throw locked();
      return keychain.delete(k);
    },
  };
}

describe('saveSecret', () => {
  it('puts the secret in the keychain and its record in the index, and returns what the record returned', async () => {
    const result = await saveSecret(keychain, store, {
      key,
      secret: 'BBDC-new',
      record: (data) => {
        data.storedTokens.push(testToken(account.id, tokenId));
        return 'recorded';
      },
    });
    expect(result).toBe('recorded');
    expect(await keychain.get(key)).toBe('BBDC-new');
    expect((await createIndexStore(home).read()).storedTokens.map((t) => t.keychainKey)).toEqual([key]);
  });

  it('leaves nothing in the keychain, and the index as it was, when the record throws; the error is rethrown', async () => {
    const before = readFileSync(store.path, 'utf8');
    const error = await caught(
      saveSecret(keychain, store, {
        key,
        secret: 'BBDC-new',
        record: (data) => {
          data.storedTokens.push(testToken(account.id, tokenId));
          throw refused();
        },
      }),
    );
    expect(error.message).toBe('refused by the test');
    expect(await keychain.get(key)).toBeNull();
    expect(readFileSync(store.path, 'utf8')).toBe(before);
  });

  it('leaves nothing in the keychain when the index cannot be used at all', async () => {
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'index.json'), '{ not json');
    let recorded = false;
    const error = await caught(
      saveSecret(keychain, store, {
        key,
        secret: 'BBDC-new',
        record: () => {
          recorded = true;
        },
      }),
    );
    expect(error.code).toBe('corrupt-data');
    expect(recorded).toBe(false);
    expect(await keychain.get(key)).toBeNull();
  });

  it('puts back the secret the entry held before when recording fails, instead of deleting it', async () => {
    await keychain.set(key, 'BBDC-earlier');
    await caught(
      saveSecret(keychain, store, {
        key,
        secret: 'BBDC-new',
        record: () => {
          throw refused();
        },
      }),
    );
    expect(await keychain.get(key)).toBe('BBDC-earlier');
  });

  it('keeps an entry that already held the very same secret when recording fails', async () => {
    await keychain.set(key, 'BBDC-same');
    await caught(
      saveSecret(keychain, store, {
        key,
        secret: 'BBDC-same',
        record: () => {
          throw refused();
        },
      }),
    );
    expect(await keychain.get(key)).toBe('BBDC-same');
  });

  it('replaces an earlier secret when recording succeeds', async () => {
    await keychain.set(key, 'BBDC-earlier');
    await saveSecret(keychain, store, { key, secret: 'BBDC-new', record: (data) => void data.storedTokens.push(testToken(account.id, tokenId)) });
    expect(await keychain.get(key)).toBe('BBDC-new');
  });

  it('rethrows a refused keychain write without touching the index, an earlier secret, or the keychain again', async () => {
    await keychain.set(key, 'BBDC-earlier');
    const before = readFileSync(store.path, 'utf8');
    const locked = failing('set');
    let recorded = false;
    const error = await caught(
      saveSecret(locked, store, {
        key,
        secret: 'BBDC-new',
        record: () => {
          recorded = true;
        },
      }),
    );
    expect(error.code).toBe('keychain-unavailable');
    expect(recorded).toBe(false);
    expect(readFileSync(store.path, 'utf8')).toBe(before);
    expect(await keychain.get(key)).toBe('BBDC-earlier');
    // A locked keychain may prompt on every call: nothing more is asked of it after it refused.
    expect(locked.calls).toEqual(['get', 'set']);
  });

  it('rethrows the recording error, not the keychain one, when putting the keychain back fails too', async () => {
    const stuck = failing('delete');
    const error = await caught(
      saveSecret(stuck, store, {
        key,
        secret: 'BBDC-new',
        record: () => {
          throw refused();
        },
      }),
    );
    expect(error.message).toBe('refused by the test');
    expect(stuck.calls).toEqual(['get', 'set', 'delete']);
  });
});
