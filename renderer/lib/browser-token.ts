// How a pasted token (Bitbucket Cloud) reads in the form and the table. The rules a paste must follow
// are shared with the core (shared/pasted-token.ts). Pure, so they are tested without a browser.
//
// Days are UTC calendar days throughout: the core keeps `expiresOn` as the end of that day in UTC
// (`YYYY-MM-DDT23:59:59.000Z`) and stops offering the token to git after it.
import { accountCapabilities, type HostEntry } from '../../shared/hosts';
import type { Account } from '../../shared/domain';
import { displayHost } from './host';
import { addDays, utcDay } from '../../shared/browser-token';

const DAY_MS = 86_400_000;

/** What the token name field starts with: what will use it, which is what the person needs to know when revoking. */
export const DEFAULT_BROWSER_TOKEN_NAME = 'git on this computer';

/** Tokens expiring within this many days get a warning badge. */
export const EXPIRY_WARNING_DAYS = 14;

/** Whole days from `from` to `to`, both YYYY-MM-DD. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS);
}

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

const dayFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "27 Nov 2026" for a YYYY-MM-DD day, or for the day (UTC) of an ISO moment. */
export function formatDay(dayOrIso: string): string {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(dayOrIso) ? `${dayOrIso}T00:00:00.000Z` : dayOrIso;
  return dayFormat.format(new Date(iso));
}

export interface ExpiryBadge {
  tone: 'warning' | 'danger';
  text: string;
}

/**
 * The badge beside a kept token's expiry: "Expired" once past, a warning in the last
 * EXPIRY_WARNING_DAYS days ("Expires today", "Expires tomorrow", "Expires in 5 days"), else none.
 */
export function expiryBadge(expiresAt: string | null, now: number): ExpiryBadge | null {
  if (!expiresAt) return null;
  if (Date.parse(expiresAt) <= now) return { tone: 'danger', text: 'Expired' };
  const days = daysBetween(utcDay(now), utcDay(Date.parse(expiresAt)));
  if (days > EXPIRY_WARNING_DAYS) return null;
  if (days <= 0) return { tone: 'warning', text: 'Expires today' };
  if (days === 1) return { tone: 'warning', text: 'Expires tomorrow' };
  return { tone: 'warning', text: `Expires in ${days} days` };
}

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
