// GitHub's wire format for the two calls Latch makes (GET /user with a token, POST /credentials/revoke),
// checked with zod, and the response headers that describe a token (hosts-next.md §3.4). Host formats
// stop here: the adapter answers in ISO dates and scope lists.
import { z } from 'zod';

/** GET /user: Latch reads login, id and name; the rest of the private-user object is ignored. */
export const wireGitHubUser = z.object({
  // Letters, digits and hyphens on github.com; an Enterprise Server's managed users add `_shortcode`.
  // Anything else (a control character, a space) is no login and never reaches a terminal.
  login: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/),
  id: z.number().int(),
  name: z.string().nullish(),
});

/** GitHub's basic-error body: {"message","documentation_url","status"}. */
const wireGitHubError = z.object({ message: z.string().nullish() });

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * X-OAuth-Scopes as a list. Absent (fine-grained and App tokens): null, Latch does not know. Present but
 * empty: a classic or OAuth token with no scopes, [] — unless the caller knows the token has none to report.
 */
export function wireScopes(headers: Record<string, string | string[] | undefined>): string[] | null {
  const value = header(headers, 'x-oauth-scopes');
  if (value === undefined) return null;
  return value
    .split(',')
    .map((scope) => scope.trim())
    .filter((scope) => scope !== '');
}

/**
 * GitHub-Authentication-Token-Expiration as an ISO instant: "2026-06-01 00:00:00 UTC" or with a numeric
 * offset, "2026-06-01 09:00:00 +0900". Null when absent (the token does not expire) or unreadable.
 */
export function wireExpiry(headers: Record<string, string | string[] | undefined>): string | null {
  const value = header(headers, 'github-authentication-token-expiration')?.trim();
  if (!value) return null;
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})\s*(?:(UTC|GMT|Z)|([+-])(\d{2}):?(\d{2}))$/i.exec(value);
  if (!match) return null;
  const [, date, time, utc, sign, hours, minutes] = match;
  const zone = utc ? 'Z' : `${sign}${hours}:${minutes}`;
  const instant = Date.parse(`${date}T${time}${zone}`);
  return Number.isNaN(instant) ? null : new Date(instant).toISOString();
}

/** Whether a refusal is GitHub's rate limit (403 or 429 with nothing left, or a Retry-After) rather than a refusal of the caller. */
export function isRateLimited(status: number, headers: Record<string, string | string[] | undefined>): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  return header(headers, 'x-ratelimit-remaining') === '0' || header(headers, 'retry-after') !== undefined;
}

/**
 * How long GitHub asked to be left alone, in ms: Retry-After (seconds or a date), else x-ratelimit-reset
 * (epoch seconds). Null when neither says.
 */
export function wireRetryAfterMs(headers: Record<string, string | string[] | undefined>, now: number): number | null {
  const retryAfter = header(headers, 'retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = header(headers, 'x-ratelimit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
  return null;
}

/** Anything in a host's words that looks like a GitHub token is cut out before Latch repeats them. */
const TOKEN_LIKE = /\b(?:github_pat_[A-Za-z0-9_]+|gh[pousr]_[A-Za-z0-9]+)/g;

/** GitHub's own message, without anything token-like and trimmed to a length a sentence can carry; null when it said nothing. */
export function githubMessage(body: unknown, secret?: string): string | null {
  const parsed = wireGitHubError.safeParse(body);
  let message = parsed.success ? (parsed.data.message ?? '') : '';
  if (secret && secret.trim() !== '') message = message.split(secret.trim()).join('[the token]');
  message = message.replace(TOKEN_LIKE, '[a token]').replace(/\s+/g, ' ').trim();
  if (message === '') return null;
  return message.length > 300 ? `${message.slice(0, 297)}...` : message;
}
