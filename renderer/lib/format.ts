// Dates and durations the way the token table and sidebar say them.
import { describeExpiry, isExpired } from '../../shared/expiry';

const DAY_MS = 86_400_000;
// One date format everywhere in the window ("8 Dec 2026" or "Dec 8, 2026", by the person's locale: the
// month always in words, so 12/08 is never read two ways): the tables, the dialogs and the date hints.
const DATE_PARTS = { year: 'numeric', month: 'short', day: 'numeric' } as const;
const dateFormat = new Intl.DateTimeFormat(undefined, DATE_PARTS);
const dayFormat = new Intl.DateTimeFormat(undefined, { ...DATE_PARTS, timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

export function formatDate(iso: string | null): string {
  return iso ? dateFormat.format(new Date(iso)) : '—';
}

/**
 * A calendar day kept in UTC (a pasted token's expiry day), or the UTC day of an ISO moment: the same
 * format as formatDate, without the local time zone moving it a day.
 */
export function formatDay(dayOrIso: string): string {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(dayOrIso) ? `${dayOrIso}T00:00:00.000Z` : dayOrIso;
  return dayFormat.format(new Date(iso));
}

/** The full date and time, for a tooltip. */
export function formatDateTime(iso: string | null): string | undefined {
  return iso ? dateTimeFormat.format(new Date(iso)) : undefined;
}

/** "today", "yesterday", "5 days ago", or the date when it is long ago. */
export function formatLastUsed(iso: string | null, now: number): string {
  if (!iso) return 'Never';
  const days = Math.floor((now - Date.parse(iso)) / DAY_MS);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (days < 60) return `${days} days ago`;
  return formatDate(iso);
}

export interface ExpiryText {
  primary: string;
  secondary: string | null;
  expired: boolean;
}

export function formatExpiry(iso: string | null, now: number): ExpiryText {
  if (!iso) return { primary: 'Never', secondary: null, expired: false };
  const expired = isExpired(iso, now);
  return { primary: formatDate(iso), secondary: expired ? 'expired' : describeExpiry(iso, now), expired };
}

/** "9 min left", "1 h 20 min left", "less than a minute left". */
export function formatTimeLeft(untilIso: string, now: number): string {
  // Rounded: the clock the UI passes in ticks every few seconds, so it may be a little behind.
  const minutes = Math.round((Date.parse(untilIso) - now) / 60_000);
  if (minutes < 1) return 'less than a minute left';
  if (minutes < 60) return `${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h left` : `${hours} h ${rest} min left`;
}

/** "PROJECT_WRITE" → "Project write". */
export function formatScope(scope: string): string {
  const match = /^(PROJECT|REPO)_(READ|WRITE|ADMIN)$/.exec(scope);
  if (!match) return scope;
  const [, kind, level] = match as unknown as [string, string, string];
  return `${kind === 'PROJECT' ? 'Project' : 'Repository'} ${level.toLowerCase()}`;
}

/** Past this age a token that never expires is worth replacing (a gentle note, no rule). */
export const OLD_TOKEN_DAYS = 365;

/** How old a token is: "made today", "5 days old", "3 months old", "1 year and 2 months old"; null without a date. */
export function formatAge(iso: string | null, now: number): string | null {
  if (!iso) return null;
  const days = Math.floor((now - Date.parse(iso)) / DAY_MS);
  if (days <= 0) return 'made today';
  if (days === 1) return '1 day old';
  if (days < 60) return `${days} days old`;
  const months = Math.floor(days / 30.44);
  if (months < 12) return `${months} months old`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const yearWords = `${years} ${years === 1 ? 'year' : 'years'}`;
  return rest === 0 ? `${yearWords} old` : `${yearWords} and ${rest} ${rest === 1 ? 'month' : 'months'} old`;
}

/** A token that never expires and is older than OLD_TOKEN_DAYS. */
export function isOldToken(iso: string | null, now: number): boolean {
  return iso !== null && now - Date.parse(iso) > OLD_TOKEN_DAYS * DAY_MS;
}
