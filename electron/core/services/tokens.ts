// Access tokens: the host is the source of truth; the index only adds what Latch holds locally
// (a keychain copy, git's "rejected" mark, when git last used it). On a host with no token API
// (Bitbucket Cloud) the tokens are the ones the person pasted in, checked with the host first.
// Each operation that asks the host is in its own file: create-token.ts, list-tokens.ts,
// revoke-token.ts, rotate-token.ts, replace-token.ts; Latch's copies of secrets in stored-secrets.ts.
import type { AccessToken, Account, BrowserToken, CreateTokenRequest, CreatedToken, TokenOwner } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import type { HostToken } from '../hosts/adapter';
import type { StoredToken } from '../vault/types';
import { addBrowserToken } from './browser-tokens';
import { createToken } from './create-token';
import { listTokens } from './list-tokens';
import { replaceToken, type ReplacedToken } from './replace-token';
import { revokeToken } from './revoke-token';
import { rotateManagementToken, rotateToken } from './rotate-token';
import { removeStored, storeSecret } from './stored-secrets';
import type { TokensDeps } from './token-deps';

// createTokensService's parameter, exported with it.
export type { TokensDeps } from './token-deps';

export interface TokensService {
  /** Every token of the owner on the host, marked with what Latch holds for each. */
  list(accountId: string, owner: TokenOwner): Promise<AccessToken[]>;
  /** Creates the token on the host and, when asked, keeps its secret in the keychain. */
  create(request: CreateTokenRequest): Promise<CreatedToken>;
  /**
   * On a host with no rotate API: a new token with the old one's name, permissions and lifetime, kept in
   * its place for git (and chosen for git if the old one was), then the old one revoked.
   */
  replace(accountId: string, owner: TokenOwner, tokenId: string): Promise<ReplacedToken>;
  /** Revokes on the host first; the local copy goes only once the host confirms. */
  revoke(accountId: string, owner: TokenOwner, tokenId: string): Promise<void>;
  /**
   * Rotates a token on the host (GitLab): the old secret dies and the new one is returned once. A kept
   * copy of the old secret is replaced by the new one in the same action, so git never presents the
   * dead one. Never retried: after a lost answer the adapter lists and says what happened.
   */
  rotate(accountId: string, owner: TokenOwner, tokenId: string, expiryDays: number | null): Promise<CreatedToken>;
  /** The account's own management token (GitLab), rotated like any kept token; 'not-found' where it has none. */
  rotateManagement(accountId: string, expiryDays: number | null): Promise<CreatedToken>;
  /**
   * Keeps a token the person made in the host's web page (a host with no token API): checked with the
   * host as the account's own, refused when Latch already keeps that secret, then held for git.
   */
  add(accountId: string, token: BrowserToken): Promise<AccessToken>;
  /** Keeps a secret in the keychain and records it in the index. */
  storeSecret(account: Account, token: HostToken, secret: string): Promise<StoredToken>;
  /** Drops Latch's local copy (keychain and index) without touching the host. True when there was one. */
  remove(accountId: string, tokenId: string): Promise<boolean>;
  /** The tokens Latch holds secrets for, optionally of one account. */
  stored(accountId?: string): Promise<StoredToken[]>;
  /** A stored token's secret from the keychain, or null when Latch holds none. */
  secret(accountId: string, tokenId: string): Promise<string | null>;
  /**
   * Pins the stored token git gets for its account ("Use for git"), or with null lets Latch choose again.
   * Answers the stored token pinned, or null.
   */
  useForGit(accountId: string, tokenId: string | null): Promise<StoredToken | null>;
}

export function createTokensService(deps: TokensDeps): TokensService {
  const { store, keychain, accounts, adapterFor } = deps;
  const keep = (account: Account, token: HostToken, secret: string) => storeSecret(store, keychain, account, token, secret);

  const service: TokensService = {
    storeSecret: keep,
    remove: (accountId, tokenId) => removeStored(store, keychain, accountId, tokenId),
    list: (accountId, owner) => listTokens(deps, accountId, owner),
    create: (request) => createToken(deps, request),
    revoke: (accountId, owner, tokenId) => revokeToken(deps, accountId, owner, tokenId),
    rotate: (accountId, owner, tokenId, expiryDays) => rotateToken(deps, accountId, owner, tokenId, expiryDays),
    rotateManagement: (accountId, expiryDays) => rotateManagementToken(deps, accountId, expiryDays),
    replace: (accountId, owner, tokenId) => replaceToken({ store, accounts, adapterFor, tokens: service }, accountId, owner, tokenId),

    async add(accountId, token) {
      const account = await accounts.get(accountId);
      return addBrowserToken({ store, keychain, adapterFor, storeSecret: keep, now: deps.now }, account, token);
    },

    async stored(accountId) {
      const { storedTokens } = await store.read();
      return accountId === undefined ? storedTokens : storedTokens.filter((token) => token.accountId === accountId);
    },

    async useForGit(accountId, tokenId) {
      const account = await accounts.get(accountId);
      return store.update((data) => {
        const mine = data.storedTokens.filter((token) => token.accountId === accountId);
        const pinned = tokenId === null ? null : (mine.find((token) => token.tokenId === tokenId) ?? null);
        if (tokenId !== null && !pinned) {
          throw new LatchError('not-found', `Latch keeps no token ${tokenId} for ${account.username}; git can be given only a token whose secret Latch keeps.`);
        }
        for (const token of mine) {
          if (token === pinned) token.useForGit = true;
          else delete token.useForGit;
        }
        return pinned === null ? null : { ...pinned };
      });
    },

    async secret(accountId, tokenId) {
      const entry = (await store.read()).storedTokens.find((token) => token.accountId === accountId && token.tokenId === tokenId);
      return entry ? keychain.get(entry.keychainKey) : null;
    },
  };
  return service;
}
