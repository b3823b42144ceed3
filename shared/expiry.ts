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

/** "in 3 days", "expired", "never" — for the token table. */
export function describeExpiry(expires: string | null, now: number = Date.now()): string {
  if (!expires) return 'never';
  const days = Math.ceil((Date.parse(expires) - now) / DAY_MS);
  if (days <= 0) return 'expired';
  if (days === 1) return 'in 1 day';
  return `in ${days} days`;
}
