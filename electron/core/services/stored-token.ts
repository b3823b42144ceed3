// The index entry for a secret Latch keeps: the one shape both a created and a pasted token take.
import type { Account, AccessToken } from '../../../shared/domain';
import { HOSTS } from '../../../shared/hosts';
import type { HostToken } from '../hosts/adapter';
import { keychainKeys, type StoredToken } from '../vault/types';

export function storedTokenFor(account: Account, token: HostToken): StoredToken {
  return {
    accountId: account.id,
    tokenId: token.id,
    name: token.name,
    owner: token.owner,
    scopes: [...token.scopes],
    gitUsername: HOSTS[account.host].gitUsername(token.owner, account),
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    rejectedAt: null,
    keychainKey: keychainKeys.token(account.id, token.id),
  };
}

/**
 * A token Latch holds, as the person sees it, from the index alone: for a host that cannot list tokens
 * (`onHost` true: nothing says otherwise) or for one the host no longer lists (`onHost` false).
 */
export function accessTokenOf(token: StoredToken, onHost: boolean): AccessToken {
  return {
    id: token.tokenId,
    name: token.name,
    scopes: [...token.scopes],
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    owner: token.owner,
    stored: true,
    rejected: token.rejectedAt !== null,
    refusal: token.refusal ?? null,
    onHost,
  };
}
