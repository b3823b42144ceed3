// `latch doctor`'s word on which stored token git gets for each account, as the credential helper picks
// it: the person's choice ("Use for git") or the one reaching highest on repositories. A read-only pick
// is a warning, since git sends no `erase` on a refused push and nothing would recover.
import { describeAccount, type Account } from '../../../shared/domain';
import { gitHost } from '../../../shared/url';
import { shellQuote } from './helper-command';
import { repoAccess } from '../../../shared/hosts';
import { tokenForAccount } from '../credential/match';
import type { StoredToken } from '../vault/types';

/** One of doctor's findings (its shape, without importing doctor, which imports this). */
export interface GitTokenFinding {
  check: 'git-token';
  status: 'ok' | 'warning';
  message: string;
  fix: string | null;
}

export function gitTokenFindings(accounts: readonly Account[], storedTokens: readonly StoredToken[], now: number): GitTokenFinding[] {
  const findings: GitTokenFinding[] = [];
  for (const account of accounts) {
    if (!storedTokens.some((token) => token.accountId === account.id)) continue;
    const token = tokenForAccount(account, { accounts, storedTokens }, now);
    const who = describeAccount(account);
    const choose = `latch token use --account ${shellQuote(`${account.username}@${gitHost(account.baseUrl)}`)} TOKEN_ID`;
    if (!token) {
      findings.push({
        check: 'git-token',
        status: 'warning',
        message: `Latch keeps tokens for ${who}, but none git can use now (each has expired or was rejected by the host).`,
        fix: 'Create or add a new token for this account and keep it in Latch.',
      });
      continue;
    }
    const permissions = token.scopes.length > 0 ? token.scopes.join(', ') : 'permissions not reported';
    const why = token.useForGit === true ? 'you chose it' : 'Latch chose the stored token reaching highest on repositories';
    const readOnly = repoAccess(account.host, token.scopes) === 1;
    findings.push({
      check: 'git-token',
      status: readOnly ? 'warning' : 'ok',
      message:
        `git gets "${token.name}" (id ${token.tokenId}, ${permissions}) for ${who}: ${why}.` +
        (readOnly ? ' It can only read, so git push will be refused.' : ''),
      fix: readOnly ? `Keep a token that can write, or choose one with: ${choose}` : null,
    });
  }
  return findings;
}
