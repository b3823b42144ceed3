// The vault: secrets in the OS keychain, everything else in a small metadata index on disk.
import type { Account, Settings, TokenOwner } from '../../../shared/domain';

/** The OS keychain. Implementations never fall back to plaintext. */
export interface Keychain {
  get(key: string): Promise<string | null>;
  set(key: string, secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(key: string): Promise<boolean>;
}

/** A token whose secret Latch holds in the keychain. Everything here is safe to write to disk. */
export interface StoredToken {
  accountId: string;
  tokenId: string;
  name: string;
  owner: TokenOwner;
  scopes: string[];
  /** Username git sends with the secret; null when the host accepts it only as a Bearer token. */
  gitUsername: string | null;
  createdAt: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  /** Set by git's `erase` when the host refused the secret. */
  rejectedAt: string | null;
  /**
   * When the host accepted a revoke by the secret (GitHub) but had not yet confirmed the token dead;
   * absent in files written before this field existed.
   */
  revokePendingAt?: string | null;
  /** The keychain entry that holds the secret. */
  keychainKey: string;
  /**
   * The person chose this token for git on its account ("Use for git", `latch token use`): git gets it
   * wherever it covers the path, before any other. At most one per account; absent means git chooses.
   */
  useForGit?: boolean;
}

export interface IndexData {
  version: 1;
  accounts: Account[];
  storedTokens: StoredToken[];
  settings: Settings;
  /** Expiry reminders already shown (electron/core/services/reminders.ts); absent before the first. */
  remindersShown?: string[];
}

export const keychainKeys = {
  accountPassword: (accountId: string) => `account:${accountId}:password`,
  token: (accountId: string, tokenId: string) => `token:${accountId}:${tokenId}`,
};
