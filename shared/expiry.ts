export const MAX_EXPIRY_DAYS = 3650;
/** How long a new token lives unless the person says otherwise, in the app and the CLI alike. */
export const DEFAULT_EXPIRY_DAYS = 90;
const DAY_MS = 86_400_000;

/** The moment a token created at `createdAt` with `expiryDays` stops working, ISO 8601; null if it never expires. */
export function expiresAt(createdAt: string | null, expiryDays: number | null | undefined): string | null {
  if (!createdAt || expiryDays == null) return null;
  return new Date(Date.parse(createdAt) + expiryDays * DAY_MS).toISOString();
}

export function isExpired(expires: string | null, now: number = Date.now()): boolean {
  return expires !== null && Date.parse(expires) <= now;
}

/** Tokens expiring within this many days get a warning badge on every host's rows, and count in the tray. */
export const EXPIRY_WARNING_DAYS = 14;

const utcDayStart = (at: number): number => Math.floor(at / DAY_MS) * DAY_MS;

/**
 * Whole calendar days (UTC) from today to the day the token expires: 0 on that day, 1 the day before.
 * The one count behind every "in N days" (table, badge, reveal, reminders), so one date reads the same
 * everywhere. Check isExpired first: a token expiring later today is not yet expired.
 */
export function daysLeft(expires: string, now: number = Date.now()): number {
  return Math.round((utcDayStart(Date.parse(expires)) - utcDayStart(now)) / DAY_MS);
}

/** "in 3 days", "tomorrow", "today", "expired", "never" — for the token table. */
export function describeExpiry(expires: string | null, now: number = Date.now()): string {
  if (!expires) return 'never';
  if (isExpired(expires, now)) return 'expired';
  const days = daysLeft(expires, now);
  if (days <= 0) return 'today';
  if (days === 1) return 'in 1 day';
  return `in ${days} days`;
}

export interface ExpiryBadge {
  tone: 'warning' | 'danger';
  text: string;
}

/**
 * The badge beside a token's expiry, on every host's rows: "Expired" once past, a warning in the last
 * EXPIRY_WARNING_DAYS days ("Expires today", "Expires tomorrow", "Expires in 5 days"), else none.
 */
export function expiryBadge(expires: string | null, now: number): ExpiryBadge | null {
  if (!expires) return null;
  if (isExpired(expires, now)) return { tone: 'danger', text: 'Expired' };
  const days = daysLeft(expires, now);
  if (days > EXPIRY_WARNING_DAYS) return null;
  if (days <= 0) return { tone: 'warning', text: 'Expires today' };
  if (days === 1) return { tone: 'warning', text: 'Expires tomorrow' };
  return { tone: 'warning', text: `Expires in ${days} days` };
}
