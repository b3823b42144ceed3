// When to try a request again, and how long to wait first. Pure, so the rules are easy to test.

export interface RetryPolicy {
  /** Total tries, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  /** No single wait is longer; a Retry-After beyond it means "give up now and tell the person". */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 10_000 };

/**
 * Only requests that change nothing, or whose repetition has the same effect, are retried. A create
 * (PUT here, POST elsewhere) is never repeated: the first one may have worked and the secret it
 * produced would then be lost. The caller reconciles instead.
 */
export function isIdempotent(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'DELETE';
}

/** A status worth repeating an idempotent request for. 401 never is: repeated failed logins lock accounts. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

/** Retry-After as milliseconds: either delta-seconds or an HTTP date. Null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/** Exponential backoff for the wait before try number `attempt + 1` (attempt counts from 1), capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}
