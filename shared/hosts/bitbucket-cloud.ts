// Bitbucket Cloud: no token API at all. Atlassian API tokens are made at id.atlassian.com and given to
// Latch, which keeps them for git; app passwords stopped working on 2026-06-09 (shared reference hosts.md).
import type { HostEntry } from './types';

export const bitbucketCloud: HostEntry = {
  label: 'Bitbucket Cloud',
  glyph: { letters: 'BC', light: '#0747a6', dark: '#2a5fb8' },
  createByApi: false,
  listByApi: false,
  revokeByApi: false,
  rotateByApi: false,
  revokeBySecret: false,
  owners: ['user'],
  managementAuth: 'Browser only (id.atlassian.com).',
  signIn: 'api-token',
  twoFactor: false,
  browserToken: {
    pageWords: 'id.atlassian.com (Account settings, Security, API tokens)',
    email: true,
    expiry: 'typed',
    tokenWords: 'API token',
  },
  fixedBaseUrl: 'https://bitbucket.org',
  maxTokenDays: 365,
  scopeModel: 'named-scopes',
  repoAccess: { 'read:repository:bitbucket': 1, 'write:repository:bitbucket': 2, 'admin:repository:bitbucket': 3 },
  gitUsername: () => 'x-bitbucket-api-token-auth',
  restAuth: 'basic',
  limitation:
    'Bitbucket Cloud has no API to create, list or revoke tokens, and app passwords stopped working on 2026-06-09. ' +
    'Create an Atlassian API token with scopes in your browser (read:user:bitbucket lets Latch check whose it is; ' +
    'read:repository:bitbucket and write:repository:bitbucket let git fetch and push), then paste it here: ' +
    'Latch keeps it in the keychain for git until it expires. Revoke it in the browser.',
  manageUrl: () => 'https://id.atlassian.com/manage-profile/security/api-tokens',
  secretFormats: [
    { kind: 'bitbucket-cloud-app-password', matches: (secret) => secret.startsWith('ATBB'), dead: true, describe: () => 'a Bitbucket Cloud app password' },
    { kind: 'atlassian-api-token', matches: (secret) => secret.startsWith('ATATT'), describe: () => 'an Atlassian API token (used with Bitbucket Cloud)' },
    {
      kind: 'bitbucket-cloud-access-token',
      matches: (secret) => secret.startsWith('ATCTT'),
      describe: () => 'a Bitbucket Cloud repository, project or workspace access token',
    },
  ],
  implemented: true,
};
