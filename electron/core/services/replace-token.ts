// Replacing a token in one action on a host with no rotate API (Bitbucket Data Center, Gitea): a new
// token with the same name and permissions, its secret kept in place of the old one so git keeps
// working, then the old one revoked. Each step goes through create and revoke as they are, so a create
// whose answer was lost is reconciled and reported (the old token is then left alone), and nothing is
// revoked while the new secret is not safely kept.
import { ownerPath, type CreateTokenRequest, type CreatedToken, type ReplacedToken, type TokenOwner } from '../../../shared/domain';

export type { ReplacedToken };
import { HOSTS } from '../../../shared/hosts';
import { LatchError } from '../../../shared/result';
import type { IndexStore } from '../vault/index-store';
import type { AccountsService, AdapterFor } from './accounts';

const DAY_MS = 86_400_000;

export interface ReplaceDeps {
  store: IndexStore;
  accounts: AccountsService;
  adapterFor: AdapterFor;
  /** The tokens service's own steps, so a replace follows exactly the rules of create and revoke. */
  tokens: {
    create(request: CreateTokenRequest): Promise<CreatedToken>;
    revoke(accountId: string, owner: TokenOwner, tokenId: string): Promise<void>;
    useForGit(accountId: string, tokenId: string | null): Promise<unknown>;
  };
}

/** Days the old token was made to live, so the new one lives as long; null when it never expires. */
function lifetimeDays(createdAt: string | null, expiresAt: string | null): number | null {
  if (createdAt === null || expiresAt === null) return null;
  const days = Math.round((Date.parse(expiresAt) - Date.parse(createdAt)) / DAY_MS);
  return Number.isFinite(days) && days >= 1 ? days : null;
}

export async function replaceToken(deps: ReplaceDeps, accountId: string, owner: TokenOwner, tokenId: string): Promise<ReplacedToken> {
  const account = await deps.accounts.get(accountId);
  const capabilities = HOSTS[account.host];
  if (capabilities.rotateByApi) {
    throw new LatchError('unsupported', `${capabilities.label} rotates tokens itself; Latch replaces tokens only on hosts that cannot.`);
  }
  if (!capabilities.createByApi || !capabilities.revokeByApi) {
    throw new LatchError('unsupported', `${capabilities.label} has no API to create and revoke tokens, so Latch cannot replace one. ${capabilities.limitation ?? ''}`.trim());
  }
  const listed = await deps.accounts.withCredentials(account, (credentials) => deps.adapterFor(account).listTokens(credentials, account.userSlug, owner), owner);
  const old = listed.find((token) => token.id === tokenId);
  if (!old) throw new LatchError('not-found', `${capabilities.label} has no token ${tokenId} for ${account.username} here any more; there is nothing to replace.`);
  const kept = (await deps.store.read()).storedTokens.find(
    (token) => token.accountId === accountId && token.tokenId === tokenId && ownerPath(token.owner) === ownerPath(owner),
  );
  const expiryDays = capabilities.expiryByApi === false ? null : lifetimeDays(old.createdAt, old.expiresAt);
  const maxDays = capabilities.maxTokenDays;
  const created = await deps.tokens.create({
    accountId,
    name: old.name,
    scopes: old.scopes,
    expiryDays: expiryDays !== null && maxDays !== null ? Math.min(expiryDays, maxDays) : expiryDays,
    owner,
    store: kept !== undefined,
  });
  // The new secret is not safely kept where git looks for it: the old token keeps working instead.
  if (created.storeError) return { ...created, oldRevoked: false, oldProblem: `The old token "${old.name}" was not revoked, so git keeps working with it.` };
  if (kept?.useForGit) await deps.tokens.useForGit(accountId, created.token.id);
  try {
    await deps.tokens.revoke(accountId, owner, tokenId);
  } catch (error) {
    const reason = error instanceof LatchError ? ` ${error.message}` : '';
    return {
      ...created,
      oldRevoked: false,
      oldProblem: `The new token is ready, but the old one (ID ${tokenId}) was not revoked.${reason} Revoke it from its row when you can.`,
    };
  }
  return { ...created, oldRevoked: true };
}
