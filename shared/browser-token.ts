// The rules for a token made in a host's web page and pasted into Latch (Bitbucket Cloud's Atlassian
// API tokens): one set, used by the form as the person types and by the core before it asks the host.
// Each answers the sentence to show, or null when the value is fine. A secret is never quoted back.
import type { HostEntry } from './hosts';
import { recognizeSecret } from './secret-formats';

const DAY_MS = 86_400_000;
export const TOKEN_PAGE_WORDS = 'id.atlassian.com (Account settings, Security, API tokens)';

/** "2026-11-27" for the UTC day `now` falls on. */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** The UTC day `days` after `day` (YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  return utcDay(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS);
}

/**
 * The dates an expiry may be: from today (UTC; a day already over there is over for git) to the
 * host's longest lifetime plus one day, since the host's page counts days in the person's own time
 * zone. No upper bound where tokens may never expire.
 */
export function expiryBounds(now: number, maxDays: number | null): { min: string; max: string | null } {
  const today = utcDay(now);
  return { min: today, max: maxDays === null ? null : addDays(today, maxDays + 1) };
}

/** A real calendar day written YYYY-MM-DD (2027-02-29 is not one). */
export function isCalendarDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00.000Z`)) && utcDay(Date.parse(`${text}T00:00:00.000Z`)) === text;
}

/** The moment a token with this expiry date stops being offered to git: the end of that day, UTC. */
export function endOfDay(day: string): string {
  return `${day}T23:59:59.000Z`;
}

export function expiryProblem(expiresOn: string | null, host: Pick<HostEntry, 'label' | 'maxTokenDays'>, now: number): string | null {
  const { min, max } = expiryBounds(now, host.maxTokenDays);
  if (expiresOn === null || expiresOn === '') {
    return host.maxTokenDays === null ? null : `${host.label} API tokens always expire: enter the expiry date the page showed when you created the token.`;
  }
  if (!isCalendarDay(expiresOn)) {
    return 'The expiry date is not a real date: enter it as YYYY-MM-DD, for example 2027-03-31.';
  }
  if (expiresOn < min) return `That token expired on ${expiresOn}; create a new one at ${TOKEN_PAGE_WORDS} and paste that.`;
  if (max !== null && expiresOn > max) {
    return `${host.label} tokens live at most ${host.maxTokenDays} days, so ${expiresOn} cannot be this token's expiry date. Enter the date the page showed.`;
  }
  return null;
}

/** The Atlassian account email: Bitbucket Cloud's API takes no username with an API token. */
export function emailProblem(input: string): string | null {
  const email = input.trim();
  if (email === '') return 'Enter your Atlassian account email.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    return 'Enter your Atlassian account email (the one you sign in to id.atlassian.com with): Bitbucket does not take your username with an API token.';
  }
  return null;
}

/** The secret as pasted (surrounding whitespace is the copy's, not the token's); kinds Latch cannot keep are named. */
export function secretProblem(input: string): string | null {
  const secret = input.trim();
  if (secret === '') return 'Paste the API token.';
  if (/\s/.test(secret)) return 'An API token has no spaces or line breaks: paste only the token.';
  const kind = recognizeSecret(secret).kind;
  if (kind === 'bitbucket-cloud-app-password') {
    return `That is a Bitbucket app password; app passwords stopped working on 2026-06-09. Create an API token with scopes at ${TOKEN_PAGE_WORDS} and paste that.`;
  }
  if (kind === 'bitbucket-cloud-access-token') {
    return `That is a repository, project or workspace access token; Latch keeps your own API token with scopes, made at ${TOKEN_PAGE_WORDS}.`;
  }
  return null;
}

/**
 * The name is written to disk and shown everywhere, so it must never be the token itself, pasted into
 * the wrong field: the token, one containing it, or anything shaped like an Atlassian secret.
 */
export function nameProblem(name: string, secret: string): string | null {
  const trimmedName = name.trim();
  const trimmedSecret = secret.trim();
  const holdsSecret = trimmedSecret !== '' && trimmedName.includes(trimmedSecret);
  const kind = recognizeSecret(trimmedName).kind;
  const atlassianShaped = kind === 'atlassian-api-token' || kind === 'bitbucket-cloud-app-password' || kind === 'bitbucket-cloud-access-token';
  if (holdsSecret || atlassianShaped) {
    return 'That looks like the token itself. Give the name you chose for it on the token page (the name is saved and shown; the token never is).';
  }
  return null;
}
