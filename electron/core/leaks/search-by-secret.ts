// A secret of a known shape that carries no token id (Gitea, Forgejo) and that Latch does not hold is
// looked for only at the servers of the person's own accounts of that host kind, never elsewhere:
// first the server deletes it with the secret alone where it can (Gitea 1.27), the servers git had it
// saved for first; then it is looked for among each account's tokens by what the list shows of every
// secret (the last eight characters), so it can be revoked by id with the account password.
import type { Account } from '../../../shared/domain';
import type { HostKind } from '../../../shared/hosts';
import type { LatchError } from '../../../shared/result';
import { gitHost } from '../../../shared/url';
import type { IndexStore } from '../vault/index-store';
import { asLatchError } from './errors';
import type { SecretSearchPort } from './ports';
import type { Target } from './report-words';

export interface SecretSearch {
  /** The server that deleted the token when given the secret alone. */
  deletedBy: Account | null;
  /** The account whose token list holds it. */
  target: Target | null;
  /** Accounts whose token lists were read and did not hold it. */
  searched: Account[];
  /** Accounts that could not be searched without their password. */
  locked: Account[];
  failures: Array<{ account: Account; error: LatchError }>;
}

/** Null when Latch has no account of that host kind, or none whose host offers a way to look: nothing was sent anywhere. */
export async function searchBySecret(store: IndexStore, search: SecretSearchPort, host: HostKind, secret: string, seenAt: readonly string[]): Promise<SecretSearch | null> {
  const seen = new Set(seenAt.map((url) => gitHost(url)));
  const candidates = (await store.read()).accounts
    .filter((account) => account.host === host)
    .sort((a, b) => Number(seen.has(gitHost(b.baseUrl))) - Number(seen.has(gitHost(a.baseUrl))));
  if (candidates.length === 0) return null;
  const result: SecretSearch = { deletedBy: null, target: null, searched: [], locked: [], failures: [] };
  let looked = false;

  const servers = new Set<string>();
  for (const account of candidates) {
    if (servers.has(account.baseUrl)) continue;
    servers.add(account.baseUrl);
    try {
      const outcome = await search.revokeBySecret(account.id, secret);
      if (outcome !== null) looked = true;
      if (outcome === 'revoked') return { ...result, deletedBy: account };
      // 'already-dead': this server does not know it (or no longer); it may still be another server's.
    } catch (error) {
      looked = true;
      result.failures.push({ account, error: asLatchError(error) });
    }
  }

  // Two accounts of one person on one server see the same token list.
  const lists = new Set<string>();
  for (const account of candidates) {
    const key = `${account.baseUrl} ${account.userSlug}`;
    if (lists.has(key)) continue;
    try {
      const { searched, token } = await search.find(account.id, secret);
      if (!searched) continue;
      looked = true;
      lists.add(key);
      if (token) return { ...result, target: { account, tokenId: token.id, name: token.name, owner: token.owner } };
      result.searched.push(account);
    } catch (error) {
      looked = true;
      const failure = asLatchError(error);
      if (failure.code === 'locked') result.locked.push(account);
      else result.failures.push({ account, error: failure });
    }
  }
  return looked ? result : null;
}
