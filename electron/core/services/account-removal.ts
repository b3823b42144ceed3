// Removing an account with every secret Latch keeps for it, without ever leaving a secret in the
// keychain that the index no longer points to, even while another Latch process stores one.
import { describeAccount, type Account } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import { gitHost } from '../../../shared/url';
import type { IndexStore } from '../vault/index-store';
import { keychainKeys, type IndexData, type Keychain } from '../vault/types';

/** Rounds of delete-then-check before giving up on an account whose secrets keep changing. */
const MAX_ROUNDS = 5;

export async function removeWithSecrets(store: IndexStore, keychain: Keychain, account: Account): Promise<void> {
  const accountId = account.id;
  // The keychain first, and never while holding the index lock (a keychain may stop to ask the person
  // to unlock it, and every other Latch process would wait that long): an index entry is only dropped
  // once its secret is gone, so nothing is ever left in the keychain that Latch no longer knows about.
  // A secret stored meanwhile (another process, git's helper) changes the account's entries; the locked
  // update then leaves everything as it is and the next round deletes that secret too.
  const secretsOf = (index: IndexData) => {
    const keys = index.storedTokens.filter((token) => token.accountId === accountId).map((token) => token.keychainKey);
    // Whatever the setting says now: a password saved meanwhile (remember turned on, or the CLI keeping
    // one that worked) must not outlive the account. Deleting a missing entry is harmless.
    keys.push(keychainKeys.accountPassword(accountId), keychainKeys.cliUnlock(accountId));
    return keys;
  };
  const entriesOf = (index: IndexData) => JSON.stringify(index.storedTokens.filter((token) => token.accountId === accountId));

  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const seen = await store.read();
    if (!seen.accounts.some((candidate) => candidate.id === accountId)) return;
    const keys = secretsOf(seen);
    const { kept, failure } = await deleteSecrets(keychain, keys);
    const deleted = new Set(keys.filter((key) => !kept.has(key)));

    const outcome = await store.update((latest): 'again' | 'done' | 'kept' => {
      if (entriesOf(latest) !== entriesOf(seen)) return 'again';
      latest.storedTokens = latest.storedTokens.filter((token) => token.accountId !== accountId || !deleted.has(token.keychainKey));
      if (kept.size > 0) return 'kept';
      const removed = latest.accounts.find((candidate) => candidate.id === accountId);
      latest.accounts = latest.accounts.filter((candidate) => candidate.id !== accountId);
      if (removed?.isDefault) {
        // Another account on the same host takes over, so git keeps a default there.
        const heir = latest.accounts.find((candidate) => gitHost(candidate.baseUrl) === gitHost(removed.baseUrl));
        if (heir) heir.isDefault = true;
      }
      return 'done';
    });
    if (outcome === 'done') return;
    if (outcome === 'kept') {
      const reason = failure instanceof LatchError ? failure : null;
      throw new LatchError(
        reason?.code ?? 'keychain',
        `${describeAccount(account)} was not removed because some of its secrets could not be deleted from the keychain. ` +
          (reason ? reason.message : 'Try again once the keychain is available.'),
      );
    }
  }
  throw new LatchError('conflict', `${describeAccount(account)} was not removed because another Latch process kept storing secrets for it. Try again in a moment.`);
}

/** Deletes each key (a missing one counts as deleted); the keys that stay, and the first reason why. */
async function deleteSecrets(keychain: Keychain, keys: string[]): Promise<{ kept: Set<string>; failure: unknown }> {
  const kept = new Set<string>();
  let failure: unknown = null;
  for (const key of keys) {
    try {
      await keychain.delete(key);
    } catch (error) {
      kept.add(key);
      failure ??= error;
    }
  }
  return { kept, failure };
}
