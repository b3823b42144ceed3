// How a pasted token (Bitbucket Cloud) reads in the form and the table. The rules a paste must follow
// are shared with the core (shared/pasted-token.ts). Pure, so they are tested without a browser.
//
// Days are UTC calendar days throughout: the core keeps `expiresOn` as the end of that day in UTC
// (`YYYY-MM-DDT23:59:59.000Z`) and stops offering the token to git after it.
import { accountCapabilities, type HostEntry } from '../../shared/hosts';
import type { Account } from '../../shared/domain';
import { displayHost } from './host';
import { addDays, utcDay } from '../../shared/browser-token';

/** What the token name field starts with: what will use it, which is what the person needs to know when revoking. */
export const DEFAULT_BROWSER_TOKEN_NAME = 'git on this computer';

/** The person's own calendar day at `now`, as the host's token page counts it. */
export function localDay(now: number): string {
  const date = new Date(now);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * What the date field offers: from today in UTC (a day already over there is over for git) up to the
 * host's longest lifetime counted from the person's own today, as the host's page counts it. Within
 * the range the shared rule accepts (shared/pasted-token.ts), which allows a day of slack for that.
 */
export function expiryDateBounds(now: number, maxDays: number | null, localToday: string = localDay(now)): { min: string; max: string | null } {
  return { min: utcDay(now), max: maxDays === null ? null : addDays(localToday, maxDays) };
}

export { formatDay } from './format';

export { expiryBadge, EXPIRY_WARNING_DAYS, type ExpiryBadge } from '../../shared/expiry';

/** "id.atlassian.com": where a hosted service's tokens are made and revoked; null where it depends on the server. */
export function tokenPageHost(capabilities: Pick<HostEntry, 'manageUrl' | 'fixedBaseUrl'>): string | null {
  if (!capabilities.manageUrl || !capabilities.fixedBaseUrl) return null;
  try {
    return new URL(capabilities.manageUrl(capabilities.fixedBaseUrl)).host;
  } catch {
    return null;
  }
}

/** An account kept with tokens made in the browser on a host that normally takes its password (Gitea with a security key). */
export function keptWithoutPassword(account: Pick<Account, 'host' | 'signIn'>): boolean {
  return account.signIn === 'api-token' && accountCapabilities(account).tokenOnly !== undefined;
}

/** Where the account's tokens are made, in words: the service's page, or the account's own server's settings. */
export function accountTokenPage(account: Pick<Account, 'host' | 'signIn' | 'baseUrl'>): string {
  if (keptWithoutPassword(account)) return `${displayHost(account.baseUrl)} (Settings → Applications)`;
  return tokenPageHost(accountCapabilities(account)) ?? 'the host’s token page';
}
