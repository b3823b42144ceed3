// The host table: one entry per host, each in its own file beside this one. What a host can and cannot
// do by API, how Latch signs in, what git expects and what its secrets look like are read from here by
// the core, the CLI, the credential helper and the renderer; nothing else switches on a host's name.
import { LatchError } from '../result';
import { isLoopbackHost, normalizeBaseUrl } from '../url';
import { bitbucketCloud } from './bitbucket-cloud';
import { bitbucketDataCenter } from './bitbucket-datacenter';
import { gitea } from './gitea';
import { github } from './github';
import { gitlab } from './gitlab';
import type { HostEntry } from './types';
import { NAMESPACE_PATH_PATTERN, PROJECT_KEY_PATTERN, type TokenOwner } from '../owners';

export const HOSTS = {
  'bitbucket-datacenter': bitbucketDataCenter,
  'bitbucket-cloud': bitbucketCloud,
  github,
  gitea,
  gitlab,
} as const satisfies Record<string, HostEntry>;

export type HostKind = keyof typeof HOSTS;
export const HOST_KINDS = Object.keys(HOSTS) as [HostKind, ...HostKind[]];

export type { BrowserTokenFlow, HostEntry, RestAuth, SecretFormat, TokenOnlyEntry } from './types';

/**
 * What Latch can do for one account: the host's entry, or, for an account kept without a password
 * (`signIn: 'api-token'` on a host that normally takes one), the entry with the host's token-only facts.
 */
export function accountCapabilities(account: { host: HostKind; signIn?: 'api-token' }): HostEntry {
  const entry: HostEntry = HOSTS[account.host];
  if (account.signIn !== 'api-token' || entry.signIn === 'api-token' || !entry.tokenOnly) return entry;
  return { ...entry, ...entry.tokenOnly, signIn: 'api-token', twoFactor: false };
}

/**
 * Whether Latch offers to revoke this account's tokens with their own secret: where the host allows it,
 * and on the server as recorded when the account was added (Gitea from 1.27 only). The revoke itself
 * still asks the server, which may have been upgraded since.
 */
export function revokesBySecret(account: { host: HostKind; signIn?: 'api-token'; server?: string }): boolean {
  const capabilities = accountCapabilities(account);
  return capabilities.revokeBySecret && (capabilities.revokeBySecretOn?.(account.server ?? null) ?? true);
}

/**
 * The page where a person manages tokens by hand, for a server (null for hosts with one fixed address).
 * Only from a server address that passes `normalizeBaseUrl`, and only an absolute https:// page (or
 * http:// on this machine): nothing else is ever handed to the system's browser.
 */
export function managePageUrl(host: HostKind, baseUrl: string | null, newToken?: { kind: 'classic' | 'fine-grained'; name: string }): string {
  const entry: HostEntry = HOSTS[host];
  const manageUrl = entry.manageUrl;
  if (!manageUrl) throw new LatchError('unsupported', `${HOSTS[host].label} has no page for managing tokens.`);
  const server = baseUrl === null ? '' : normalizeBaseUrl(baseUrl);
  let url: URL;
  try {
    // The prefilled page where the host has one, else its token list.
    const pages = newToken && entry.newTokenPages ? entry.newTokenPages(server, newToken.name) : null;
    const page = pages ? (newToken?.kind === 'fine-grained' ? pages.fineGrained : pages.classic) : manageUrl(server);
    url = new URL(page);
  } catch {
    throw new LatchError('validation', `Enter the ${HOSTS[host].label} server address first.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new LatchError('insecure-url', 'Latch opens only https:// pages in your browser.');
  }
  return url.href;
}

/**
 * The server of a hosted service: its one address, or this machine (a stand-in, for tests). Anything
 * else is refused, so a token for the service is never sent to some other server. Hosts that each
 * company runs itself take any address `normalizeBaseUrl` accepts.
 */
export function serviceBaseUrl(input: string, capabilities: Pick<HostEntry, 'label' | 'fixedBaseUrl'>): string {
  const baseUrl = normalizeBaseUrl(input);
  const fixed = capabilities.fixedBaseUrl;
  if (fixed === null || baseUrl === fixed || isLoopbackHost(new URL(baseUrl).hostname)) return baseUrl;
  throw new LatchError('validation', `${capabilities.label} is at ${fixed}; use that address for a ${capabilities.label} account.`);
}

/** Why this host cannot have tokens of this owner (a kind it has not, or a name it would not take), or null. */
export function ownerProblem(host: HostKind, owner: TokenOwner): string | null {
  const entry: HostEntry = HOSTS[host];
  if (!entry.owners.includes(owner.kind)) return `${entry.label} has no ${owner.kind} tokens Latch can manage.`;
  if (owner.kind === 'user') return null;
  if (entry.ownerPaths === 'namespace') {
    const path = owner.kind === 'group' ? owner.groupPath : owner.kind === 'project' ? owner.projectKey : null;
    if (path === null || !NAMESPACE_PATH_PATTERN.test(path)) {
      return `Name the ${owner.kind} by its full path as ${entry.label} shows it, for example group/subgroup${owner.kind === 'project' ? '/project' : ''}.`;
    }
    return null;
  }
  if (owner.kind === 'group' || !PROJECT_KEY_PATTERN.test(owner.projectKey)) {
    return `${entry.label} names a project by its key: letters, digits, _, ~ or -, with no slash.`;
  }
  return null;
}

/** How far a token's scopes let git go with a repository on this host: 0 (unknown) to 3 (admin). */
export function repoAccess(host: HostKind, scopes: readonly string[]): number {
  const ranks: HostEntry['repoAccess'] = HOSTS[host].repoAccess;
  return Math.max(0, ...scopes.map((scope) => (Object.hasOwn(ranks, scope) ? ranks[scope]! : 0)));
}
