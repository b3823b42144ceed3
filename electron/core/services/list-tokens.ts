// Listing an owner's tokens: the host's list is the truth, each marked with what Latch holds locally
// (a kept copy, git's choice, a refusal), plus any kept token the host no longer lists.
import type { AccessToken, TokenOwner } from '../../../shared/domain';
import { accountCapabilities } from '../../../shared/hosts';
import { browserTokens } from './browser-tokens';
import { accessTokenOf, markGitToken } from './stored-token';
import type { TokensDeps } from './token-deps';
import { checkOwner, sameOwner } from './token-owner';

export async function listTokens(deps: TokensDeps, accountId: string, owner: TokenOwner): Promise<AccessToken[]> {
  const { store, accounts, adapterFor } = deps;
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
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}
