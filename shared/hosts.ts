// What each host can and cannot do by API (facts: shared reference hosts.md, November 2026).
// The UI reads these to say plainly what must happen in a browser instead.
import type { HostKind, TokenOwner } from './domain';
import { LatchError } from './result';
import { isLoopbackHost, normalizeBaseUrl } from './url';

export type RestAuth = 'basic' | 'bearer' | 'token-header' | 'private-token';

export interface HostCapabilities {
  kind: HostKind;
  label: string;
  createByApi: boolean;
  listByApi: boolean;
  revokeByApi: boolean;
  rotateByApi: boolean;
  /** Token owners the API can manage. */
  owners: TokenOwner['kind'][];
  /** How token management authenticates. */
  managementAuth: string;
  /**
   * How Latch checks an account: with its password (which also manages tokens), or, on a host with
   * no token API, with an API token the person made in the browser and pastes in (no password kept).
   */
  signIn: 'password' | 'api-token';
  /** The one server of a hosted service (git's host for it); null where each company runs its own. */
  fixedBaseUrl: string | null;
  /** How long the host lets a token live, in days; null when it may never expire. */
  maxTokenDays: number | null;
  /** How scopes are chosen when creating a token. */
  scopeModel: 'bitbucket-datacenter-levels' | 'named-scopes' | 'none';
  /** Which username git sends with a token of this owner kind; null = Bearer only. */
  gitUsername: (owner: TokenOwner, account: { userSlug: string }) => string | null;
  restAuth: RestAuth;
  /** Shown in the UI where the API stops. */
  limitation: string | null;
  /** Where a person creates or revokes tokens by hand. */
  manageUrl: ((baseUrl: string) => string) | null;
  /** Has Latch an adapter for it yet. */
  implemented: boolean;
}

export const HOST_CAPABILITIES: Record<HostKind, HostCapabilities> = {
  'bitbucket-datacenter': {
    kind: 'bitbucket-datacenter',
    label: 'Bitbucket Data Center',
    createByApi: true,
    listByApi: true,
    revokeByApi: true,
    rotateByApi: false,
    owners: ['user', 'project', 'repository'],
    managementAuth: 'Your account password (a token cannot manage tokens).',
    signIn: 'password',
    fixedBaseUrl: null,
    maxTokenDays: null,
    scopeModel: 'bitbucket-datacenter-levels',
    // Project and repository tokens are accepted only as Bearer tokens.
    gitUsername: (owner, account) => (owner.kind === 'user' ? account.userSlug : null),
    restAuth: 'bearer',
    limitation: 'No rotation by API: create a new token, then revoke the old one. An expiry cannot be changed once set.',
    manageUrl: (baseUrl) => `${baseUrl}/plugins/servlet/access-tokens/manage`,
    implemented: true,
  },
  'bitbucket-cloud': {
    kind: 'bitbucket-cloud',
    label: 'Bitbucket Cloud',
    createByApi: false,
    listByApi: false,
    revokeByApi: false,
    rotateByApi: false,
    owners: ['user'],
    managementAuth: 'Browser only (id.atlassian.com).',
    signIn: 'api-token',
    fixedBaseUrl: 'https://bitbucket.org',
    maxTokenDays: 365,
    scopeModel: 'named-scopes',
    gitUsername: () => 'x-bitbucket-api-token-auth',
    restAuth: 'basic',
    limitation:
      'Bitbucket Cloud has no API to create, list or revoke tokens, and app passwords stopped working on 2026-06-09. ' +
      'Create an Atlassian API token with scopes in your browser (read:user:bitbucket lets Latch check whose it is; ' +
      'read:repository:bitbucket and write:repository:bitbucket let git fetch and push), then paste it here: ' +
      'Latch keeps it in the keychain for git until it expires. Revoke it in the browser.',
    manageUrl: () => 'https://id.atlassian.com/manage-profile/security/api-tokens',
    implemented: true,
  },
  gitea: {
    kind: 'gitea',
    label: 'Gitea / Forgejo',
    createByApi: true,
    listByApi: true,
    revokeByApi: true,
    rotateByApi: false,
    owners: ['user'],
    managementAuth: 'Your account password (plus a one-time code with 2FA).',
    signIn: 'password',
    fixedBaseUrl: null,
    maxTokenDays: null,
    scopeModel: 'named-scopes',
    gitUsername: (_owner, account) => account.userSlug,
    restAuth: 'token-header',
    limitation: null,
    manageUrl: (baseUrl) => `${baseUrl}/user/settings/applications`,
    implemented: false,
  },
  gitlab: {
    kind: 'gitlab',
    label: 'GitLab',
    createByApi: true,
    listByApi: true,
    revokeByApi: true,
    rotateByApi: true,
    owners: ['project'],
    managementAuth: 'A personal access token with the api scope.',
    signIn: 'api-token',
    fixedBaseUrl: null,
    maxTokenDays: 365,
    scopeModel: 'named-scopes',
    gitUsername: () => 'oauth2',
    restAuth: 'private-token',
    limitation: 'Personal access tokens can only be created in the browser; project and group tokens by API.',
    manageUrl: (baseUrl) => `${baseUrl}/-/user_settings/personal_access_tokens`,
    implemented: false,
  },
};

/**
 * The page where a person manages tokens by hand, for a server (null for hosts with one fixed address).
 * Only from a server address that passes `normalizeBaseUrl`, and only an absolute https:// page (or
 * http:// on this machine): nothing else is ever handed to the system's browser.
 */
export function managePageUrl(host: HostKind, baseUrl: string | null): string {
  const manageUrl = HOST_CAPABILITIES[host].manageUrl;
  if (!manageUrl) throw new LatchError('unsupported', `${HOST_CAPABILITIES[host].label} has no page for managing tokens.`);
  const page = manageUrl(baseUrl === null ? '' : normalizeBaseUrl(baseUrl));
  let url: URL;
  try {
    url = new URL(page);
  } catch {
    throw new LatchError('validation', `Enter the ${HOST_CAPABILITIES[host].label} server address first.`);
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
export function serviceBaseUrl(input: string, capabilities: Pick<HostCapabilities, 'label' | 'fixedBaseUrl'>): string {
  const baseUrl = normalizeBaseUrl(input);
  const fixed = capabilities.fixedBaseUrl;
  if (fixed === null || baseUrl === fixed || isLoopbackHost(new URL(baseUrl).hostname)) return baseUrl;
  throw new LatchError('validation', `${capabilities.label} is at ${fixed}; use that address for a ${capabilities.label} account.`);
}
