// Access tokens: the host is the source of truth; the index only adds what Latch holds locally
// (a keychain copy, git's "rejected" mark, when git last used it). On a host with no token API
// (Bitbucket Cloud) the tokens are the ones the person pasted in, checked with the host first.
import { ownerPath, type Account, type AccessToken, type CreateTokenRequest, type CreatedToken, type TokenOwner } from '../../../shared/domain';
import { expiresAt } from '../../../shared/expiry';
import { HOSTS } from '../../../shared/hosts';
import type { BrowserToken } from '../../../shared/domain';
import { checkTokenName, expiryDaysProblem } from '../../../shared/schemas';
import { checkPermissions, fromScopes, toScopes } from '../../../shared/permissions';
import { LatchError } from '../../../shared/result';
import type { HostToken } from '../hosts/adapter';
import type { IndexStore } from '../vault/index-store';
import { saveSecret } from '../vault/save-secret';
import type { Keychain, StoredToken } from '../vault/types';
import type { AccountsService, AdapterFor } from './accounts';
import { addBrowserToken, browserTokens, revokeInBrowser } from './browser-tokens';
import { replaceToken, type ReplacedToken } from './replace-token';
import { accessTokenOf, markGitToken, storedTokenFor } from './stored-token';

export interface TokensDeps {
  store: IndexStore;
  keychain: Keychain;
  accounts: AccountsService;
  adapterFor: AdapterFor;
  now?: () => number;
}

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

  const storeSecret = async (account: Account, token: HostToken, secret: string): Promise<StoredToken> => {
    const stored = storedTokenFor(account, token);
    await saveSecret(keychain, store, {
      key: stored.keychainKey,
      secret,
      record: (data) => {
        // Removed by another Latch process while the host was creating the token.
        if (!data.accounts.some((other) => other.id === account.id)) {
          throw new LatchError('not-found', `The account ${account.username} was removed from Latch meanwhile, so the secret was not kept.`);
        }
        data.storedTokens = data.storedTokens.filter((other) => !(other.accountId === account.id && other.tokenId === token.id));
        data.storedTokens.push(stored);
      },
    });
    return stored;
  };

  const remove = async (accountId: string, tokenId: string): Promise<boolean> => {
    const entry = (await store.read()).storedTokens.find((token) => token.accountId === accountId && token.tokenId === tokenId);
    if (!entry) return false;
    await keychain.delete(entry.keychainKey);
    await store.update((data) => {
      data.storedTokens = data.storedTokens.filter((token) => !(token.accountId === accountId && token.tokenId === tokenId));
    });
    return true;
  };

  /**
   * A host that cannot revoke by name but kills a token given its secret (GitHub): the kept secret goes to
   * the host; the local copy goes once the host confirms it dead, and stays, marked, while it does not.
   */
  const revokeKeptBySecret = async (account: Account, tokenId: string): Promise<void> => {
    const entry = (await store.read()).storedTokens.find((token) => token.accountId === account.id && token.tokenId === tokenId);
    const secret = entry ? await keychain.get(entry.keychainKey) : null;
    if (!entry || secret === null) {
      throw new LatchError('not-found', `Latch holds no token ${tokenId} for ${account.username}; it can revoke only tokens whose secret it keeps.`);
    }
    const adapter = adapterFor(account);
    if (!adapter.revokeBySecret) throw revokeInBrowser(await store.read(), account, tokenId);
    const outcome = await adapter.revokeBySecret(secret);
    if (outcome === 'pending') {
      const now = new Date((deps.now ?? Date.now)()).toISOString();
      await store.update((data) => {
        const kept = data.storedTokens.find((token) => token.accountId === account.id && token.tokenId === tokenId);
        if (kept) kept.revokePendingAt = now;
      });
      throw new LatchError(
        'timeout',
        `${HOSTS[account.host].label} accepted the request to revoke "${entry.name}" but has not confirmed yet that it no longer works, so Latch keeps its copy, marked "revoke pending". ` +
          `Check in a minute that it is gone from ${HOSTS[account.host].manageUrl?.(account.baseUrl) ?? 'the host'}, then run the revoke again.`,
      );
    }
    await remove(account.id, tokenId);
  };

  const service: TokensService = {
    storeSecret,
    remove,

    replace: (accountId, owner, tokenId) => replaceToken({ store, accounts, adapterFor, tokens: service }, accountId, owner, tokenId),

    async add(accountId, token) {
      const account = await accounts.get(accountId);
      return addBrowserToken({ store, keychain, adapterFor, storeSecret, now: deps.now }, account, token);
    },

    async list(accountId, owner) {
      const account = await accounts.get(accountId);
      // The host cannot list them: what Latch keeps is the whole list.
      const now = (deps.now ?? Date.now)();
      if (!HOSTS[account.host].listByApi) {
        const data = await store.read();
        return markGitToken(browserTokens(data, account, owner), account, data, now);
      }
      // What Latch held before asking: a token stored while the host answers (another Latch process)
      // must not look gone from the host, or its Remove would delete a secret that still works.
      const local = (await store.read()).storedTokens.filter((token) => token.accountId === accountId);
      const hostTokens = await accounts.withCredentials(account, (credentials) =>
        adapterFor(account).listTokens(credentials, account.userSlug, owner),
        owner,
      );
      const byId = new Map(local.map((token) => [token.tokenId, token]));
      const onHost = hostTokens.map((token): AccessToken => {
        const stored = byId.get(token.id);
        return {
          ...token,
          lastUsedAt: later(token.lastUsedAt, stored?.lastUsedAt ?? null),
          stored: stored !== undefined,
          rejected: stored?.rejectedAt != null,
          onHost: true,
        };
      });
      // The host listed every token of this owner: a stored one it did not list was revoked or deleted
      // outside Latch. It stays visible so the person can remove the dead copy git would keep sending.
      const listed = new Set(hostTokens.map((token) => token.id));
      const gone = local.filter((token) => sameOwner(token.owner, owner) && !listed.has(token.tokenId)).map((token) => accessTokenOf(token, false));
      return markGitToken([...onHost, ...gone], account, await store.read(), now);
    },

    async create(request) {
      const account = await accounts.get(request.accountId);
      const capabilities = HOSTS[account.host];
      if (!capabilities.createByApi) {
        throw new LatchError('unsupported', `${capabilities.label} has no API to create tokens. ${capabilities.limitation ?? ''}`.trim());
      }
      if (!capabilities.owners.includes(request.owner.kind)) {
        throw new LatchError('unsupported', `${capabilities.label} cannot create ${request.owner.kind} tokens by API.`);
      }
      const name = checkTokenName(request.name);
      if (!name.ok) throw new LatchError('validation', name.problem);
      const expiryDays = request.expiryDays;
      const daysProblem = expiryDaysProblem(expiryDays);
      if (daysProblem) throw new LatchError('validation', daysProblem);
      let scopes = [...request.scopes];
      if (capabilities.scopeModel === 'bitbucket-datacenter-levels') {
        const parsed = fromScopes(request.scopes);
        if ('error' in parsed) throw new LatchError('validation', parsed.error);
        const rule = checkPermissions(parsed.choice, request.owner);
        if (rule) throw new LatchError('validation', rule);
        scopes = toScopes(parsed.choice);
      }

      const created = await accounts.withCredentials(account, (credentials) =>
        adapterFor(account).createToken(credentials, account.userSlug, { name: name.name, scopes, expiryDays, owner: request.owner }),
        request.owner,
      );
      const hostToken: HostToken = { ...created.token, expiresAt: created.token.expiresAt ?? expiresAt(created.token.createdAt, expiryDays) };
      const result: CreatedToken = {
        token: { ...hostToken, stored: false, rejected: false, onHost: true },
        secret: created.secret,
        gitUsername: capabilities.gitUsername(request.owner, account),
      };
      if (request.store) {
        // The host already made the token: whatever happens here, the person still gets the secret once.
        try {
          await storeSecret(account, hostToken, created.secret);
          result.token.stored = true;
          result.token = markGitToken([result.token], account, await store.read(), (deps.now ?? Date.now)())[0] ?? result.token;
        } catch (error) {
          const reason = error instanceof LatchError ? ` ${error.message}` : '';
          result.storeError = `The token was created, but Latch could not keep its secret in the keychain.${reason} Copy it now: it cannot be shown again.`;
        }
      }
      return result;
    },

    async revoke(accountId, owner, tokenId) {
      const account = await accounts.get(accountId);
      const capabilities = HOSTS[account.host];
      if (!capabilities.revokeByApi && capabilities.revokeBySecret && capabilities.browserToken !== null) {
        await revokeKeptBySecret(account, tokenId);
        return;
      }
      if (!capabilities.revokeByApi) throw revokeInBrowser(await store.read(), account, tokenId);
      try {
        await accounts.withCredentials(account, (credentials) =>
          adapterFor(account).revokeToken(credentials, account.userSlug, owner, tokenId),
          owner,
        );
      } catch (error) {
        // Already gone on the host is what the person wanted, but only for a token Latch holds under this
        // very owner: a 404 for a mistyped id or the wrong project says nothing about the token being dead.
        const held = (await store.read()).storedTokens.some(
          (token) => token.accountId === accountId && token.tokenId === tokenId && sameOwner(token.owner, owner),
        );
        if (!(error instanceof LatchError && error.code === 'not-found' && held)) throw error;
      }
      try {
        await remove(accountId, tokenId);
      } catch (error) {
        const reason = error instanceof LatchError ? error : null;
        throw new LatchError(
          reason?.code ?? 'keychain',
          `The token was revoked on the host, but Latch could not remove its copy from the keychain. ${reason?.message ?? ''}`.trim(),
        );
      }
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

function sameOwner(a: TokenOwner, b: TokenOwner): boolean {
  return ownerPath(a) === ownerPath(b);
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}
