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
}

export const keychainKeys = {
  accountPassword: (accountId: string) => `account:${accountId}:password`,
  token: (accountId: string, tokenId: string) => `token:${accountId}:${tokenId}`,
  /** One per protocol, host, path and username, so a second store of the same one overwrites it. */
  gitCredential: (c: Pick<GitCredential, 'protocol' | 'host' | 'path' | 'username'>) =>
    `git:${c.protocol}://${encodeURIComponent(c.username)}@${c.host}/${c.path ?? ''}`,
};
