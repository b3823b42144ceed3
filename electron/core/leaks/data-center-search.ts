// A Data Center token carries its id, so one Latch holds no copy of can still be found: among the
// personal tokens of every Data Center account.
import type { Account } from '../../../shared/domain';
import type { LatchError } from '../../../shared/result';
import type { IndexStore } from '../vault/index-store';
import { asLatchError } from './errors';
import type { TokensPort } from './ports';
import type { Target } from './report-words';

export interface DataCenterSearch {
  target: Target | null;
  /** Every Data Center account, searched or not. */
  candidates: Account[];
  /** Accounts that could not be searched without their password. */
  locked: Account[];
  failures: Array<{ account: Account; error: LatchError }>;
}

export async function searchDataCenter(store: IndexStore, tokens: TokensPort, tokenId: string): Promise<DataCenterSearch> {
  const candidates = (await store.read()).accounts.filter((account) => account.host === 'bitbucket-datacenter');
  const locked: Account[] = [];
  const failures: DataCenterSearch['failures'] = [];
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
