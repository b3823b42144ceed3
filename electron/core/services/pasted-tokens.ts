// Tokens made in a host's web page and pasted into Latch (Bitbucket Cloud's Atlassian API tokens):
// the checks Latch can make before asking the host, and the local record it keeps for one. The
// secret is never quoted back: a person who pasted the wrong thing must not see it echoed.
import { randomBytes } from 'node:crypto';
import type { HostCapabilities } from '../../../shared/hosts';
import type { PastedToken } from '../../../shared/ipc';
import { tokenNameSchema } from '../../../shared/ipc-schemas';
import { LatchError } from '../../../shared/result';
import { recognizeSecret } from '../../../shared/secret-formats';
import { isLoopbackHost, normalizeBaseUrl } from '../../../shared/url';
import type { HostToken } from '../hosts/adapter';
import type { StoredToken } from '../vault/types';

const DAY_MS = 86_400_000;
const TOKEN_PAGE = 'id.atlassian.com (Account settings, Security, API tokens)';

/** A pasted token that passed the local checks; `expiresAt` is the end of its last day (UTC). */
export interface CheckedPaste {
  name: string;
  secret: string;
  expiresAt: string | null;
}

/** The host's one fixed address, or loopback (a stand-in on this machine, for tests). */
export function checkFixedBaseUrl(input: string, capabilities: HostCapabilities): string {
  const baseUrl = normalizeBaseUrl(input);
  const fixed = capabilities.fixedBaseUrl;
  if (fixed === null || baseUrl === fixed || isLoopbackHost(new URL(baseUrl).hostname)) return baseUrl;
  throw new LatchError('validation', `${capabilities.label} is at ${fixed}; use that address for a ${capabilities.label} account.`);
}

/** The Atlassian account email, trimmed; Bitbucket Cloud's API takes no username with an API token. */
export function checkEmail(input: string): string {
  const email = input.trim();
  if (email === '') throw new LatchError('validation', 'Enter your Atlassian account email.');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new LatchError(
      'validation',
      'Enter your Atlassian account email (the one you sign in to id.atlassian.com with): Bitbucket does not take your username with an API token.',
    );
  }
  return email;
}

/** The expiry date the host's page showed, as the end of that day (UTC); refused when impossible for the host. */
export function checkExpiresOn(expiresOn: string | null, capabilities: HostCapabilities, now: number): string | null {
  const maxDays = capabilities.maxTokenDays;
  if (expiresOn === null) {
    if (maxDays === null) return null;
    throw new LatchError(
      'validation',
      `${capabilities.label} API tokens always expire: enter the expiry date the page showed when you created the token.`,
    );
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expiresOn);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const start = Date.UTC(year, month - 1, day);
  const date = new Date(start);
  if (!match || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new LatchError('validation', 'The expiry date is not a real date: enter it as YYYY-MM-DD, for example 2027-03-31.');
  }
  const end = start + DAY_MS - 1000;
  if (end <= now) {
    throw new LatchError('validation', `That token expired on ${expiresOn}; create a new one at ${TOKEN_PAGE} and paste that.`);
  }
  if (maxDays !== null) {
    const today = Math.floor(now / DAY_MS) * DAY_MS;
    // One day of slack: the page counts days in the person's own time zone, Latch in UTC.
    if (start > today + (maxDays + 1) * DAY_MS) {
      throw new LatchError(
        'validation',
        `${capabilities.label} tokens live at most ${maxDays} days, so ${expiresOn} cannot be this token's expiry date. Enter the date the page showed.`,
      );
    }
  }
  return `${expiresOn}T23:59:59.000Z`;
}

/** The secret as pasted, without the whitespace copying adds; kinds Latch cannot keep are named, not sent. */
export function checkSecret(input: string): string {
  const secret = input.trim();
  if (secret === '') throw new LatchError('validation', 'Paste the API token.');
  const kind = recognizeSecret(secret).kind;
  if (kind === 'bitbucket-cloud-app-password') {
    throw new LatchError(
      'validation',
      `That is a Bitbucket app password; app passwords stopped working on 2026-06-09. Create an API token with scopes at ${TOKEN_PAGE} and paste that.`,
    );
  }
  if (kind === 'bitbucket-cloud-access-token') {
    throw new LatchError(
      'validation',
      `That is a repository, project or workspace access token; Latch keeps your own API token with scopes, made at ${TOKEN_PAGE}.`,
    );
  }
  return secret;
}

export function checkPaste(token: PastedToken, capabilities: HostCapabilities, now: number): CheckedPaste {
  const name = tokenNameSchema.safeParse(token.name.trim());
  if (!name.success) throw new LatchError('validation', name.error.issues[0]?.message ?? 'Give the token a name.');
  return { name: name.data, secret: checkSecret(token.secret), expiresAt: checkExpiresOn(token.expiresOn, capabilities, now) };
}

/** The token as Latch records it: a local id, since the host gives none it would ever list. */
export function pastedHostToken(paste: CheckedPaste, now: number): HostToken {
  return {
    id: `pasted-${randomBytes(6).toString('hex')}`,
    name: paste.name,
    scopes: [],
    createdAt: new Date(now).toISOString(),
    expiresAt: paste.expiresAt,
    lastUsedAt: null,
    owner: { kind: 'user' },
  };
}

/** Newest first, as the host's own lists are. */
export function newestFirst(a: StoredToken, b: StoredToken): number {
  return (Date.parse(b.createdAt ?? '') || 0) - (Date.parse(a.createdAt ?? '') || 0);
}

export const BROWSER_TOKEN_PAGE = TOKEN_PAGE;
