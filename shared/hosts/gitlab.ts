// GitLab (gitlab.com and self-managed): personal tokens listed, revoked and rotated by API; project and
// group tokens created by API; any personal token can revoke itself (shared reference hosts-next.md §2).
import type { HostEntry } from './types';

export const gitlab: HostEntry = {
  label: 'GitLab',
  glyph: { letters: 'GL', light: '#b1341a', dark: '#c2431f' },
  createByApi: true,
  listByApi: true,
  revokeByApi: true,
  rotateByApi: true,
  revokeBySecret: true,
  owners: ['project'],
  managementAuth: 'A personal access token with the api scope.',
  signIn: 'api-token',
  twoFactor: false,
  browserToken: null,
  fixedBaseUrl: null,
  maxTokenDays: 365,
  scopeModel: 'named-scopes',
  repoAccess: { read_repository: 1, write_repository: 2, api: 2 },
  gitUsername: () => 'oauth2',
  restAuth: 'private-token',
  limitation: 'Personal access tokens can only be created in the browser; project and group tokens by API.',
  manageUrl: (baseUrl) => `${baseUrl}/-/user_settings/personal_access_tokens`,
  secretFormats: [
    {
      kind: 'gitlab',
      matches: (secret) => /^gl[a-z]{1,5}-/.test(secret),
      describe: (secret) => (secret.trim().startsWith('glpat-') ? 'a GitLab personal, project or group access token' : 'a GitLab token'),
    },
  ],
  implemented: false,
};
