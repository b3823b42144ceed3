// Searching every account at once: accounts by name and host, tokens by name, id and permission, in
// whatever token lists the window has loaded. Pure, so the rules are tested without a browser.
import type { AccessToken, AccountView } from '../../shared/domain';
import { HOSTS } from '../../shared/hosts';
import { displayHost } from './host';
import { formatScope } from './format';

export type SearchHit =
  | { kind: 'account'; account: AccountView }
  | { kind: 'token'; account: AccountView; token: AccessToken };

/** At most this many hits are shown: a longer list is narrowed by typing more. */
export const MAX_HITS = 50;

/** Every word of the query must appear in one of the item's fields (case and surrounding spaces ignored). */
function matches(fields: readonly string[], words: readonly string[]): boolean {
  const text = fields.join('\n').toLocaleLowerCase();
  return words.every((word) => text.includes(word));
}

export function searchEverything(query: string, accounts: readonly AccountView[], tokensOf: (accountId: string) => readonly AccessToken[]): SearchHit[] {
  const words = query.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const account of accounts) {
    const where = [account.username, account.displayName, displayHost(account.baseUrl), HOSTS[account.host].label];
    if (matches(where, words)) hits.push({ kind: 'account', account });
    for (const token of tokensOf(account.id)) {
      const fields = [token.name, token.id, ...token.scopes, ...token.scopes.map(formatScope), ...where];
      if (matches(fields, words)) hits.push({ kind: 'token', account, token });
    }
  }
  return hits.slice(0, MAX_HITS);
}
