// The keychain copy of a remembered account password, and what Latch does when it stops working.
// Hosts lock an account (or ask for a CAPTCHA) after repeated refused sign-ins, so a saved password
// the host refused is deleted at once and never sent again; the account then asks for the current one.
import { createHash } from 'node:crypto';
import type { Account } from '../../../shared/domain';
import { gitHost } from '../../../shared/url';
import { keychainKeys, type Keychain } from '../vault/types';

type Described = Pick<Account, 'id' | 'username' | 'baseUrl'>;

export interface SavedPasswords {
  /**
   * The keychain copy, or null when there is none (the account is then noted as needing its
   * password). A copy the host already refused in this process is never handed out again.
   */
  read(account: Described): Promise<string | null>;
  /**
   * The host refused `password` (`fromKeychain`: it was read from there for this call). When it is
   * the keychain copy, deletes it and answers true; a different copy (a password typed for one
   * command, or one saved meanwhile) is left alone.
   */
  forgetRefused(account: Described, password: string, fromKeychain: boolean): Promise<boolean>;
  /** The host accepted `password` for a remembered account: keep it as the keychain copy. Best effort. */
  keep(account: Described, password: string): Promise<void>;
  /** The password was saved anew (unlock) or the account is gone: nothing to report any more. */
  settled(accountId: string): void;
  /** Why a remembered account needs its password now (for the lock state), or null. */
  trouble(accountId: string): string | null;
}

/** What happened to the saved password, in a sentence naming the account. */
const refusedSentence = (account: Described) =>
  `The password Latch saved for ${account.username} on ${gitHost(account.baseUrl)} no longer works: the server refused it, ` +
  'so Latch deleted it from the keychain and will not send it again.';
const missingSentence = (account: Described) =>
  `The password Latch saved for ${account.username} on ${gitHost(account.baseUrl)} is no longer in the keychain.`;

/** The lock state's reason: the unlock panel beside it takes the password. */
export const unlockReason = (what: string) => `${what} Enter the current password to unlock the account.`;
/** The error's sentence, read in the app or in a terminal. */
export const lockedSentence = (what: string) =>
  `${what} Enter the current password in Latch to unlock the account, or give it to the CLI with --password-stdin.`;

// Only a digest is kept of a refused password: enough to recognise it, should deleting it have failed.
const digest = (password: string) => createHash('sha256').update(password, 'utf8').digest('hex');

export function createSavedPasswords(keychain: Keychain): SavedPasswords {
  /** Account id → what happened to its saved password (a sentence without advice). */
  const troubles = new Map<string, string>();
  /** Account id → digest of the password the host refused. */
  const refused = new Map<string, string>();

  const deleteQuietly = (accountId: string) => keychain.delete(keychainKeys.accountPassword(accountId)).catch(() => false);

  return {
    async read(account) {
      const saved = await keychain.get(keychainKeys.accountPassword(account.id));
      if (saved !== null && refused.get(account.id) === digest(saved)) {
        await deleteQuietly(account.id);
        return null;
      }
      if (saved === null) {
        if (!troubles.has(account.id)) troubles.set(account.id, missingSentence(account));
        return null;
      }
      // Saved again meanwhile (by the app or another command): that one has not been refused.
      troubles.delete(account.id);
      refused.delete(account.id);
      return saved;
    },

    async forgetRefused(account, password, fromKeychain) {
      const key = keychainKeys.accountPassword(account.id);
      // Read again first: between the refusal and now the person may have saved the current password.
      let saved: string | null | undefined;
      try {
        saved = await keychain.get(key);
      } catch {
        saved = undefined; // unreadable right now
      }
      const isTheCopy = saved === password || (fromKeychain && (saved === null || saved === undefined));
      if (!isTheCopy) return false;
      refused.set(account.id, digest(password));
      troubles.set(account.id, refusedSentence(account));
      if (saved !== null) await deleteQuietly(account.id);
      return true;
    },

    async keep(account, password) {
      const key = keychainKeys.accountPassword(account.id);
      try {
        if ((await keychain.get(key)) !== password) await keychain.set(key, password);
        troubles.delete(account.id);
        refused.delete(account.id);
      } catch {
        // The call itself succeeded; the next one asks again, as before.
      }
    },

    settled(accountId) {
      troubles.delete(accountId);
      refused.delete(accountId);
    },

    trouble: (accountId) => troubles.get(accountId) ?? null,
  };
}
