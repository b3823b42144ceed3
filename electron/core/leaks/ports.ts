// What the leak response's steps use from the services, as small ports. services/leaks.ts runs the steps
// and hands them the tokens service and the unlock window, which fit these shapes; the steps never
// import services/, so services and leaks depend one way (services -> leaks).
import type { AccessToken, TokenOwner } from '../../../shared/domain';
import type { RevokeBySecretOutcome } from '../hosts/adapter';
import type { StoredToken } from '../vault/types';

/** The operations of the tokens service (services/tokens.ts) the steps call; they keep its rules. */
export interface TokensPort {
  /** Every token of the owner on the host, marked with what Latch holds for each. */
  list(accountId: string, owner: TokenOwner): Promise<AccessToken[]>;
  /** Revokes on the host first; the local copy goes only once the host confirms. */
  revoke(accountId: string, owner: TokenOwner, tokenId: string): Promise<void>;
  /** Drops Latch's local copy (keychain and index) without touching the host. True when there was one. */
  remove(accountId: string, tokenId: string): Promise<boolean>;
  /** The tokens Latch holds secrets for, optionally of one account. */
  stored(accountId?: string): Promise<StoredToken[]>;
}

/** The operations of the unlock window (services/session.ts) the steps call. */
export interface SessionPort {
  /** The password while the window is open, else null. */
  password(accountId: string): string | null;
  lock(accountId: string): void;
}

/**
 * Looking for a secret Latch does not hold at the servers of the person's own accounts
 * (services/secret-search.ts). Never used for a server Latch has no account on.
 */
export interface SecretSearchPort {
  /**
   * The account's own token that the secret is, found by what the host lists of every secret (the
   * secret is not sent); `searched` is false where the host offers nothing to match by.
   */
  find(accountId: string, secret: string): Promise<{ searched: boolean; token: AccessToken | null }>;
  /** Has the account's server delete the token with the secret alone; null where that server cannot (nothing is sent then). */
  revokeBySecret(accountId: string, secret: string): Promise<RevokeBySecretOutcome | null>;
  /** Does the secret still open the account's server? Null where the server cannot say, or could not be asked. */
  secretWorks(accountId: string, secret: string): Promise<boolean | null>;
}
