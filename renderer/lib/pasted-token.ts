// The rules of the forms where a person pastes a token made in the host's web page (Bitbucket Cloud),
// and how its expiry reads in the table. Pure, so they are tested without a browser.
//
// Days are UTC calendar days throughout: the core keeps `expiresOn` as the end of that day in UTC
// (`YYYY-MM-DDT23:59:59.000Z`) and stops offering the token to git after it.
import type { HostCapabilities } from '../../shared/hosts';
import { recognizeSecret } from '../../shared/secret-formats';

const DAY_MS = 86_400_000;

/** What the token name field starts with: what will use it, which is what the person needs to know when revoking. */
export const DEFAULT_PASTED_TOKEN_NAME = 'git on this computer';

/** Tokens expiring within this many days get a warning badge. */
export const EXPIRY_WARNING_DAYS = 14;

/** "2026-11-27" for the UTC day `now` falls on. */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** The UTC day `days` after `day` (YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  return utcDay(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS);
}

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
 * The dates the expiry field accepts. From today in UTC: a day already over there is over for git.
 * Up to the host's longest lifetime counted from the person's own today (`localToday`), as the
 * host's page counts it; no upper bound where tokens may never expire.
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

/**
 * Checks the "Expires on" field: a real date, not past, within the host's limit. Empty is allowed only
 * where tokens may never expire. Answers the sentence to show, or null when the date is fine.
 */
export function checkExpiresOn(value: string, now: number, maxDays: number | null, hostLabel: string, localToday: string = localDay(now)): string | null {
  const { min, max } = expiryDateBounds(now, maxDays, localToday);
  if (!value) return maxDays === null ? null : 'Enter the expiry date the token page showed when you created the token.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00.000Z`)) || utcDay(Date.parse(`${value}T00:00:00.000Z`)) !== value) {
    return 'Enter the expiry date as a date, for example 2027-03-31.';
  }
  if (value < min) return 'That date has passed, so the token no longer works. Create a new one and paste that.';
  if (max !== null && value > max) {
    return `${hostLabel} tokens expire within ${maxDays} days: enter a date up to ${formatDay(max)}.`;
  }
  return null;
}

/** Checks a pasted secret before it is sent anywhere. Never repeats the secret. */
export function checkPastedSecret(secret: string): string | null {
  const trimmed = secret.trim();
  if (!trimmed) return 'Paste the API token.';
  if (/\s/.test(trimmed)) return 'An API token has no spaces or line breaks: paste only the token.';
  if (recognizeSecret(trimmed).kind === 'bitbucket-cloud-app-password') {
    return 'That is an app password, and app passwords stopped working on 2026-06-09. Create an API token instead.';
  }
  return null;
}

/** Checks the Atlassian account email. */
export function checkEmail(email: string): string | null {
  const trimmed = email.trim();
  if (!trimmed) return 'Enter the email address of your Atlassian account.';
  if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) return 'Enter an email address, for example you@example.com.';
  return null;
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
export function tokenPageHost(capabilities: Pick<HostCapabilities, 'manageUrl' | 'fixedBaseUrl'>): string | null {
  if (!capabilities.manageUrl || !capabilities.fixedBaseUrl) return null;
  try {
    return new URL(capabilities.manageUrl(capabilities.fixedBaseUrl)).host;
  } catch {
    return null;
  }
}
