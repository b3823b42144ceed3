// The one way a secret enters the vault: written to the keychain and recorded in the index, or
// neither. Every caller that keeps a secret (a remembered password, a created or pasted token, a
// credential git hands over) goes through here, so the rule lives in one place: no secret stays in the
// keychain that the index does not point to, and a secret that was already there is never lost.
//
// Imports types and one small error class only: git-credential-latch's small bundle uses this module.
import type { IndexStore } from './index-store';
import { KeychainStoppedError } from './keychain-stopped';
import type { IndexData, Keychain } from './types';

export interface SaveSecret<T> {
  /** The keychain entry that will hold the secret. */
  key: string;
  secret: string;
  /**
   * Records the secret in the index, inside `store.update`: changes `data` in place, or throws to
   * record nothing (the keychain is then put back as it was).
   */
  record: (data: IndexData) => T | Promise<T>;
}

/**
 * Writes the secret to the keychain, then records it in the index. When recording fails, the keychain
 * entry is put back as it was before (deleted, or given its earlier secret again) and the original
 * error is rethrown. When the keychain refuses the write, that error is rethrown and the index is not
 * touched; nothing else is asked of a keychain that just failed (a locked one would prompt again),
 * except one that stopped answering mid-write: the write may have landed, so it is put back as it was.
 * Returns what `record` returned.
 */
export async function saveSecret<T>(keychain: Keychain, store: Pick<IndexStore, 'update'>, save: SaveSecret<T>): Promise<T> {
  const { key, secret, record } = save;
  // What the entry held before, so a failure can put it back instead of deleting a secret the index
  // may still point to.
  const before = await keychain.get(key);
  try {
    await keychain.set(key, secret);
  } catch (error) {
    if (error instanceof KeychainStoppedError) await restore(keychain, key, before, secret);
    throw error;
  }
  try {
    return await store.update(record);
  } catch (error) {
    await restore(keychain, key, before, secret);
    throw error;
  }
}

/**
 * Best effort: the caller's error is what the person needs to see, not a second one from here. A
 * keychain that has just restarted may miss the first call, so a stopped one is asked once more.
 */
async function restore(keychain: Keychain, key: string, before: string | null, written: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      if (before === null) await keychain.delete(key);
      else if (before !== written) await keychain.set(key, before);
      return;
    } catch (error) {
      if (!(error instanceof KeychainStoppedError)) return; // left as written; the caller rethrows the original error
    }
  }
}
