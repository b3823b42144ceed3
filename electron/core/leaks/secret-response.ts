// What happens at the host for a secret Latch does not hold and that names no token id (Gitea,
// Forgejo): the search at the servers of the person's own accounts (search-by-secret.ts), then the
// revoke by id, or words on what is left to do. Null when there was nowhere to look.
import { describeAccount } from '../../../shared/domain';
import type { HostKind } from '../../../shared/hosts';
import type { LeakCode, LeakReport } from '../../../shared/leaks';
import { gitHost } from '../../../shared/url';
import type { IndexStore } from '../vault/index-store';
import type { SecretSearchPort, TokensPort } from './ports';
import { codeFor, describeTarget, needsPassword, refOf, secretNotFound, type HostStep } from './report-words';
import { revokeAt, type Tally } from './revoke';
import { searchBySecret } from './search-by-secret';

export interface SecretResponseDeps {
  store: IndexStore;
  tokens: TokensPort;
  search: SecretSearchPort;
}

export async function respondForSecret(
  deps: SecretResponseDeps,
  host: HostKind,
  secret: string,
  seenAt: readonly string[],
  tally: Tally,
  known: LeakCode | null = null,
): Promise<{ found: LeakReport['found']; host: HostStep } | null> {
  // The token an earlier run found by its last eight characters, now given a fresh code to revoke it.
  const account = known ? (await deps.store.read()).accounts.find((candidate) => candidate.id === known.accountId && candidate.host === host) : undefined;
  if (known?.token && account) {
    const target = { account, tokenId: known.token.id, name: known.token.name, owner: { kind: 'user' as const } };
    return {
      found: { where: 'host', tokens: [refOf(target)], sentence: `Latch holds no copy of it, but the server listed it as ${describeTarget(target)}.` },
      host: await revokeAt(deps.tokens, [target], tally),
    };
  }
  const search = await searchBySecret(deps.store, deps.search, host, secret, seenAt);
  if (search === null) return null;
  if (search.deletedBy) {
    const server = gitHost(search.deletedBy.baseUrl);
    return {
      found: { where: 'host', tokens: [], sentence: `Latch holds no copy of it, but ${server} knew it as one of its tokens.` },
      host: {
        outcome: 'revoked',
        sentence: `Deleted at ${server} with the token itself: it no longer works, and anything that used it has to be given a new token.`,
        manageUrl: null,
        code: null,
        unlockAccountId: null,
        unlockAccount: null,
      },
    };
  }
  if (search.target) {
    const target = search.target;
    return {
      found: { where: 'host', tokens: [refOf(target)], sentence: `Latch holds no copy of it, but the server lists it as ${describeTarget(target)}.` },
      host: await revokeAt(deps.tokens, [target], tally),
    };
  }
  const found: LeakReport['found'] = { where: 'nowhere', tokens: [], sentence: 'Latch holds no copy of it, and did not find it among the tokens of your accounts.' };
  const [firstLocked] = search.locked;
  if (firstLocked) return { found, host: needsPassword(firstLocked, 'look among its tokens for it') };
  if (search.failures.length > 0) {
    const reasons = search.failures.map(({ account, error }) => `For ${describeAccount(account)}: ${error.message}`);
    const needsCode = search.failures.find(({ error }) => error.code === 'otp-required');
    return {
      found,
      host: {
        outcome: 'failed',
        sentence: `Latch could not look everywhere it might be, so it cannot tell whose token this is. ${reasons.join(' ')} Try again.`,
        manageUrl: null,
        code: search.failures[0]!.error.code,
        unlockAccountId: null,
        unlockAccount: null,
        ...(needsCode ? codeFor(needsCode.error, needsCode.account) : {}),
      },
    };
  }
  return { found, host: secretNotFound(host, search.searched, seenAt) };
}
