// Which account a reference names: its id, `username@host`, or a username unique among the accounts.
// Pure, so the accounts service and the CLI's small start-up path (cli/latch-fast.ts) share one rule.
import type { Account } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import { gitHost } from '../../../shared/url';

export function resolveAccountRef(accounts: readonly Account[], ref: string): Account {
  const wanted = ref.trim();
  const byId = accounts.find((account) => account.id === wanted);
  if (byId) return byId;
  // Compare whole `username@host` strings: usernames may themselves contain '@'.
  const byFullName = accounts.filter((account) => `${account.username}@${gitHost(account.baseUrl)}`.toLowerCase() === wanted.toLowerCase());
  const matches = byFullName.length > 0 ? byFullName : accounts.filter((account) => account.username.toLowerCase() === wanted.toLowerCase());
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new LatchError('not-found', `Latch has no account "${wanted}". List them with: latch account list`);
  }
  const names = matches.map((account) => `${account.username}@${gitHost(account.baseUrl)}`).join(', ');
  throw new LatchError('validation', `"${wanted}" matches ${matches.length} accounts (${names}); name one as username@host or by its id.`);
}
