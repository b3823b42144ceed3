// Tokens made in a host's web page and pasted into Latch (Bitbucket Cloud's Atlassian API tokens):
// the checks Latch can make before asking the host, and the local record it keeps for one. The
// secret is never quoted back: a person who pasted the wrong thing must not see it echoed.
import { randomBytes } from 'node:crypto';
import type { HostEntry } from '../../../shared/hosts';
import type { BrowserToken } from '../../../shared/domain';
import { checkTokenName } from '../../../shared/schemas';
import { LatchError } from '../../../shared/result';
import { emailProblem, endOfDay, expiryProblem, nameProblem, secretProblem } from '../../../shared/browser-token';
import type { HostAdapter, HostIdentity, HostToken } from '../hosts/adapter';
import { TransportError } from '../http/transport-errors';
import type { StoredToken } from '../vault/types';

/** A pasted token that passed the local checks; `expiresAt` is the end of its last day (UTC). */
export interface CheckedBrowserToken {
  name: string;
  secret: string;
  expiresAt: string | null;
}

/** The Atlassian account email, trimmed; Bitbucket Cloud's API takes no username with an API token. */
export function checkEmail(input: string): string {
  refuse(emailProblem(input));
  return input.trim();
}

/** The expiry date the host's page showed, as the moment git stops getting the token; refused when impossible for the host. */
export function checkExpiresOn(expiresOn: string | null, capabilities: HostEntry, now: number): string | null {
  refuse(expiryProblem(expiresOn, capabilities, now));
  return expiresOn === null ? null : endOfDay(expiresOn);
}

/** The secret as pasted, without the whitespace copying adds; kinds Latch cannot keep are named, not sent. */
export function checkSecret(input: string): string {
  refuse(secretProblem(input));
  return input.trim();
}

function refuse(problem: string | null): void {
  if (problem !== null) throw new LatchError('validation', problem);
}

export function checkBrowserToken(token: BrowserToken, capabilities: HostEntry, now: number): CheckedBrowserToken {
  const name = checkTokenName(token.name);
  if (!name.ok) throw new LatchError('validation', name.problem);
  refuse(nameProblem(name.name, token.secret));
  // Where the host reports the expiry (GitHub, GitLab), nothing typed is checked: the host's answer replaces it.
  const expiresAt = capabilities.browserToken?.expiry === 'reported' ? null : checkExpiresOn(token.expiresOn, capabilities, now);
  return { name: name.name, secret: checkSecret(token.secret), expiresAt };
}

/** The token as Latch records it: a local id, since the host gives none it would ever list. */
export function browserHostToken(paste: CheckedBrowserToken, now: number): HostToken {
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

/**
 * Asks the host whose a pasted token is. Where the host reports expiry and scopes (GitHub), they come
 * from its answer, never from what was typed; elsewhere (Bitbucket Cloud) the checked paste gives them.
 */
export async function identifyBrowserToken(
  adapter: HostAdapter,
  capabilities: HostEntry,
  paste: CheckedBrowserToken,
  username: string,
  now: number,
  /** The account's management token (GitLab), which can say whose a git-only token is. */
  management?: string,
): Promise<{ identity: HostIdentity; token: HostToken }> {
  try {
    return await askWhose(adapter, capabilities, paste, username, now, management);
  } catch (error) {
    throw withoutAddressAdvice(error, capabilities);
  }
}

/**
 * A hosted service the person typed no address for (Bitbucket Cloud): "check the address" would send
 * them looking for a field they never filled in. The network is what to check.
 */
function withoutAddressAdvice(error: unknown, capabilities: HostEntry): unknown {
  if (!(error instanceof TransportError) || capabilities.fixedBaseUrl === null || error.code === 'tls') return error;
  const where = new URL(capabilities.fixedBaseUrl).host;
  const sentence =
    error.code === 'timeout'
      ? `${capabilities.label} (${where}) did not answer in time. Check your internet connection, VPN or proxy, and try again.`
      : `Could not reach ${capabilities.label} (${where}). Check your internet connection, VPN or proxy, and try again.`;
  return new TransportError(error.code === 'timeout' ? 'timeout' : 'network', sentence, error.mayHaveReachedServer, error.transient);
}

async function askWhose(
  adapter: HostAdapter,
  capabilities: HostEntry,
  paste: CheckedBrowserToken,
  username: string,
  now: number,
  management: string | undefined,
): Promise<{ identity: HostIdentity; token: HostToken }> {
  const token = browserHostToken(paste, now);
  if (capabilities.browserToken?.expiry === 'reported' && adapter.inspectToken) {
    const inspection = await adapter.inspectToken(paste.secret, management === undefined ? undefined : { username, password: management });
    // Where the host names the token (GitLab), its id and name are the host's, not a local stand-in and what was typed.
    return {
      identity: inspection.identity,
      token: { ...token, id: inspection.tokenId ?? token.id, name: inspection.name ?? token.name, scopes: inspection.scopes ?? [], expiresAt: inspection.expiresAt },
    };
  }
  return { identity: await adapter.verify({ username, password: paste.secret }), token };
}
