// Dates and durations the way the token table and sidebar say them.
import { describeExpiry, isExpired } from '../../shared/expiry';

const DAY_MS = 86_400_000;
const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

export function formatDate(iso: string | null): string {
  return iso ? dateFormat.format(new Date(iso)) : '—';
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
