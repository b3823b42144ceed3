// The index entry for a secret Latch keeps: the one shape both a created and a pasted token take.
import type { Account, AccessToken } from '../../../shared/domain';
import { HOSTS } from '../../../shared/hosts';
import { tokenForAccount } from '../credential/match';
import type { HostToken } from '../hosts/adapter';
import { keychainKeys, type IndexData, type StoredToken } from '../vault/types';

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
    ...(token.management ? { signsIn: true as const } : {}),
  };
}

/** Marks the token git gets for the account (with no repository named), as the credential helper picks it. */
export function markGitToken(tokens: AccessToken[], account: Account, data: IndexData, now: number): AccessToken[] {
  const chosen = tokenForAccount(account, data, now);
  if (!chosen) return tokens;
  return tokens.map((token) =>
    token.stored && token.id === chosen.tokenId ? { ...token, git: chosen.useForGit === true ? 'pinned' : 'chosen' } : token,
  );
}
