// Latch's own copies of token secrets: kept (keychain, then index entry, through the vault's one save),
// replaced by a rotated token's, and removed. The host is never asked here.
import type { Account } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import type { HostToken } from '../hosts/adapter';
import type { IndexStore } from '../vault/index-store';
import { saveSecret } from '../vault/save-secret';
import type { Keychain, StoredToken } from '../vault/types';
import { storedTokenFor } from './stored-token';

export async function storeSecret(store: IndexStore, keychain: Keychain, account: Account, token: HostToken, secret: string): Promise<StoredToken> {
  const stored = storedTokenFor(account, token);
  await saveSecret(keychain, store, {
    key: stored.keychainKey,
    secret,
    record: (data) => {
      // Removed by another Latch process while the host was creating the token.
      if (!data.accounts.some((other) => other.id === account.id)) {
        throw new LatchError('not-found', `The account ${account.username} was removed from Latch meanwhile, so the secret was not kept.`);
      }
      data.storedTokens = data.storedTokens.filter((other) => !(other.accountId === account.id && other.tokenId === token.id));
      data.storedTokens.push(stored);
    },
  });
  return stored;
}

/** The rotated token replaces the kept one: the new entry and the old one's removal in one index write, then the old keychain entry goes. */
export async function replaceStored(store: IndexStore, keychain: Keychain, account: Account, old: StoredToken, token: HostToken, secret: string): Promise<void> {
  const stored: StoredToken = { ...storedTokenFor(account, token), ...(old.management ? { management: true } : {}) };
  await saveSecret(keychain, store, {
    key: stored.keychainKey,
    secret,
    record: (data) => {
      if (!data.accounts.some((other) => other.id === account.id)) {
        throw new LatchError('not-found', `The account ${account.username} was removed from Latch meanwhile, so the new secret was not kept.`);
      }
      data.storedTokens = data.storedTokens.filter(
        (other) => !(other.accountId === account.id && (other.tokenId === old.tokenId || other.tokenId === token.id)),
      );
      data.storedTokens.push(stored);
    },
  });
  // The index no longer points at it; a failure here leaves an orphan entry holding a dead secret, nothing worse.
  if (old.keychainKey !== stored.keychainKey) await keychain.delete(old.keychainKey).catch(() => false);
}

/** Drops Latch's copy, keychain first, then its index entry. True when there was one. */
export async function removeStored(store: IndexStore, keychain: Keychain, accountId: string, tokenId: string): Promise<boolean> {
  const entry = (await store.read()).storedTokens.find((token) => token.accountId === accountId && token.tokenId === tokenId);
  if (!entry) return false;
  await keychain.delete(entry.keychainKey);
  await store.update((data) => {
    data.storedTokens = data.storedTokens.filter((token) => !(token.accountId === accountId && token.tokenId === tokenId));
  });
  return true;
}
