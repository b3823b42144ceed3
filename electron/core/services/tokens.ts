// Access tokens: the host is the source of truth; the index only adds what Latch holds locally
// (a keychain copy, git's "rejected" mark, when git last used it). On a host with no token API
// (Bitbucket Cloud) the tokens are the ones the person pasted in, checked with the host first.
import { describeAccount, ownerPath, type Account, type AccessToken, type CreateTokenRequest, type CreatedToken, type TokenOwner } from '../../../shared/domain';
import { expiresAt } from '../../../shared/expiry';
import { accountCapabilities, HOSTS, ownerProblem } from '../../../shared/hosts';
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
    let outcome: Awaited<ReturnType<NonNullable<typeof adapter.revokeBySecret>>>;
    try {
      outcome = await adapter.revokeBySecret(secret);
    } catch (error) {
      // A server that cannot delete a token given only the token (Forgejo, Gitea before 1.27).
      if (error instanceof LatchError && error.code === 'unsupported' && account.signIn === 'api-token') {
        const page = accountCapabilities(account).manageUrl?.(account.baseUrl) ?? 'the host';
        throw new LatchError('unsupported', `${error.message} Delete "${entry.name}" in your browser at ${page}, then remove it from Latch.`);
      }
      throw error;
    }
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

  /** The rotated token replaces the kept one: the new entry and the old one's removal in one index write, then the old keychain entry goes. */
  const replaceKept = async (account: Account, old: StoredToken, token: HostToken, secret: string): Promise<void> => {
    const stored: StoredToken = { ...storedTokenFor(account, token), ...(old.management ? { management: true } : {}) };
    await saveSecret(keychain, store, {
      key: stored.keychainKey,
      secret,
      record: (data) => {
        if (!data.accounts.some((other) => other.id === account.id)) {
          throw new LatchError('not-found', `The account ${account.username} was removed from Latch meanwhile, so the new secret was not kept.`);
        }
        data.storedTokens = data.storedTokens.filter(
          (other) => !(other.accountId === account.id && (other.tokenId === old.tokenId || other.tokenId === token.id)),
        );
        data.storedTokens.push(stored);
      },
    });
    // The index no longer points at it; a failure here leaves an orphan entry holding a dead secret, nothing worse.
    if (old.keychainKey !== stored.keychainKey) await keychain.delete(old.keychainKey).catch(() => false);
  };

  const rotate = async (accountId: string, owner: TokenOwner, tokenId: string, expiryDays: number | null): Promise<CreatedToken> => {
    const account = await accounts.get(accountId);
    const capabilities = HOSTS[account.host];
    const adapter = adapterFor(account);
    if (!capabilities.rotateByApi || !adapter.rotateToken) {
      throw new LatchError('unsupported', `${capabilities.label} has no API to rotate tokens: create a new one and revoke the old.`);
    }
    checkOwner(account, owner);
    const daysProblem = expiryDaysProblem(expiryDays);
    if (daysProblem) throw new LatchError('validation', daysProblem);
    const expiresOn = expiryDays === null ? null : new Date((deps.now ?? Date.now)() + expiryDays * 86_400_000).toISOString().slice(0, 10);
    const old = (await store.read()).storedTokens.find((token) => token.accountId === accountId && token.tokenId === tokenId && sameOwner(token.owner, owner));
    const rotated = await accounts.withCredentials(account, (credentials) => adapter.rotateToken!(credentials, account.userSlug, owner, tokenId, expiresOn), owner);
    const result: CreatedToken = {
      token: { ...rotated.token, stored: false, rejected: false, onHost: true },
      secret: rotated.secret,
      gitUsername: capabilities.gitUsername(owner, account),
    };
    if (old) {
      // The host already rotated it: whatever happens here, the person still gets the new secret once.
      try {
        await replaceKept(account, old, rotated.token, rotated.secret);
        result.token.stored = true;
      } catch (error) {
        const reason = error instanceof LatchError ? ` ${error.message}` : '';
        result.storeError = `The token was rotated, but Latch could not replace its kept copy in the keychain.${reason} Copy the new secret now: it cannot be shown again, and the old one no longer works.`;
      }
    }
    return result;
  };

  const service: TokensService = {
    storeSecret,
    remove,
    rotate,

    async rotateManagement(accountId, expiryDays) {
      const held = (await store.read()).storedTokens.find((token) => token.accountId === accountId && token.management === true);
      if (!held) throw new LatchError('not-found', 'This account has no token of its own that Latch signs in with, so there is nothing to rotate.');
      return rotate(accountId, held.owner, held.tokenId, expiryDays);
    },

    replace: (accountId, owner, tokenId) => replaceToken({ store, accounts, adapterFor, tokens: service }, accountId, owner, tokenId),

    async add(accountId, token) {
      const account = await accounts.get(accountId);
      return addBrowserToken({ store, keychain, adapterFor, storeSecret, now: deps.now }, account, token);
    },

    async list(accountId, owner) {
      const account = await accounts.get(accountId);
      checkOwner(account, owner);
      // The host cannot list them (or not for this account): what Latch keeps is the whole list.
      const now = (deps.now ?? Date.now)();
      if (!accountCapabilities(account).listByApi) {
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
          refusal: stored?.refusal ?? null,
          onHost: true,
          ...(stored?.management ? { signsIn: true as const } : {}),
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
      const capabilities = accountCapabilities(account);
      if (!capabilities.createByApi && account.signIn === 'api-token' && HOSTS[account.host].signIn !== 'api-token') {
        throw new LatchError(
          'unsupported',
          `${describeAccount(account)} has a security key or passkey, so its server lets no program create tokens for it. ` +
            `Create one in your browser at ${capabilities.manageUrl?.(account.baseUrl) ?? 'the host'}, then give it to Latch with Add token.`,
        );
      }
      if (!capabilities.createByApi) {
        throw new LatchError('unsupported', `${capabilities.label} has no API to create tokens. ${capabilities.limitation ?? ''}`.trim());
      }
      if (!(capabilities.createOwners ?? capabilities.owners).includes(request.owner.kind)) {
        const where = capabilities.manageUrl?.(account.baseUrl);
        throw new LatchError('unsupported', `${capabilities.label} cannot create ${request.owner.kind === 'user' ? 'personal' : request.owner.kind} tokens by API${where ? `: make one at ${where} and give it to Latch` : ''}.`);
      }
      checkOwner(account, request.owner);
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
        adapterFor(account).createToken(credentials, account.userSlug, {
          name: name.name,
          scopes,
          expiryDays,
          owner: request.owner,
          // Only GitLab's adapter reads it (GitLabTokenSpec); the others take the spec without it.
          ...(request.accessLevel !== undefined ? { accessLevel: request.accessLevel } : {}),
        }),
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
      checkOwner(account, owner);
      const capabilities = accountCapabilities(account);
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

/** A user owner always passes; a project, repository or group the host has not, or names otherwise, is refused before anything is sent. */
function checkOwner(account: Account, owner: TokenOwner): void {
  if (owner.kind === 'user') return;
  const problem = ownerProblem(account.host, owner);
  if (problem) throw new LatchError('validation', problem);
}

function sameOwner(a: TokenOwner, b: TokenOwner): boolean {
  return ownerPath(a) === ownerPath(b);
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}
