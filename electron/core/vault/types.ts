// The vault: secrets in the OS keychain, everything else in a small metadata index on disk.
import type { Account, Settings, TokenOwner, TokenRefusal } from '../../../shared/domain';

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
  /** Set by git's `erase` when the host refused the secret and, asked with it, said it no longer works. */
  rejectedAt: string | null;
  /** git's last refusal and the host's answer about it (credential/helper.ts); absent in older files. */
  refusal?: TokenRefusal | null;
  /**
   * When the host accepted a revoke by the secret (GitHub) but had not yet confirmed the token dead;
   * absent in files written before this field existed.
   */
  revokePendingAt?: string | null;
  /**
   * The account's own token, which Latch signs in with to manage tokens (GitLab: a personal token with
   * the api scope); git gets it only when no narrower token covers the path. Absent elsewhere.
   */
  management?: boolean;
  /** The keychain entry that holds the secret. */
  keychainKey: string;
  /**
   * The person chose this token for git on its account ("Use for git", `latch token use`): git gets it
   * wherever it covers the path, before any other. At most one per account; absent means git chooses.
   */
  useForGit?: boolean;
}

/**
 * A credential git approved, or one imported from a plaintext file, for a host or user Latch has no
 * account for: kept the way git's own keychain helpers keep one, answered for exact matches only.
 */
export interface GitCredential {
  protocol: string;
  /** host[:port] as git writes it. */
  host: string;
  /** The repository path git sent with it (credential.useHttpPath); null answers for every path. */
  path: string | null;
  username: string;
  /** Unix seconds, as git gives it; null when git gave none. */
  passwordExpiryUtc: string | null;
  /** The keychain entry holding the password. */
  keychainKey: string;
  /** The keychain entry holding git's `oauth_refresh_token`, when it gave one. */
  refreshTokenKey: string | null;
  /** Where it came from: `git` (approved by git), or the file and line or remote it was imported from. */
  source: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface IndexData {
  version: 1;
  accounts: Account[];
  storedTokens: StoredToken[];
  /** Absent in files written before git credentials existed. */
  gitCredentials?: GitCredential[];
  settings: Settings;
  /** Expiry reminders already shown (electron/core/services/reminders.ts); absent before the first. */
  remindersShown?: string[];
}

export const keychainKeys = {
  accountPassword: (accountId: string) => `account:${accountId}:password`,
  /** `latch account unlock`: the password and when it stops being used, for later CLI commands. */
  cliUnlock: (accountId: string) => `account:${accountId}:cli-unlock`,
  token: (accountId: string, tokenId: string) => `token:${accountId}:${tokenId}`,
  /** One per protocol, host, path and username, so a second store of the same one overwrites it. */
  gitCredential: (c: Pick<GitCredential, 'protocol' | 'host' | 'path' | 'username'>) =>
    `git:${c.protocol}://${encodeURIComponent(c.username)}@${c.host}/${c.path ?? ''}`,
};
