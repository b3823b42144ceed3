// A secret that carries its token id (Bitbucket Data Center) can be found even when Latch holds no copy
// of it: among the personal tokens of every account on a host of its kind.
import type { Account } from '../../../shared/domain';
import type { HostKind } from '../../../shared/hosts';
import type { LatchError } from '../../../shared/result';
import type { IndexStore } from '../vault/index-store';
import { asLatchError } from './errors';
import type { TokensPort } from './ports';
import type { Target } from './report-words';

export interface TokenIdSearch {
  target: Target | null;
  /** Every account on a host of that kind, searched or not. */
  candidates: Account[];
  /** Accounts that could not be searched without their password. */
  locked: Account[];
  failures: Array<{ account: Account; error: LatchError }>;
}

export async function searchByTokenId(store: IndexStore, tokens: TokensPort, host: HostKind, tokenId: string): Promise<TokenIdSearch> {
  const candidates = (await store.read()).accounts.filter((account) => account.host === host);
  const locked: Account[] = [];
  const failures: TokenIdSearch['failures'] = [];
  const searched = new Set<string>();
  for (const account of candidates) {
    // Two accounts of one person on one server see the same token list.
    const key = `${account.baseUrl} ${account.userSlug}`;
    if (searched.has(key)) continue;
    try {
      const listed = await tokens.list(account.id, { kind: 'user' });
      searched.add(key);
      const hit = listed.find((token) => token.id === tokenId);
      if (hit) return { target: { account, tokenId, name: hit.name, owner: hit.owner }, candidates, locked, failures };
    } catch (error) {
      const failure = asLatchError(error);
      if (failure.code === 'locked') locked.push(account);
      else failures.push({ account, error: failure });
    }
  }
  return { target: null, candidates, locked, failures };
}
